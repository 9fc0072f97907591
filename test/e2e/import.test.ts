import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkRows } from '../../api/use-cases/import/check-rows';
import { recordArrival } from '../../api/use-cases/import/people';
import { contributorIdFor } from '../../platform/contributor-ids';
import { readImportFile } from '../../platform/import-file';
import { accessReconciliationWorkflow } from '../../workflows/reconciliation-workflow';
import { directoryGrant } from '../../store/directory';
import { formInject } from '../../tools/testkit/link-form';
import { eventually } from '../../tools/testkit/eventually';
import { linksIn, startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { apiCaller } from '../support/api-call';
import { startSystem, type TestSystem } from '../support/system';

const run = Date.now().toString(36);
const email = (name: string) => `${name}.${run}@guild.example`;
const id = (name: string) => contributorIdFor('guild', email(name));

/** The guild as it stands before trustladder: two trusted people who vouched for each other and a member. */
const TEAM = [
  'name,email,ladder,level,since,agreements,sponsors,identity:wiki',
  `Ada Lovelace,${email('ada')},guild,trusted,2019-04-01,charter@2,${email('grace')},AdaL`,
  `Grace Hopper,${email('grace')},guild,trusted,2020-01-15,charter@1,${email('ada')},`,
  `Alan Turing,${email('alan')},guild,member,2024-06-30T12:00:00Z,,,`,
  '',
].join('\n');

/**
 * An existing team comes in from a file, on the dev server with the real
 * worker: checked first, planned by a dry run, then imported at its levels
 * with that level's access, and imported again to no effect. Then the
 * imported people sponsor a newcomer through the recommendation gate.
 */
describe('importing an existing team', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;
  let admin: string;
  const ladders = path.join(__dirname, '../fixtures/ladders');
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await startSystem({ smtpUrl: smtp.url, env: { LADDERS_DIR: ladders } });
    admin = await system.keyFor('admin');
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  const call = apiCaller(() => system.app);
  const importFile = (file: string, dryRun = false, key = admin) =>
    call('POST', '/v1/imports', key, { file, fileName: 'guild.csv', dryRun });
  const rows = async (sql: string, params: unknown[]) =>
    (await system.pool.query<Record<string, unknown>>(sql, params)).rows;
  const everyone = [id('ada'), id('grace'), id('alan')];
  const directory = async (identity: string) =>
    (
      await rows("SELECT system || ' ' || entitlement AS grant FROM directory_access WHERE identity = $1 ORDER BY 1", [
        identity,
      ])
    ).map((r) => r.grant as string);
  const status = (who: string) => call('GET', `/v1/contributors/${who}`, admin);

  test('a file with a bad row is refused naming its line and field, and imports nobody', async () => {
    const bad = TEAM.replace(`${email('grace')},guild,trusted`, `${email('grace')},guild,wizard`).replace(
      '2024-06-30T12:00:00Z',
      '2024-02-30',
    );
    const refused = await importFile(bad);
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toMatch(/^nothing was imported: 2 problems, the first on line 3 \(level\)/);
    expect(refused.body.problems).toEqual([
      { line: 3, field: 'level', problem: expect.stringContaining('no level "wizard"') as unknown },
      { line: 4, field: 'since', problem: expect.stringContaining('"2024-02-30" is not a date') as unknown },
    ]);
    const unknownSponsor = await importFile(
      TEAM.replace(`charter@1,${email('ada')}`, 'charter@1,nobody@guild.example'),
    );
    expect(unknownSponsor.body.problems).toEqual([
      { line: 3, field: 'sponsors', problem: 'nobody@guild.example is neither in this file nor on the Guild ladder' },
    ]);
    const twice = await importFile(`${TEAM}Ada Again,${email('ada')},guild,member,2021-01-01,,,\n`);
    expect(twice.body.problems).toEqual([
      { line: 5, field: 'email', problem: `${email('ada')} is already on line 2 for the same ladder` },
    ]);
    expect(await rows('SELECT id FROM contributors WHERE id = ANY($1)', [everyone])).toEqual([]);
  });

  test('a team leader of another ladder may not import onto this one', async () => {
    const other = await system.keyFor('team-leader', { ladder: 'council' });
    const refused = await importFile(TEAM, false, other);
    expect(refused.status).toBe(403);
    expect((refused.body.problems as unknown[])[0]).toEqual({
      line: 2,
      field: 'ladder',
      problem: 'you do not lead the ladder "guild"',
    });
  });

  test('the dry run shows each grant against what the system holds, and changes nothing', async () => {
    // Ada is on the list already, and holds more than her level carries; Alan is in the wiki group of a level above his.
    await directoryGrant(system.pool, 'lists', 'member:guild', email('ada'));
    await directoryGrant(system.pool, 'lists', 'post:guild', email('ada'));
    await directoryGrant(system.pool, 'wiki', 'group:Trusted', email('alan'));
    const plan = await importFile(TEAM, true);
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ dryRun: true, imported: 0, toImport: 3, unchanged: 0 });
    const ada = (plan.body.people as { email: string; access: unknown }[]).find((p) => p.email === email('ada'))!;
    expect(ada).toMatchObject({ line: 2, level: 'trusted', outcome: 'to import' });
    expect(ada.access).toEqual([
      { system: 'lists', entitlement: 'member:guild', identity: email('ada'), state: 'already there' },
      { system: 'wiki', entitlement: 'group:Trusted', identity: 'AdaL', state: 'to grant' },
    ]);
    const alan = (plan.body.people as { email: string; access: unknown }[]).find((p) => p.email === email('alan'))!;
    expect(alan.access).toEqual([
      { system: 'lists', entitlement: 'member:guild', identity: email('alan'), state: 'to grant' },
      { system: 'wiki', entitlement: 'group:Trusted', identity: email('alan'), state: 'kept beyond the level' },
    ]);
    expect(await rows('SELECT id FROM contributors WHERE id = ANY($1)', [everyone])).toEqual([]);
    expect(await directory('AdaL')).toEqual([]);
  });

  test('the import puts each person at their level since the file says, with its access; again, it changes nothing', async () => {
    const done = await importFile(TEAM);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ dryRun: false, imported: 3, unchanged: 0 });

    const ada = await eventually(
      () => status(id('ada')),
      (r) => r.status === 200 && r.body.level === 'trusted',
    );
    expect(ada.body).toMatchObject({ state: 'active', levelSince: '2019-04-01T00:00:00.000Z' });
    expect((await status(id('alan'))).body).toMatchObject({
      level: 'member',
      levelSince: '2024-06-30T12:00:00.000Z',
    });
    // The level's access, with what Ada held already adopted and nothing taken away.
    expect(
      await eventually(
        () => directory('AdaL'),
        (g) => g.length === 1,
      ),
    ).toEqual(['wiki group:Trusted']);
    expect(await directory(email('ada'))).toEqual(['lists member:guild', 'lists post:guild']);
    expect(
      await eventually(
        () => directory(email('alan')),
        (g) => g.length === 2,
      ),
    ).toEqual(['lists member:guild', 'wiki group:Trusted']);
    // Reconciliation leaves what Alan held before the import, beyond his level.
    const report = await system.temporal.workflow.execute(accessReconciliationWorkflow, {
      taskQueue: system.config.TEMPORAL_TASK_QUEUE,
      workflowId: `reconcile-after-import-${run}`,
      args: [{ dryRun: false }],
    });
    expect(report.revoked).not.toContainEqual(expect.objectContaining({ identity: email('alan') }));
    expect(await directory(email('alan'))).toEqual(['lists member:guild', 'wiki group:Trusted']);

    const audit = await rows(
      "SELECT actor, details FROM audit_events WHERE action = 'contributor.imported' AND contributor_id = ANY($1) ORDER BY details->>'line'",
      [everyone],
    );
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({
      actor: expect.stringMatching(/^admin:/) as unknown,
      details: {
        file: done.body.sha256,
        fileName: 'guild.csv',
        line: 2,
        level: 'trusted',
        since: '2019-04-01T00:00:00.000Z',
        agreements: { charter: '2' },
        sponsors: [id('grace')],
      },
    });
    expect(audit[2]).toMatchObject({ details: { adopted: [{ system: 'wiki', entitlement: 'group:Trusted' }] } });
    expect(await rows('SELECT sponsor_id FROM sponsorships WHERE contributor_id = $1', [id('grace')])).toEqual([
      { sponsor_id: id('ada') },
    ]);

    const again = await importFile(TEAM);
    expect(again.body).toMatchObject({ imported: 0, unchanged: 3 });
    expect((again.body.people as { outcome: string; holds: string }[]).map((p) => [p.outcome, p.holds])).toEqual([
      ['already on the ladder', 'trusted'],
      ['already on the ladder', 'trusted'],
      ['already on the ladder', 'member'],
    ]);
    expect(
      await rows(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'contributor.imported' AND contributor_id = ANY($1)",
        [everyone],
      ),
    ).toEqual([{ n: 3 }]);
  });

  test('an import that stopped between a row and its workflow is finished by importing the file again', async () => {
    const file = `name,email,ladder,level,since\nHedy Lamarr,${email('hedy')},guild,member,2023-03-03\n`;
    // The import as it stood when it stopped: Hedy's row and audit row written, her workflow never started.
    const operator = { id: 'operator', name: 'operator', role: 'admin' as const, contributorId: null, ladderId: null };
    const [row] = checkRows(readImportFile(file, 'csv').rows, system.app.ladders, operator, () => false).rows;
    expect(await recordArrival(system.app, operator, row!, { sha256: 'stopped' })).toBe(true);
    expect((await status(id('hedy'))).status).toBe(404);

    expect((await importFile(file)).body).toMatchObject({ imported: 0, unchanged: 1 });
    const hedy = await eventually(
      () => status(id('hedy')),
      (r) => r.status === 200 && r.body.level === 'member',
    );
    expect(hedy.body).toMatchObject({ state: 'active', levelSince: '2023-03-03T00:00:00.000Z' });
  });

  test('imported sponsors meet the recommendation gate of a newcomer', async () => {
    const leader = await system.keyFor('team-leader', { ladder: 'guild' });
    const linus = await call('POST', '/v1/contributors', leader, {
      name: 'Linus',
      email: email('linus'),
      ladder: 'guild',
    });
    const newcomer = linus.body.id as string;
    expect((await call('POST', `/v1/contributors/${newcomer}/checks`, leader, { check: 'known' })).status).toBe(200);
    await eventually(
      () => status(newcomer),
      (r) => r.body.level === 'member' && r.body.state === 'active',
    );
    expect((await call('POST', `/v1/contributors/${newcomer}/promotions`, leader, {})).status).toBe(201);
    for (const sponsor of ['ada', 'grace']) {
      expect(
        await call('POST', `/v1/contributors/${newcomer}/sponsors`, leader, { sponsor: id(sponsor) }),
      ).toMatchObject({
        status: 200,
        body: { sponsorId: id(sponsor) },
      });
      const mail = await smtp.waitFor(
        (m) => JSON.stringify(m.to).includes(email(sponsor)) && (m.subject ?? '').includes('vouch for Linus'),
      );
      expect((await system.app.inject(formInject(linksIn(mail)[0]!))).statusCode).toBe(200);
    }
    const trusted = await eventually(
      () => status(newcomer),
      (r) => r.body.level === 'trusted',
    );
    expect(trusted.body.promotion).toMatchObject({ target: 'trusted', state: 'passed' });
  });

  test('npm run import reads the file, and refuses a bad one naming the line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-'));
    const file = path.join(dir, 'team.csv');
    writeFileSync(file, TEAM);
    const env = {
      ...process.env,
      DATABASE_URL: system.config.DATABASE_URL,
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? process.env.TEST_TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: system.config.TEMPORAL_TASK_QUEUE,
      LADDERS_DIR: ladders,
    };
    const cli = (args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/import.ts', ...args], {
        cwd: path.join(__dirname, '../..'),
        env,
      }).then(
        (r) => ({ code: 0, ...r }),
        (err: { code: number; stdout: string; stderr: string }) => err,
      );
    const again = await cli([file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing changed: all 3 are already on their ladder');

    writeFileSync(file, TEAM.replace(',guild,member,', ',guild,apprentice,'));
    const refused = await cli([file, '--dry-run']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 4, level: the Guild ladder has no level "apprentice"');
  });
});
