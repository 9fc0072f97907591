import path from 'node:path';
import { mediawikiSystem } from '../../activities/access/mediawiki';
import { contributorIdFor } from '../../platform/contributor-ids';
import { eventually } from '../../tools/testkit/eventually';
import { startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { activityReadWorkflow } from '../../workflows/activity-read-workflow';
import { apiCaller } from '../support/api-call';
import { startMediaWiki, type MediaWikiServer } from '../support/mediawiki-server';
import { startSystem, type TestSystem } from '../support/system';

const run = Date.now().toString(36);
const email = (name: string) => `${name}.${run}@guild.example`;
const id = (name: string) => contributorIdFor('guild', email(name));

/**
 * Signs of life read from the systems people work in, against the real
 * MediaWiki: two trusted members of the guild come in by import, silent as
 * far as trustladder knows; the one at work on the wiki is recognised and not
 * pinged, the one silent everywhere is. The daily read then finds the second
 * one's later edit.
 */
describe('signs of life read from the systems', () => {
  let smtp: SmtpCapture;
  let wiki: MediaWikiServer;
  let system: TestSystem;
  let admin: string;
  const accounts: Record<string, string> = {};
  beforeAll(async () => {
    [smtp, wiki] = await Promise.all([startSmtpCapture(), startMediaWiki(['Trusted'])]);
    accounts.ada = wiki.register(`ada${run}`);
    accounts.bob = wiki.register(`bob${run}`);
    system = await startSystem({
      smtpUrl: smtp.url,
      env: { LADDERS_DIR: path.join(__dirname, '../fixtures/ladders') },
      systems: { wiki: mediawikiSystem({ apiUrl: wiki.apiUrl, user: wiki.user, password: wiki.password }) },
    });
    admin = await system.keyFor('admin');
  });
  afterAll(async () => {
    await system?.stop();
    await Promise.all([smtp?.close(), wiki?.close()]);
  });

  const call = apiCaller(() => system.app);
  const status = async (who: string) =>
    (await call('GET', `/v1/contributors/${who}`, admin)).body as {
      level: string;
      lastActiveAt?: string;
      inactivity?: { pingedAt?: string };
    };
  const groupsOnWiki = async (user: string) => {
    const r = await fetch(`${wiki.apiUrl}?action=query&list=users&ususers=${user}&usprop=groups&format=json`);
    return ((await r.json()) as { query: { users: { groups: string[] }[] } }).query.users[0]!.groups;
  };
  const lastEdit = async (user: string) => {
    const r = await fetch(`${wiki.apiUrl}?action=query&list=usercontribs&ucuser=${user}&uclimit=1&format=json`);
    return new Date(
      ((await r.json()) as { query: { usercontribs: { timestamp: string }[] } }).query.usercontribs[0]!.timestamp,
    ).toISOString();
  };
  const seenOnWiki = (who: string) =>
    system.pool.query<{ details: { source: string; at: string } }>(
      "SELECT details FROM audit_events WHERE contributor_id = $1 AND action = 'contributor.alive' ORDER BY chain_seq",
      [who],
    );
  const pings = (address: string) =>
    smtp.messages.filter((m) => JSON.stringify(m.to).includes(address) && m.subject === 'Are you still with Guild?');

  test('someone at work on the wiki is not pinged; someone silent everywhere is', async () => {
    wiki.edit(accounts.ada!, 'Guild meeting', 'Minutes of the guild meeting.');
    const adaEdited = await lastEdit(accounts.ada!);
    const team = [
      'name,email,ladder,level,since,identity:wiki',
      `Ada,${email('ada')},guild,trusted,2019-01-01,${accounts.ada}`,
      `Bob,${email('bob')},guild,trusted,2019-01-01,${accounts.bob}`,
    ].join('\n');
    expect((await call('POST', '/v1/imports', admin, { file: team, fileName: 'guild.csv' })).body).toMatchObject({
      imported: 2,
    });

    await smtp.waitFor((m) => JSON.stringify(m.to).includes(email('bob')) && m.subject === 'Are you still with Guild?');
    const ada = await eventually(
      () => status(id('ada')),
      (s) => s.lastActiveAt === adaEdited,
    );
    expect(ada).toMatchObject({ level: 'trusted', state: 'active' });
    expect(ada.inactivity).toBeUndefined();
    expect((await seenOnWiki(id('ada'))).rows).toEqual([{ details: { source: 'wiki', at: adaEdited } }]);
    expect(pings(email('ada'))).toEqual([]);
    // The ping is mailed, then recorded as sent.
    await eventually(
      () => status(id('bob')),
      (s) => s.inactivity?.pingedAt !== undefined,
    );
    // Both hold the wiki group their level carries.
    for (const who of [accounts.ada!, accounts.bob!])
      expect(
        await eventually(
          () => groupsOnWiki(who),
          (groups) => groups.includes('Trusted'),
        ),
      ).toContain('Trusted');
  });

  test('the daily read turns a later edit into a sign of life, which ends the wait for an answer', async () => {
    wiki.edit(accounts.bob!, 'Guild meeting', 'Minutes, with corrections.');
    const bobEdited = await lastEdit(accounts.bob!);
    const result = await system.temporal.workflow.execute(activityReadWorkflow, {
      taskQueue: system.config.TEMPORAL_TASK_QUEUE,
      workflowId: `activity-read-${run}`,
      args: [],
    });
    expect(result.signs).toBeGreaterThanOrEqual(1);
    const bob = await eventually(
      () => status(id('bob')),
      (s) => s.lastActiveAt === bobEdited,
    );
    expect(bob.inactivity).toBeUndefined();
    expect((await seenOnWiki(id('bob'))).rows).toEqual([{ details: { source: 'wiki', at: bobEdited } }]);
    // Ada's edit was counted already: nothing new to tell her workflow.
    expect((await seenOnWiki(id('ada'))).rows).toHaveLength(1);
  });
});
