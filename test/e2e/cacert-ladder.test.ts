import { eventually } from '../support/eventually';
import { linksIn } from '../support/smtp-capture';
import { startTimeSkippingSystem, type SkippingSystem } from '../support/time-skipping-system';

/**
 * One contributor from Assurer to Support Engineer, through the API only, as
 * the team leader, the candidate, arbitration and the board would do it:
 * the real worker and activities, PostgreSQL and SMTP, on the time-skipping
 * server so that the 90 days of Triage service pass in a moment.
 */
describe('the CAcert Support ladder, Assurer to SE', () => {
  let system: SkippingSystem;
  beforeAll(async () => {
    system = await startTimeSkippingSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const key = (...args: Parameters<SkippingSystem['key']>) => system.key(...args);
  const call = (...args: Parameters<SkippingSystem['call']>) => system.call(...args);
  const confirm = (link: string) => system.follow(link);
  const mailTo = (address: string, subject: string) => system.mailTo(address, subject);

  test('when every gate is passed through the API, then the contributor climbs Assurer => Triage => SE, and each decision is audited', async () => {
    const leader = await key('team-leader');
    const email = `st.nick.${Date.now()}@example.org`;

    // Assurer: the CCA from the welcome mail, and the team leader's check.
    const created = await call('POST', '/v1/contributors', leader, { name: 'St Nick', email, ladder: 'cacert-support' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const link of linksIn(await mailTo(email, 'Welcome'))) expect(await confirm(link)).toBe(200);
    expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { check: 'assurer' })).body).toMatchObject({ level: 'assurer' });

    // Triage: DRP and SP from the mail (the CCA carries over), checks and challenges by the team leader.
    const toTriage = await call('POST', `/v1/contributors/${id}/promotions`, leader, { note: 'recommended by the Help Team' });
    expect(toTriage).toMatchObject({ status: 201, body: { target: 'triage' } });
    const triageLinks = linksIn(await mailTo(email, 'Triage'));
    expect(triageLinks).toHaveLength(2);
    for (const link of triageLinks) expect(await confirm(link)).toBe(200);
    for (const check of ['recommendation', 'smime', 'welcome-pack']) expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { check })).status).toBe(200);
    expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { challenge: 'Support-1', result: 'failed' })).status).toBe(200);
    for (const challenge of ['Support-1', 'Triage-1', 'Triage-2']) expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { challenge, result: 'passed' })).status).toBe(200);
    expect((await call('GET', `/v1/contributors/${id}`, leader)).body).toMatchObject({ level: 'triage' });

    // SE: challenges, the Arbitrated Background Check, the board's motion, and 90 days as Triage.
    const toSE = await call('POST', `/v1/contributors/${id}/promotions`, leader);
    expect(toSE).toMatchObject({ status: 201, body: { target: 'se' } });
    for (const challenge of ['Triage-3', 'Support-2']) expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { challenge, result: 'passed' })).status).toBe(200);

    const disputeMail = await mailTo('arbitration@cacert.example', 'Arbitrated Background Check over St Nick');
    expect(disputeMail.text).toContain(`Please file DISPUTE to request Arbitrated Background Check over St Nick <${email}>`);
    expect(disputeMail.text).toContain('Security Policy 9.1.4.2');
    const arbitrator = await key('arbitrator');
    const disputes = (await call('GET', '/v1/disputes?status=open', arbitrator)).body as unknown as { id: string; contributorId: string }[];
    const dispute = disputes.find((d) => d.contributorId === id)!;
    expect(await call('POST', `/v1/disputes/${dispute.id}/verdict`, arbitrator, { verdict: 'positive', note: 'no concerns' })).toMatchObject({ status: 200, body: { state: 'positive' } });

    const motions = (await call('GET', '/v1/motions?status=open', await key('board'))).body as unknown as { id: string; contributorId: string; title: string; quorum: number }[];
    const motion = motions.find((m) => m.contributorId === id)!;
    expect(motion).toMatchObject({ title: 'Appoint St Nick as Support Engineer (Security Policy 9.1.4.2)', quorum: 4 });
    const ownCase = await call('POST', `/v1/motions/${motion.id}/votes`, await key('board', { contributorId: id }), { vote: 'approve' });
    expect(ownCase).toMatchObject({ status: 409, body: { detail: 'a board member never votes on their own case' } });
    for (let i = 0; i < 4; i++) expect((await call('POST', `/v1/motions/${motion.id}/votes`, await key('board'), { vote: 'approve' })).status).toBe(200);
    expect((await call('GET', `/v1/contributors/${id}`, leader)).body).toMatchObject({ level: 'triage', state: 'promoting' });

    await system.env.sleep('91 days');
    const se = await eventually(() => call('GET', `/v1/contributors/${id}`, leader), (r) => r.body.level === 'se');
    expect(se.body).toMatchObject({ level: 'se', state: 'active', history: [{ level: 'assurer' }, { level: 'triage' }, { level: 'se' }] });

    const audit = await system.pool.query<{ action: string }>('SELECT action FROM audit_events WHERE contributor_id = $1 ORDER BY id', [id]);
    const actions = audit.rows.map((r) => r.action);
    for (const action of ['dispute.filed', 'dispute.verdict', 'motion.opened', 'motion.vote', 'challenge.attempt-failed', 'promotion.passed', 'level.entered']) expect(actions).toContain(action);
    expect(actions.filter((a) => a === 'level.entered')).toHaveLength(3);
  }, 120_000);
});
