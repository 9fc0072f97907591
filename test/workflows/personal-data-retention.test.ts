import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeAudit } from '../../activities/audit';
import { verifyAuditChain } from '../../store/audit';
import { ensureRetentionSchedule } from '../../worker/schedules';
import { eventually } from '../../tools/testkit/eventually';
import { startSystem, type TestSystem } from '../support/system';

const DAY = 86_400_000;

/**
 * Personal data of people who left is erased after the retention period, by a
 * daily Temporal schedule running the purge on the real worker; the audit
 * chain still verifies afterwards.
 */
describe('personal data retention', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ env: { PERSONAL_DATA_RETENTION_DAYS: '30' } });
  });
  afterAll(async () => {
    await system?.stop();
  });

  /** A contributor's rows as the workflows leave them: the projection, an audit row with personal details, a motion, the mail log, the workflows' views. */
  async function contributor(ladder: string, email: string, leftDaysAgo: number | null): Promise<string> {
    const id = randomBytes(12).toString('hex');
    const leftAt = leftDaysAgo === null ? null : new Date(Date.now() - leftDaysAgo * DAY);
    await system.pool.query(
      'INSERT INTO contributors (id, ladder_id, workflow_id, name, email, level, left_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, ladder, `contributor-${id}`, 'Ada Lovelace', email, leftAt ? null : 'assurer', leftAt],
    );
    await writeAudit(system.pool, {
      idempotencyKey: `${id}:left`,
      actor: 'team-leader:k',
      action: 'contributor.step-down',
      contributorId: id,
      details: { reason: 'Ada moves to Lisbon' },
    });
    await system.pool.query(
      'INSERT INTO motions (id, contributor_id, workflow_id, title, state, seats, quorum, tally, votes) VALUES ($1, $2, $3, \'Ada Lovelace for Arbitrator\', \'withdrawn\', 5, 3, \'{"approve": 0, "reject": 0, "abstain": 0, "block": 0}\', \'[]\')',
      [`motion-${id}`, id, `promotion-${id}`],
    );
    await system.pool.query(
      "INSERT INTO sent_mail (idempotency_key, message_id, recipient, subject) VALUES ($1, 'm', $2, 'Welcome, Ada')",
      [`${id}:welcome`, email],
    );
    await system.pool.query(
      `INSERT INTO workflow_views (workflow_id, contributor_id, revised_at, revision, view) VALUES ($1, $2, now(), 1, '{"name": "Ada Lovelace"}'), ($3, $2, now(), 1, '{"steps": []}')`,
      [`contributor-${id}`, id, `promotion-${id}`],
    );
    return id;
  }

  const row = async (id: string) =>
    (
      await system.pool.query<{
        name: string;
        email: string;
        purged: boolean;
        details: object;
        title: string;
        views: number;
      }>(
        `SELECT c.name, c.email, c.purged_at IS NOT NULL AS purged,
                (SELECT count(*)::int FROM workflow_views WHERE contributor_id = c.id) AS views,
                (SELECT details FROM audit_events WHERE contributor_id = c.id AND action = 'contributor.step-down') AS details,
                (SELECT title FROM motions WHERE contributor_id = c.id) AS title
           FROM contributors c WHERE c.id = $1`,
        [id],
      )
    ).rows[0]!;
  const mailTo = async (email: string) =>
    (
      await system.pool.query<{ recipient: string }>('SELECT recipient FROM sent_mail WHERE idempotency_key LIKE $1', [
        `%:welcome`,
      ])
    ).rows.filter((r) => r.recipient === email).length;

  test('when the daily schedule runs, then those who left before the retention period are erased, the rest are not, and the audit chain still verifies', async () => {
    const stamp = Date.now();
    const longGone = await contributor('cacert-support', `gone.${stamp}@example.org`, 45);
    const recent = await contributor('cacert-support', `recent.${stamp}@example.org`, 5);
    // The same person, left one ladder long ago but still on another: their mail log stays.
    const shared = `twice.${stamp}@example.org`;
    const leftOne = await contributor('cacert-support', shared, 60);
    const stillOnOther = await contributor('pirate-party-it', shared, null);

    // A console session and a sign-in link long past their time, beside a session still open.
    const staff = (
      await system.pool.query<{ id: string }>(
        "INSERT INTO staff_accounts (id, email, name) VALUES ($1, $2, 'Ret') RETURNING id",
        [`ret-${stamp}`, `ret.${stamp}@example.org`],
      )
    ).rows[0]!.id;
    await system.pool.query(
      `INSERT INTO console_sessions (id_hash, staff_id, data, expires_at) VALUES
         ($1, $3, '{}', now() - interval '1 hour'), ($2, $3, '{}', now() + interval '1 hour')`,
      [Buffer.from(`old-${stamp}`), Buffer.from(`open-${stamp}`), staff],
    );
    await system.pool.query(
      "INSERT INTO console_sign_in_links (id, staff_id, expires_at) VALUES ($1, $2, now() - interval '2 days')",
      [`link-${stamp}`, staff],
    );
    const consoleRows = async () =>
      (
        await system.pool.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM console_sessions WHERE staff_id = $1)::int
                + (SELECT count(*) FROM console_sign_in_links WHERE staff_id = $1)::int AS n`,
          [staff],
        )
      ).rows[0]!.n;
    expect(await consoleRows()).toBe(3);

    const scheduleId = `retention-test-${stamp}`;
    expect(await ensureRetentionSchedule(system.temporal, system.config.TEMPORAL_TASK_QUEUE, scheduleId)).toBe(
      'created',
    );
    expect(await ensureRetentionSchedule(system.temporal, system.config.TEMPORAL_TASK_QUEUE, scheduleId)).toBe('kept');
    const schedule = system.temporal.schedule.getHandle(scheduleId);
    try {
      expect((await schedule.describe()).spec.intervals).toMatchObject([{ every: DAY }]);
      await schedule.trigger();
      // Purged one by one, the longest gone first: wait for the last of the two.
      await eventually(
        async () => [await row(leftOne), await row(longGone)],
        (rows) => rows.every((r) => r.purged),
        20_000,
      );
    } finally {
      await schedule.delete();
    }

    for (const id of [longGone, leftOne]) {
      expect(await row(id)).toEqual({
        name: '(purged)',
        email: `purged+${id}@invalid`,
        purged: true,
        details: {},
        title: '(purged)',
        views: 0,
      });
    }
    expect(await mailTo(`gone.${stamp}@example.org`)).toBe(0);
    expect(await row(recent)).toEqual({
      name: 'Ada Lovelace',
      email: `recent.${stamp}@example.org`,
      purged: false,
      details: { reason: 'Ada moves to Lisbon' },
      title: 'Ada Lovelace for Arbitrator',
      views: 2,
    });
    expect(await row(stillOnOther)).toMatchObject({ name: 'Ada Lovelace', purged: false });
    expect(await mailTo(shared)).toBe(2);
    const purgedEvents = await system.pool.query(
      "SELECT contributor_id FROM audit_events WHERE action = 'contributor.purged' AND contributor_id = ANY($1)",
      [[longGone, recent, leftOne]],
    );
    expect(purgedEvents.rows.map((r: { contributor_id: string }) => r.contributor_id).sort()).toEqual(
      [longGone, leftOne].sort(),
    );
    expect(await verifyAuditChain(system.pool)).toMatchObject({ ok: true, problems: [] });
    // Only the session still open is left of the console's rows.
    expect(await consoleRows()).toBe(1);
  }, 60_000);

  test('when the purge command is run with --dry-run, then it names who is due and erases nothing', async () => {
    const id = await contributor('cacert-support', `dry.${Date.now()}@example.org`, 400);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/purge.ts', '--dry-run'], {
      cwd: path.join(__dirname, '../..'),
      env: {
        ...process.env,
        DATABASE_URL: system.config.DATABASE_URL,
        PERSONAL_DATA_RETENTION_DAYS: '365',
        LOG_LEVEL: 'silent',
      },
    });
    expect(stdout).toContain('due for purging');
    expect(stdout).toContain(id);
    expect(await row(id)).toMatchObject({ name: 'Ada Lovelace', purged: false });
  });
});
