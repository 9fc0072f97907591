import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Pool } from 'pg';
import { writeAudit } from '../../activities/audit';
import { migrate } from '../../store/migrate';
import { createPool } from '../../store/pool';
import { verifyAuditChain } from '../../store/audit';
import { scratchDatabase } from '../../store/scratch-database';

const ROOT = path.join(__dirname, '../..');

/**
 * The audit trail's hash chain, each test on a database of its own: tampering
 * here must not break the chain the other tests write to.
 */
describe('audit hash chain', () => {
  let pool: Pool;
  let url: string;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ url, drop } = await scratchDatabase(process.env.TEST_DATABASE_URL!));
    pool = createPool(url, 5);
    await migrate(pool);
  });
  afterEach(async () => {
    await pool?.end();
    await drop?.();
  });

  const write = (n: number, details: Record<string, unknown> = { n }) =>
    writeAudit(pool, {
      idempotencyKey: `event-${n}`,
      actor: 'system',
      action: 'test.event',
      contributorId: 'c0ffee',
      details,
    });
  /** What a person with the database's owner rights could do behind the application's back. */
  const behindTheBack = async (sql: string) => {
    await pool.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    await pool.query(sql);
    await pool.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
  };
  const verifyCommand = async (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/audit.ts', 'verify', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
    );

  test('when events are written, even many at once and some twice, then they form one unbroken chain without gaps', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => write(i % 30)));
    const report = await verifyAuditChain(pool);
    expect(report).toMatchObject({ ok: true, rows: 30, problems: [] });
    const { rows } = await pool.query<{ seq: string; row_hash: Buffer }>(
      'SELECT chain_seq::text AS seq, row_hash FROM audit_events ORDER BY chain_seq',
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(report.head).toBe(rows[29]!.row_hash.toString('hex'));
    const cli = await verifyCommand('--head', rows[9]!.row_hash.toString('hex'));
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`intact: 30 rows (0 with details purged after retention); head ${report.head}`);
  }, 30_000);

  test('when a row is changed behind the database, then verify names it, and the command exits 1', async () => {
    for (let n = 1; n <= 3; n++) await write(n);
    await behindTheBack("UPDATE audit_events SET actor = 'mallory' WHERE chain_seq = 2");
    expect((await verifyAuditChain(pool)).problems).toEqual([
      { seq: '2', problem: 'its content does not match its hash' },
    ]);
    const cli = await verifyCommand();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('row 2: its content does not match its hash');
    expect(cli.stdout).toContain('BROKEN: 3 rows');
  }, 30_000);

  test("when a row's details are changed, a row is removed, or the last rows are cut off, then verify finds each", async () => {
    for (let n = 1; n <= 5; n++) await write(n);
    await behindTheBack(`UPDATE audit_events SET details = '{"n": 99}' WHERE chain_seq = 2`);
    await behindTheBack('DELETE FROM audit_events WHERE chain_seq = 4');
    expect((await verifyAuditChain(pool)).problems).toEqual([
      { seq: '2', problem: 'its details do not match their digest' },
      { seq: '5', problem: 'expected row 4 here: rows are missing or out of order' },
      { seq: '5', problem: 'does not follow the row before it' },
    ]);

    const { url: other, drop: dropOther } = await scratchDatabase(process.env.TEST_DATABASE_URL!);
    const second = createPool(other, 1);
    try {
      await migrate(second);
      for (let n = 1; n <= 3; n++)
        await writeAudit(second, { idempotencyKey: `e${n}`, actor: 'system', action: 'test.event' });
      await second.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
      await second.query('DELETE FROM audit_events WHERE chain_seq = 3');
      expect((await verifyAuditChain(second)).problems).toEqual([
        { seq: '3', problem: "the chain's recorded head (row 3) is not its last row (2): rows were cut off the end" },
      ]);
    } finally {
      await second.end();
      await dropOther();
    }
  }, 30_000);

  test('when details are purged after retention, then the chain still verifies, and the database allows nothing more than that erasure', async () => {
    await write(1, { reason: 'moved abroad', email: 'ada@example.org' });
    await write(2);
    const purge = "UPDATE audit_events SET details = '{}', details_salt = NULL, purged_at = now() WHERE chain_seq = 1";
    await pool.query(purge);
    expect(await verifyAuditChain(pool)).toMatchObject({ ok: true, rows: 2, purged: 1 });
    await expect(pool.query(purge)).rejects.toThrow('append-only: UPDATE refused');
    await expect(
      pool.query(
        'UPDATE audit_events SET details = \'{"n": 3}\', details_salt = NULL, purged_at = now() WHERE chain_seq = 2',
      ),
    ).rejects.toThrow('UPDATE refused');
    await expect(
      pool.query(
        "UPDATE audit_events SET details = '{}', details_salt = NULL, purged_at = now(), actor = 'x' WHERE chain_seq = 2",
      ),
    ).rejects.toThrow('UPDATE refused');
    expect((await pool.query('SELECT details FROM audit_events ORDER BY chain_seq')).rows).toEqual([
      { details: {} },
      { details: { n: 2 } },
    ]);
  });
});
