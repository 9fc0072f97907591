import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mailmanSystem } from '../../activities/access/mailman';
import { mediawikiSystem } from '../../activities/access/mediawiki';
import { znunySystem } from '../../activities/access/znuny';
import { accessReconciliationWorkflow } from '../../workflows/reconciliation-workflow';
import { apiCaller } from '../support/api-call';
import { climbToSE } from '../support/cacert-journey';
import { eventually } from '../../tools/testkit/eventually';
import { startFakeMailman, type FakeMailman } from '../support/fake-mailman';
import { BOT, startFakeMediaWiki, type FakeMediaWiki } from '../support/fake-mediawiki';
import { startFakeZnuny, type FakeZnuny } from '../support/fake-znuny';
import { laddersWithShortTenure } from '../../tools/testkit/short-tenure-ladders';
import { startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { startSystem, type TestSystem } from '../support/system';
import { formInject } from '../../tools/testkit/link-form';

const LISTS = 'lists.cacert.example';

/**
 * CAcert's access on the dev server with the real worker: the board's
 * approval of Triage => SE gives the OTRS role and admin flag (Znuny's agent
 * web service), the wiki group (MediaWiki) and the lists (Mailman), each
 * speaking its real protocol to an in-process stand-in; the revocation takes
 * it all away; drift put into the systems is repaired by reconciliation.
 */
describe('CAcert access follows the ladder', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;
  let znuny: FakeZnuny;
  let wiki: FakeMediaWiki;
  let mailman: FakeMailman;
  beforeAll(async () => {
    [smtp, znuny, wiki, mailman] = await Promise.all([
      startSmtpCapture(),
      startFakeZnuny(),
      startFakeMediaWiki(),
      startFakeMailman(),
    ]);
    for (const role of ['Triage', 'SE', 'CaseManager']) znuny.roles.add(role);
    znuny.agents.set('stnick', { Login: 'stnick', Valid: 0, Roles: new Set(), Admin: 0 });
    wiki.settable.add('SupportEngineerGroup');
    wiki.users.set('StNick', new Set());
    for (const list of ['cacert-support-engineer', 'cacert-disputes']) mailman.lists.add(`${list}.${LISTS}`);
    system = await startSystem({
      smtpUrl: smtp.url,
      env: { LADDERS_DIR: laddersWithShortTenure(mkdtempSync(path.join(tmpdir(), 'trustladder-ladders-'))) },
      systems: {
        otrs: znunySystem({ url: znuny.serviceUrl }),
        wiki: mediawikiSystem({ apiUrl: wiki.apiUrl, ...BOT }),
        mailman: mailmanSystem({ url: mailman.restUrl, listDomain: LISTS }),
      },
    });
  });
  afterAll(async () => {
    await system?.stop();
    await Promise.all([smtp?.close(), znuny?.close(), wiki?.close(), mailman?.close()]);
  });

  const call = apiCaller(() => system.app);
  const irc = async () =>
    (
      await system.pool.query<{ entitlement: string }>(
        "SELECT entitlement FROM directory_access WHERE system = 'irc' AND identity = 'stnick'",
      )
    ).rows.map((r) => r.entitlement);
  /** What each system holds for St Nick, as one comparable value. */
  const held = async (email: string) => {
    const agent = znuny.agents.get('stnick')!;
    const lists = mailman.members
      .filter((m) => m.email === email)
      .map((m) => `${m.list_id.replace(`.${LISTS}`, '')}${m.moderation_action === 'defer' ? ' (may post)' : ''}`)
      .sort();
    return {
      otrs: { valid: agent.Valid, roles: [...agent.Roles].sort(), admin: agent.Admin },
      wiki: [...wiki.users.get('StNick')!].sort(),
      lists,
      irc: await irc(),
    };
  };
  const SE_ACCESS = {
    otrs: { valid: 1, roles: ['SE'], admin: 1 },
    wiki: ['SupportEngineerGroup'],
    lists: ['cacert-disputes (may post)', 'cacert-support-engineer (may post)'],
    irc: ['channel:#se'],
  };

  test('when the board approves Triage => SE, then the OTRS role and admin flag, the wiki group and the lists follow within seconds; drift is repaired; a revocation takes it all away', async () => {
    const journey = await climbToSE(
      {
        call,
        key: (role, options) => system.keyFor(role, options),
        confirm: async (link) => (await system.app.inject(formInject(link))).statusCode,
        mailTo: (address, subject) =>
          smtp.waitFor((m) => JSON.stringify(m.to).includes(address) && (m.subject ?? '').includes(subject)),
        tenureServed: async (id, leader) => {
          await eventually(
            () => call('GET', `/v1/contributors/${id}`, leader),
            (r) =>
              (r.body.steps as { id: string; status: string }[]).some((s) => s.id === 'tenure' && s.status === 'done'),
          );
        },
        serveTenure: async () => undefined,
      },
      'St Nick',
      async (id, leader) => {
        expect(
          (
            await call('PUT', `/v1/contributors/${id}/identities`, leader, {
              otrs: 'stnick',
              wiki: 'StNick',
              irc: 'stnick',
            })
          ).status,
        ).toBe(200);
      },
    );
    // Triage's access came first: the agent account, role Triage, the lists, #se; no wiki group yet.
    const seAccess = await eventually(
      () => held(journey.email),
      (h) => JSON.stringify(h) === JSON.stringify(SE_ACCESS),
      10_000,
    );
    const decisionToAccessMs = Date.now() - journey.decidedAt;
    expect(seAccess).toEqual(SE_ACCESS);
    expect(decisionToAccessMs).toBeLessThan(10_000);
    const revokedOnTheWay = await system.pool.query(
      "SELECT details->>'entitlement' AS e FROM audit_events WHERE contributor_id = $1 AND action = 'access.revoked'",
      [journey.id],
    );
    expect(revokedOnTheWay.rows).toEqual([{ e: 'role:Triage' }]);

    // Someone edits the systems by hand: the wiki group is taken away, the old role put back.
    wiki.users.get('StNick')!.delete('SupportEngineerGroup');
    znuny.agents.get('stnick')!.Roles.add('Triage');
    const report = await system.temporal.workflow.execute(accessReconciliationWorkflow, {
      taskQueue: system.config.TEMPORAL_TASK_QUEUE,
      workflowId: `reconcile-${Date.now()}`,
      args: [{}],
    });
    // Other contributors in the test database may lack accounts in the stand-ins; none of St Nick's grants failed.
    expect(report.errors.filter((e) => ['stnick', 'StNick', journey.email].includes(e.identity ?? ''))).toEqual([]);
    expect(report.granted).toContainEqual({
      system: 'wiki',
      entitlement: 'group:SupportEngineerGroup',
      identity: 'StNick',
    });
    expect(report.revoked).toContainEqual({ system: 'otrs', entitlement: 'role:Triage', identity: 'stnick' });
    expect(await held(journey.email)).toEqual(SE_ACCESS);

    expect(
      (
        await call('POST', `/v1/contributors/${journey.id}/revocations`, journey.leader, {
          kind: 'revoke',
          reason: 'broken trust',
        })
      ).status,
    ).toBe(200);
    const gone = { otrs: { valid: 0, roles: [], admin: 0 }, wiki: [], lists: [], irc: [] };
    expect(
      await eventually(
        () => held(journey.email),
        (h) => JSON.stringify(h) === JSON.stringify(gone),
      ),
    ).toEqual(gone);
  }, 120_000);
});
