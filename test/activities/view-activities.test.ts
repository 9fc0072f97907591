import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { createViewActivities, type ProjectViewInput } from '../../activities/view-activities';
import { createPool } from '../../store/pool';

describe('workflow views in PostgreSQL', () => {
  let pool: Pool;
  let views: ReturnType<typeof createViewActivities>;
  beforeAll(() => {
    pool = createPool(process.env.TEST_DATABASE_URL!);
    views = createViewActivities({ pool });
  });
  afterAll(async () => {
    await pool?.end();
  });

  const workflowId = () => `contributor-view-${randomBytes(6).toString('hex')}`;
  const write = (id: string, revisedAt: number, revision: number, view: unknown) =>
    views.projectView({ workflowId: id, contributorId: 'c1', revisedAt, revision, view } satisfies ProjectViewInput);
  const rowOf = async (id: string) =>
    (await pool.query<{ view: unknown }>('SELECT view FROM workflow_views WHERE workflow_id = $1', [id])).rows.map(
      (r) => r.view,
    );

  test('when a workflow writes its view twice, then the row shows the later one', async () => {
    const id = workflowId();
    await write(id, 1_000, 1, { level: null });
    await write(id, 1_000, 2, { level: 'assurer' });
    expect(await rowOf(id)).toEqual([{ level: 'assurer' }]);
  });

  test('when an older write arrives after a newer one (a retry), then the row keeps the newer', async () => {
    const id = workflowId();
    await write(id, 2_000, 3, { level: 'triage' });
    await write(id, 2_000, 2, { level: 'assurer' });
    await write(id, 1_999, 9, { level: null });
    expect(await rowOf(id)).toEqual([{ level: 'triage' }]);
  });

  test('when a new run (continue-as-new) counts from 1 again, then its later workflow time wins', async () => {
    const id = workflowId();
    await write(id, 5_000, 40, { run: 1 });
    await write(id, 5_001, 1, { run: 2 });
    expect(await rowOf(id)).toEqual([{ run: 2 }]);
  });
});
