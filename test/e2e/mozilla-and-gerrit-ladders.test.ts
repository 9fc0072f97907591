import type { ParsedMail } from 'mailparser';
import { apiCaller } from '../support/api-call';
import { eventually } from '../../tools/testkit/eventually';
import { linksIn, startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { startSystem, type TestSystem } from '../support/system';
import { formInject } from '../../tools/testkit/link-form';

/**
 * Mozilla Community IT and MidoNet Gerrit on real parts: access decided by
 * the module owner or by a majority of peers voting from emailed ballots
 * (agree, abstain, disagree, block), the NDA asked only for sensitive access,
 * and Gerrit's admins kept out of every decision.
 */
describe('peer-decided ladders: Mozilla Community IT and MidoNet Gerrit', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;
  /** Each ladder has its own team leader: a key acts on one ladder only. */
  let leader: string;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await startSystem({ smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  const call = apiCaller(() => system.app);
  const view = (id: string) => call('GET', `/v1/contributors/${id}`, leader);
  const settled = (id: string) =>
    eventually(
      () => view(id),
      (r) => (r.body.promotion as { state: string } | null)?.state !== 'open',
    );
  const open = (link: string) => system.app.inject({ method: 'GET', url: new URL(link).pathname });
  const post = (link: string, form?: Record<string, string>) => system.app.inject(formInject(link, form));
  const mailFor = (email: string, subject: string) =>
    smtp.waitFor((m: ParsedMail) => JSON.stringify(m.to).includes(email) && (m.subject ?? '').includes(subject));

  /** A person onboarded onto `ladder` and taken through its entry level (its welcome mail's links, if any, and a check); answers their id and email. */
  async function entered(
    ladder: string,
    name: string,
    check: string,
    welcome = true,
  ): Promise<{ id: string; email: string }> {
    const email = `${name.toLowerCase()}.${Date.now()}@${ladder}.example`;
    const { body } = await call('POST', '/v1/contributors', leader, { name, email, ladder });
    const id = body.id as string;
    if (welcome)
      for (const link of linksIn(await mailFor(email, 'Welcome'))) expect((await post(link)).statusCode).toBe(200);
    expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { check })).status).toBe(200);
    await settled(id);
    return { id, email };
  }
  const propose = async (id: string) =>
    expect((await call('POST', `/v1/contributors/${id}/promotions`, leader)).status).toBe(201);

  test('when the module owner approves one person and the peers vote on the next, then access follows the vote, a block refuses, and the NDA comes only with sensitive access', async () => {
    leader = await system.keyFor('team-leader', { ladder: 'mozilla-community-it' });
    const olivia = await entered('mozilla-community-it', 'Olivia', 'introduced');
    await propose(olivia.id);
    expect(
      (await call('POST', `/v1/contributors/${olivia.id}/checks`, leader, { check: 'owner-approves' })).status,
    ).toBe(200);
    expect((await settled(olivia.id)).body).toMatchObject({ level: 'access' });

    // Pat: Olivia, the only peer with access, gets a ballot and agrees.
    const pat = await entered('mozilla-community-it', 'Pat', 'introduced');
    await propose(pat.id);
    const [ballot] = linksIn(await mailFor(olivia.email, 'Your vote: Pat for Pathway access'));
    const page = await open(ballot!);
    expect(page.statusCode).toBe(200);
    for (const choice of ['agree', 'abstain', 'disagree', 'block']) expect(page.body).toContain(`value="${choice}"`);
    const unchosen = await post(ballot!, { vote: 'maybe' });
    expect(unchosen.statusCode).toBe(400);
    expect(unchosen.body).toContain('Please choose one of the answers.');
    expect((await post(ballot!, { vote: 'agree' })).statusCode).toBe(200);
    expect((await post(ballot!, { vote: 'agree' })).statusCode).toBe(410);
    const patAccess = await settled(pat.id);
    expect(patAccess.body).toMatchObject({ level: 'access' });
    expect(patAccess.body.steps).toContainEqual(expect.objectContaining({ id: 'peer-vote', status: 'done' }));
    expect((patAccess.body.steps as { id: string }[]).map((s) => s.id)).not.toContain('agreement:NDA');

    // Quinn: two peers now; Pat blocks, which refuses whatever Olivia says.
    const quinn = await entered('mozilla-community-it', 'Quinn', 'introduced');
    await propose(quinn.id);
    const [patsBallot] = linksIn(await mailFor(pat.email, 'Your vote: Quinn'));
    // A block says why; without its statement it is not taken.
    const unexplained = await post(patsBallot!, { vote: 'block' });
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.body).toContain('Please write a statement saying why you disagree or block.');
    const why = 'Quinn has not yet shown they keep credentials safe.';
    expect((await post(patsBallot!, { vote: 'block', statement: why })).statusCode).toBe(200);
    const blocked = await eventually(
      () => view(quinn.id),
      (r) =>
        (r.body.steps as { id: string; status: string }[]).some((s) => s.id === 'peer-vote' && s.status === 'failed'),
    );
    expect(blocked.body).toMatchObject({ level: 'contributor', promotion: { state: 'open' } });
    const [oliviasBallot] = linksIn(await mailFor(olivia.email, 'Your vote: Quinn'));
    expect((await open(oliviasBallot!)).statusCode).toBe(410);

    // Sensitive access asks for the NDA, from the candidate's own link.
    await propose(pat.id);
    const ndaLinks = linksIn(await mailFor(pat.email, 'Sensitive access'));
    expect(ndaLinks).toHaveLength(1);
    expect((await post(ndaLinks[0]!)).statusCode).toBe(200);
    expect((await call('POST', `/v1/contributors/${pat.id}/checks`, leader, { check: 'owner-approves' })).status).toBe(
      200,
    );
    const sensitive = await settled(pat.id);
    expect(sensitive.body).toMatchObject({ level: 'sensitive' });
    expect(sensitive.body.steps).toContainEqual(
      expect.objectContaining({ id: 'agreement:NDA', status: 'done', completedByActor: 'candidate' }),
    );
    const votes = await system.pool.query<{ actor: string; details: { vote: string; statement?: string } }>(
      "SELECT actor, details FROM audit_events WHERE action = 'peer-vote.cast' AND contributor_id = ANY($1) ORDER BY id",
      [[pat.id, quinn.id]],
    );
    expect(votes.rows.map((r) => [r.actor, r.details.vote, r.details.statement])).toEqual([
      [`peer:${olivia.id}`, 'agree', undefined],
      [`peer:${pat.id}`, 'block', why],
    ]);
  }, 120_000);

  test('when a Gerrit core team admits a developer by majority, then they are core, and a Gerrit admin can neither propose, record nor vote', async () => {
    leader = await system.keyFor('team-leader', { ladder: 'midonet-gerrit' });
    const founder = await entered('midonet-gerrit', 'Fiona', 'registered', false);
    await propose(founder.id);
    expect(
      (await call('POST', `/v1/contributors/${founder.id}/checks`, leader, { check: 'founding-core' })).status,
    ).toBe(200);
    expect((await settled(founder.id)).body).toMatchObject({ level: 'core-developer' });

    const dev = await entered('midonet-gerrit', 'Dario', 'registered', false);
    const admin = await system.keyFor('admin');
    expect((await call('POST', `/v1/contributors/${dev.id}/promotions`, admin)).status).toBe(403);
    await propose(dev.id);
    expect((await call('POST', `/v1/contributors/${dev.id}/checks`, admin, { check: 'founding-core' })).status).toBe(
      403,
    );
    expect((await call('GET', '/v1/motions', admin)).status).toBe(403);
    const [ballot] = linksIn(await mailFor(founder.email, 'Your vote: Dario for Core developer'));
    expect((await post(ballot!, { vote: 'agree' })).statusCode).toBe(200);
    expect((await settled(dev.id)).body).toMatchObject({ level: 'core-developer' });
  }, 120_000);
});
