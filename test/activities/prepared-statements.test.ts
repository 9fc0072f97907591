import type { Pool } from 'pg';
import { writeAudit } from '../../activities/audit';
import { createViewActivities } from '../../activities/view-activities';
import { createPool } from '../../store/pool';
import { prepared } from '../../store/prepared';

/** The statements written at every step are prepared once per connection, and still do what they did. */
describe('prepared statements', () => {
  let pool: Pool;
  beforeAll(() => {
    // One connection, so what it has prepared can be read back on it.
    pool = createPool(process.env.TEST_DATABASE_URL!, 1);
  });
  afterAll(async () => {
    await pool?.end();
  });

  const preparedOnConnection = async () =>
    (await pool.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).rows.map((r) =>
      r.statement.replace(/\s+/g, ' '),
    );

  test('when audit rows and views are written again and again, then the connection prepared each statement once, and every row landed', async () => {
    const tag = `prep-${Date.now()}`;
    const views = createViewActivities({ pool });
    for (let i = 1; i <= 3; i++) {
      await writeAudit(pool, {
        idempotencyKey: `${tag}-${i}`,
        actor: 'system',
        action: 'test.event',
        workflowId: tag,
        details: { i },
      });
      await views.projectView({
        workflowId: tag,
        contributorId: 'c'.repeat(24),
        revisedAt: Date.now() + i,
        revision: i,
        view: { i },
      });
    }

    const statements = await preparedOnConnection();
    expect(statements.filter((s) => s.startsWith('INSERT INTO audit_events'))).toHaveLength(1);
    expect(statements.filter((s) => s.startsWith('INSERT INTO workflow_views'))).toHaveLength(1);
    const audit = await pool.query('SELECT details FROM audit_events WHERE workflow_id = $1 ORDER BY chain_seq', [tag]);
    expect(audit.rows).toEqual([{ details: { i: 1 } }, { details: { i: 2 } }, { details: { i: 3 } }]);
    const view = await pool.query('SELECT revision, view FROM workflow_views WHERE workflow_id = $1', [tag]);
    expect(view.rows).toEqual([{ revision: 3, view: { i: 3 } }]);
  });

  test('when two texts are prepared, then their names differ, and one text always has the same name', () => {
    const [a, b, again] = [prepared('SELECT 1'), prepared('SELECT 2'), prepared('SELECT 1')];
    expect(a().name).not.toBe(b().name);
    expect(again().name).toBe(a().name);
  });
});
