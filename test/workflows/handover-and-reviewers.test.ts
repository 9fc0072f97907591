import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiKey } from '../../platform/api-keys';
import { addStaff } from '../../platform/staff-accounts';
import { eventually } from '../../tools/testkit/eventually';
import { startTimeSkippingSystem, type SkippingSystem } from '../support/time-skipping-system';

const run = Date.now().toString(36);
const OLD_LEAD = `olga.${run}@relay.example`;
const NEW_LEAD = `nia.${run}@relay.example`;
const REVIEWER = `rita.${run}@relay.example`;

/** Entry by a check; the next level waits for two sponsors nobody names, so it stalls: escalated after 14 days. */
const LADDER = `
id: relay
name: Relay
contacts: { teamLeader: "${OLD_LEAD}" }
timing: { escalateAfter: 14d, deadline: 60d }
levels:
  - id: member
    name: Member
    requires: { all: [ { check: known, title: Known to the team } ] }
  - id: trusted
    name: Trusted
    requires: { all: [ { recommendation: { sponsors: 2, atLevel: trusted } } ] }
`;

/**
 * A ladder handed over, and candidates with a named reviewer, on the
 * time-skipping server with the real worker, PostgreSQL and SMTP: a stall is
 * escalated to whoever leads the ladder when it falls due, and to a
 * candidate's reviewer before the team leader.
 */
describe('handover and named reviewers', () => {
  let sys: SkippingSystem;
  let admin: string;
  beforeAll(async () => {
    const ladders = mkdtempSync(path.join(tmpdir(), 'relay-'));
    writeFileSync(path.join(ladders, 'relay.yaml'), LADDER);
    sys = await startTimeSkippingSystem({ LADDERS_DIR: ladders });
    admin = await sys.key('admin');
  });
  afterAll(async () => {
    await sys?.stop();
  });

  const staffKey = async (email: string, name: string) => {
    const { account } = await addStaff(sys.pool, { email, name, role: 'team-leader', ladderId: 'relay' });
    return {
      staffId: account.id,
      ...(await createApiKey(sys.pool, { role: 'team-leader', name, ladderId: 'relay', staffId: account.id })),
    };
  };
  /** A member of the ladder whose promotion to trusted is under way (and stalls). */
  const stalling = async (key: string, name: string) => {
    const { body } = await sys.call('POST', '/v1/contributors', key, {
      name,
      email: `${name.toLowerCase()}.${run}@relay.example`,
      ladder: 'relay',
    });
    const id = body.id as string;
    expect((await sys.call('POST', `/v1/contributors/${id}/checks`, key, { check: 'known' })).status).toBe(200);
    await eventually(
      () => sys.call('GET', `/v1/contributors/${id}`, key),
      (r) => r.body.level === 'member' && r.body.state === 'active',
    );
    expect((await sys.call('POST', `/v1/contributors/${id}/promotions`, key, {})).status).toBe(201);
    return id;
  };
  const stalledMail = (name: string) =>
    sys.smtp.messages.filter((m) => (m.subject ?? '') === `Stalled: ${name}'s way to Trusted`).map((m) => m.to);
  const to = (address: string) => expect.objectContaining({ text: address }) as unknown;

  test('after a handover, a stall is escalated to the successor; the outgoing team leader loses the ladder', async () => {
    const olga = await staffKey(OLD_LEAD, 'Olga');
    await stalling(olga.key, 'Ada');
    await sys.env.sleep('15 days');
    await sys.mailTo(OLD_LEAD, "Stalled: Ada's way to Trusted");

    const handed = await sys.call('POST', '/v1/ladders/relay/handover', admin, { to: NEW_LEAD, name: 'Nia' });
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({
      from: { email: OLD_LEAD, name: 'Olga' },
      to: { email: NEW_LEAD, name: 'Nia' },
      outgoingEnded: true,
      keysRevoked: [olga.id],
      mailed: true,
      open: [expect.objectContaining({ name: 'Ada', target: 'trusted' })],
    });
    const welcome = await sys.mailTo(NEW_LEAD, 'You now lead Relay');
    expect(welcome.text).toContain('- Ada: on the way to trusted, waiting since');
    expect((await sys.call('GET', '/v1/ladders/relay/reviewers', olga.key)).status).toBe(401);
    const audit = await sys.pool.query(
      "SELECT actor, details FROM audit_events WHERE action = 'ladder.handed-over' AND details->>'ladder' = 'relay'",
    );
    expect(audit.rows).toEqual([
      {
        actor: expect.stringMatching(/^admin:/) as unknown,
        details: expect.objectContaining({
          ladder: 'relay',
          from: olga.staffId,
          keysRevoked: [olga.id],
          open: 1,
        }) as unknown,
      },
    ]);

    const nia = await createApiKey(sys.pool, {
      role: 'team-leader',
      name: 'Nia',
      ladderId: 'relay',
      staffId: (handed.body.to as { id: string }).id,
    });
    await stalling(nia.key, 'Bea');
    await sys.env.sleep('15 days');
    await sys.mailTo(NEW_LEAD, "Stalled: Bea's way to Trusted");
    expect(stalledMail('Bea')).toEqual([to(NEW_LEAD)]);
    expect(stalledMail('Ada')).toEqual([to(OLD_LEAD)]);
  });

  test("a named reviewer hears of a stall first, and the team leader only if it stalls on; a reviewer's capacity is kept", async () => {
    const nia = (await createApiKey(sys.pool, { role: 'team-leader', name: 'Nia again', ladderId: 'relay' })).key;
    const rita = await staffKey(REVIEWER, 'Rita');
    expect(
      (await sys.call('PUT', `/v1/ladders/relay/reviewers/${rita.staffId}`, nia, { capacity: 1 })).body,
    ).toMatchObject({ name: 'Rita', capacity: 1, load: 0 });
    const cleo = await stalling(nia, 'Cleo');
    const named = await sys.call('PUT', `/v1/contributors/${cleo}/reviewer`, nia, { reviewer: rita.staffId });
    expect(named.body).toMatchObject({ changed: true, reviewer: { name: 'Rita', load: 1, capacity: 1 } });

    const dora = await stalling(nia, 'Dora');
    const full = await sys.call('PUT', `/v1/contributors/${dora}/reviewer`, nia, { reviewer: rita.staffId });
    expect(full).toMatchObject({
      status: 409,
      body: { detail: 'Rita reviews 1 open candidate already, as many as their capacity of 1' },
    });

    await sys.env.sleep('15 days');
    await sys.mailTo(REVIEWER, "Stalled: Cleo's way to Trusted");
    expect(stalledMail('Cleo')).toEqual([to(REVIEWER)]);
    // Half-way from the escalation to the deadline: the team leader hears.
    await sys.env.sleep('23 days');
    await sys.mailTo(NEW_LEAD, "Stalled: Cleo's way to Trusted");
    expect(stalledMail('Cleo')).toEqual([to(REVIEWER), to(NEW_LEAD)]);
    expect(stalledMail('Dora')).toEqual([to(NEW_LEAD)]);
    const assigned = await sys.pool.query(
      "SELECT action, details FROM audit_events WHERE contributor_id = $1 AND action LIKE 'reviewer.%'",
      [cleo],
    );
    expect(assigned.rows).toEqual([{ action: 'reviewer.assigned', details: { reviewer: rita.staffId } }]);
  });
});
