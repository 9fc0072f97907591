import type { Pool } from 'pg';
import { writeAudit } from '../../activities/audit';
import { createPool } from '../../store/pool';

describe('audit table', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = createPool(process.env.TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await pool?.end();
  });

  test('when an event is written twice with one idempotency key, then it lands once', async () => {
    const key = `audit-${Date.now()}`;
    const event = { idempotencyKey: key, actor: 'system', action: 'test.event', details: { n: 1 } };
    await writeAudit(pool, event);
    await writeAudit(pool, event);
    expect((await pool.query('SELECT 1 FROM audit_events WHERE idempotency_key = $1', [key])).rowCount).toBe(1);
  });

  test.each([
    ["UPDATE audit_events SET actor = 'mallory' WHERE idempotency_key = $1", 'UPDATE refused'],
    ['DELETE FROM audit_events WHERE idempotency_key = $1', 'DELETE refused'],
  ])('when someone runs %s, then the database refuses it', async (sql, message) => {
    const key = `audit-tamper-${Date.now()}-${Math.random()}`;
    await writeAudit(pool, { idempotencyKey: key, actor: 'system', action: 'test.event' });
    await expect(pool.query(sql, [key])).rejects.toThrow(message);
    expect((await pool.query('SELECT actor FROM audit_events WHERE idempotency_key = $1', [key])).rows).toEqual([
      { actor: 'system' },
    ]);
  });

  test('when someone truncates the table, then the database refuses it', async () => {
    await expect(pool.query('TRUNCATE audit_events')).rejects.toThrow('TRUNCATE refused');
  });
});
