import { climbToSE } from '../support/cacert-journey';
import { startTimeSkippingSystem, type SkippingSystem } from '../support/time-skipping-system';

/**
 * One contributor from Assurer to Support Engineer, through the API only:
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

  test('when every gate is passed through the API, then the contributor climbs Assurer => Triage => SE, and each decision is audited', async () => {
    const { id } = await climbToSE(
      {
        call: (...args) => system.call(...args),
        key: (...args) => system.key(...args),
        confirm: (link) => system.follow(link),
        mailTo: (address, subject) => system.mailTo(address, subject),
        serveTenure: () => system.env.sleep('91 days'),
      },
      'St Nick',
    );

    const audit = await system.pool.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE contributor_id = $1 ORDER BY id',
      [id],
    );
    const actions = audit.rows.map((r) => r.action);
    for (const action of [
      'dispute.filed',
      'dispute.verdict',
      'motion.opened',
      'motion.vote',
      'challenge.attempt-failed',
      'promotion.passed',
      'level.entered',
    ])
      expect(actions).toContain(action);
    expect(actions.filter((a) => a === 'level.entered')).toHaveLength(3);
  }, 120_000);
});
