import { linksIn, startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { apiCaller } from '../support/api-call';
import { eventually } from '../../tools/testkit/eventually';
import { startSystem, type TestSystem } from '../support/system';
import { formInject } from '../../tools/testkit/link-form';

/**
 * Pirate Party IT on real parts: the assembly entrusts the first person by
 * vote; that person entrusts the next one from an emailed link, and answers
 * for them.
 */
describe('the Pirate Party IT ladder', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;
  let leader: string;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await startSystem({ smtpUrl: smtp.url });
    leader = await system.keyFor('team-leader', { ladder: 'pirate-party-it' });
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  const call = apiCaller(() => system.app);
  const level = (id: string) =>
    eventually(
      () => call('GET', `/v1/contributors/${id}`, leader),
      (r) => r.body.promotion !== null && (r.body.promotion as { state: string }).state !== 'open',
    );

  async function member(name: string): Promise<string> {
    const { body } = await call('POST', '/v1/contributors', leader, {
      name,
      email: `${name.toLowerCase()}.${Date.now()}@pirates.example`,
      ladder: 'pirate-party-it',
    });
    const id = body.id as string;
    expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { check: 'party-member' })).body).toMatchObject(
      { level: 'member' },
    );
    await level(id);
    expect((await call('POST', `/v1/contributors/${id}/promotions`, leader)).status).toBe(201);
    return id;
  }

  test('when the assembly entrusts Alice and Alice vouches for Bob, then both are entrusted and Alice answers for Bob', async () => {
    const alice = await member('Alice');
    const board = await system.keyFor('board');
    // The motion's projection is written by the promotion a moment after it starts.
    const motions = await eventually(
      async () =>
        (await call('GET', '/v1/motions?status=open', board)).body as unknown as {
          id: string;
          contributorId: string;
        }[],
      (list) => list.some((m) => m.contributorId === alice),
    );
    const motion = motions.find((m) => m.contributorId === alice)!;
    for (let i = 0; i < 3; i++)
      expect(
        (await call('POST', `/v1/motions/${motion.id}/votes`, await system.keyFor('board'), { vote: 'approve' }))
          .status,
      ).toBe(200);
    expect((await level(alice)).body).toMatchObject({ level: 'entrusted' });

    const bob = await member('Bob');
    const carol = await member('Carol');
    const refused = await call('POST', `/v1/contributors/${bob}/sponsors`, leader, { sponsor: carol });
    expect(refused).toMatchObject({
      status: 409,
      body: { detail: 'a sponsor must be on the Pirate Party IT ladder at entrusted or above' },
    });
    expect((await call('POST', `/v1/contributors/${bob}/sponsors`, leader, { sponsor: bob })).status).toBe(409);

    expect(await call('POST', `/v1/contributors/${bob}/sponsors`, leader, { sponsor: alice })).toMatchObject({
      status: 200,
      body: { sponsorId: alice, name: 'Alice' },
    });
    const mail = await smtp.waitFor((m) => (m.subject ?? '') === 'Will you vouch for Bob in Pirate Party IT?');
    const [link] = linksIn(mail);
    expect((await system.app.inject(formInject(link!))).statusCode).toBe(200);

    const entrusted = await level(bob);
    expect(entrusted.body).toMatchObject({ level: 'entrusted' });
    expect(entrusted.body.steps).toContainEqual(
      expect.objectContaining({ id: 'recommendation', status: 'done', completedByActor: alice }),
    );
    const sponsorships = await system.pool.query(
      'SELECT sponsor_id, level FROM sponsorships WHERE contributor_id = $1',
      [bob],
    );
    expect(sponsorships.rows).toEqual([{ sponsor_id: alice, level: 'entrusted' }]);
    const bobsMotion = (await call('GET', '/v1/motions', await system.keyFor('board'))).body as unknown as {
      contributorId: string;
      state: string;
    }[];
    expect(bobsMotion.find((m) => m.contributorId === bob)).toMatchObject({ state: 'withdrawn' });

    // The public roster, read without a key: who is entrusted and who vouched for them, and nothing personal.
    const roster = await eventually(
      async () =>
        (await system.app.inject({ method: 'GET', url: '/v1/roster?ladder=pirate-party-it' })).json<
          { name: string; entrustedBy: string[] }[]
        >(),
      (entries) => entries.some((e) => e.name === 'Bob' && e.entrustedBy.length > 0),
    );
    expect(roster.find((e) => e.name === 'Bob')).toMatchObject({
      name: 'Bob',
      ladder: 'pirate-party-it',
      level: 'entrusted',
      levelName: 'Entrusted',
      entrustedBy: ['Alice'],
    });
    expect(roster.find((e) => e.name === 'Alice')).toMatchObject({ level: 'entrusted', entrustedBy: [] });
    expect(roster.find((e) => e.name === 'Carol')).toMatchObject({ level: 'member' });
    expect(JSON.stringify(roster)).not.toMatch(/@|[a-f0-9]{24}/);
  });
});
