import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { writeAudit, writeWithAudit } from '../../activities/audit';
import { FailureType } from '../../domain/failure-types';
import { recordLink } from '../../store/links';
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

  /** A contributor with one unused emailed link. */
  async function withLink(): Promise<{ contributorId: string; linkId: string }> {
    const contributorId = randomUUID().replace(/-/g, '').slice(0, 24);
    const workflowId = `contributor-${contributorId}`;
    await pool.query(
      "INSERT INTO contributors (id, ladder_id, workflow_id, name, email) VALUES ($1, 'cacert-support', $2, 'Ann', $3)",
      [contributorId, workflowId, `${contributorId}@example.org`],
    );
    const linkId = randomUUID();
    await recordLink(pool, {
      id: linkId,
      contributorId,
      workflowId,
      stepId: 'agreement:CCA',
      expiresAt: new Date(Date.now() + 60_000),
      actorType: 'candidate',
      actorId: null,
    });
    return { contributorId, linkId };
  }
  const rowsOf = async (key: string) =>
    (await pool.query('SELECT 1 FROM audit_events WHERE idempotency_key = $1', [key])).rowCount;
  const usedAt = async (linkId: string) =>
    (await pool.query<{ used_at: Date | null }>('SELECT used_at FROM link_tokens WHERE id = $1', [linkId])).rows[0]!
      .used_at;

  test('when a step done through a link is audited, then the link is used up with the row, and a retry of the same row still succeeds', async () => {
    const { contributorId, linkId } = await withLink();
    const event = {
      idempotencyKey: `done-${linkId}`,
      actor: 'candidate:c',
      action: 'step.completed',
      contributorId,
      linkId,
    };
    await writeWithAudit(pool, event);
    expect(await usedAt(linkId)).toBeInstanceOf(Date);
    await writeWithAudit(pool, event);
    expect(await rowsOf(event.idempotencyKey)).toBe(1);
  });

  test('when a second row names a link already used, then it is refused as LinkUsed and neither it nor its change is written', async () => {
    const { contributorId, linkId } = await withLink();
    await writeWithAudit(pool, {
      idempotencyKey: `first-${linkId}`,
      actor: 'candidate:c',
      action: 'step.completed',
      linkId,
    });
    let changed = false;
    const second = writeWithAudit(
      pool,
      { idempotencyKey: `second-${linkId}`, actor: 'candidate:c', action: 'step.completed', contributorId, linkId },
      async (db) => {
        changed = true;
        await db.query("UPDATE contributors SET name = 'Changed' WHERE id = $1", [contributorId]);
      },
    );
    await expect(second).rejects.toMatchObject({ type: FailureType.LinkUsed, nonRetryable: true });
    expect(changed).toBe(true);
    expect(await rowsOf(`second-${linkId}`)).toBe(0);
    const { rows } = await pool.query<{ name: string }>('SELECT name FROM contributors WHERE id = $1', [contributorId]);
    expect(rows[0]!.name).toBe('Ann');
  });

  test('when the change of a row that names a link fails, then the link stays usable', async () => {
    const { linkId } = await withLink();
    const failing = writeWithAudit(
      pool,
      { idempotencyKey: `failed-${linkId}`, actor: 'candidate:c', action: 'step.completed', linkId },
      async () => {
        throw new Error('the change failed');
      },
    );
    await expect(failing).rejects.toThrow('the change failed');
    expect(await usedAt(linkId)).toBeNull();
    expect(await rowsOf(`failed-${linkId}`)).toBe(0);
  });

  test('when someone truncates the table, then the database refuses it', async () => {
    await expect(pool.query('TRUNCATE audit_events')).rejects.toThrow('TRUNCATE refused');
  });
});
