import { eventually } from '../../tools/testkit/eventually';
import { startFactService, type FactService } from '../support/fact-service';
import { startTimeSkippingSystem, type SkippingSystem } from '../support/time-skipping-system';

const STAFF_FACTS = ['ldap:wmf-or-wmde', 'data.yaml:active', 'data.yaml:analytics_privatedata_users'];

/**
 * Wikimedia GrowthBook on real parts: the lower tiers are granted on
 * conditions alone (a real HTTP fact service answers them), Admin also needs
 * a person; 120 minutes after a tier is entered the team is asked to follow
 * up; a condition lost at the next recheck takes the tier away. On the
 * time-skipping server, so the minutes pass at once.
 */
describe('the Wikimedia GrowthBook ladder', () => {
  let facts: FactService;
  let system: SkippingSystem;
  let leader: string;
  // A server of its own for each test: one test's recheck timers never hold up another's time skipping.
  beforeEach(async () => {
    facts = await startFactService();
    system = await startTimeSkippingSystem({ FACT_SERVICE_URL: facts.url, FACT_SERVICE_TOKEN: facts.token });
    leader = await system.key('team-leader', { ladder: 'wikimedia-growthbook' });
  });
  afterEach(async () => {
    await system?.stop();
    await facts?.close();
  });

  const view = (id: string) => system.call('GET', `/v1/contributors/${id}`, leader);
  const settled = (id: string) =>
    eventually(
      () => view(id),
      (r) => (r.body.promotion as { state: string } | null)?.state !== 'open',
    );
  const onboard = async (name: string, email: string) => {
    const created = await system.call('POST', '/v1/contributors', leader, {
      name,
      email,
      ladder: 'wikimedia-growthbook',
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  test('when a staff member meets the conditions, then ReadOnly and CustomElevatedAccess are granted without a person, Admin waits for one, and the team is asked to follow up', async () => {
    const email = `wanda.${Date.now()}@wikimedia.org`;
    facts.grant(email, ...STAFF_FACTS, 'data.yaml:elevated-groups');
    const wanda = await onboard('Wanda', email);
    const readOnly = await settled(wanda);
    expect(readOnly.body).toMatchObject({ level: 'read-only', state: 'active', promotion: { state: 'passed' } });
    expect(readOnly.body.steps).toContainEqual(
      expect.objectContaining({ id: 'condition:staff-email', status: 'done', completedByActor: 'system' }),
    );

    expect((await system.call('POST', `/v1/contributors/${wanda}/promotions`, leader)).status).toBe(201);
    expect((await settled(wanda)).body).toMatchObject({ level: 'custom-elevated' });

    await system.env.sleep('121 minutes');
    const followUp = await system.mailTo(
      'experiment-platform@wikimedia.example',
      'Follow up: Wanda as CustomElevatedAccess',
    );
    expect(followUp.text).toContain('can they configure experiments in the designated Project?');

    // Admin: the condition holds only with the platform team; the human approval is still needed.
    facts.grant(email, 'team:experiment-platform-or-dpe');
    expect((await system.call('POST', `/v1/contributors/${wanda}/promotions`, leader)).status).toBe(201);
    const waiting = await eventually(
      () => view(wanda),
      (r) =>
        (r.body.steps as { id: string; status: string }[]).some(
          (s) => s.id === 'condition:platform-team' && s.status === 'done',
        ),
    );
    expect(waiting.body).toMatchObject({ level: 'custom-elevated', state: 'promoting' });
    expect(
      (
        await system.call('POST', `/v1/contributors/${wanda}/checks`, leader, {
          check: 'admin-need-confirmed',
          note: 'confirmed on #dpe',
        })
      ).status,
    ).toBe(200);
    expect((await settled(wanda)).body).toMatchObject({ level: 'admin' });
  }, 120_000);

  test('when the address is not a staff address, then ReadOnly is refused and nothing is granted', async () => {
    const email = `eve.${Date.now()}@example.org`;
    facts.grant(email, ...STAFF_FACTS);
    const eve = await onboard('Eve', email);
    const refused = await settled(eve);
    expect(refused.body).toMatchObject({ level: null, promotion: { state: 'failed' } });
    expect(refused.body.steps).toContainEqual(
      expect.objectContaining({ id: 'condition:staff-email', status: 'failed' }),
    );
    const audit = await system.pool.query<{ details: { detail: string } }>(
      "SELECT details FROM audit_events WHERE contributor_id = $1 AND action = 'step.failed'",
      [eve],
    );
    expect(audit.rows[0]?.details.detail).toBe('address at example.org, not wikimedia.org or wikimedia.de');
  }, 60_000);

  test('when a condition of the tier held stops holding, then the next recheck takes the tier away, and a lost staff condition removes all access', async () => {
    const email = `carl.${Date.now()}@wikimedia.de`;
    facts.grant(email, ...STAFF_FACTS, 'data.yaml:elevated-groups');
    const carl = await onboard('Carl', email);
    await settled(carl);
    expect((await system.call('POST', `/v1/contributors/${carl}/promotions`, leader)).status).toBe(201);
    expect((await settled(carl)).body).toMatchObject({ level: 'custom-elevated' });

    facts.withdraw(email, 'data.yaml:elevated-groups');
    await system.env.sleep('31 minutes');
    const demoted = await eventually(
      () => view(carl),
      (r) => r.body.level === 'read-only',
    );
    expect(demoted.body).toMatchObject({ level: 'read-only', state: 'active' });

    facts.withdraw(email, 'data.yaml:active');
    await system.env.sleep('31 minutes');
    const removed = await eventually(
      () => view(carl),
      (r) => r.body.state === 'left',
    );
    expect(removed.body).toMatchObject({ level: null, state: 'left' });
    const audit = await system.pool.query<{ action: string; details: { condition?: string } }>(
      "SELECT action, details FROM audit_events WHERE contributor_id = $1 AND action = 'condition.lost' ORDER BY id",
      [carl],
    );
    expect(audit.rows.map((r) => r.details.condition)).toEqual(['elevated-group', 'data-yaml-active']);
  }, 120_000);
});
