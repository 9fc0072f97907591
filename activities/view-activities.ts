import type { Pool } from 'pg';
import { prepared } from '../store/prepared';

export interface ProjectViewInput {
  workflowId: string;
  contributorId: string;
  /** Workflow time of the change, in ms since the epoch, and its place within the run. */
  revisedAt: number;
  revision: number;
  view: unknown;
}

const upsertView = prepared<[string, string, number, number, string]>(
  `INSERT INTO workflow_views (workflow_id, contributor_id, revised_at, revision, view)
   VALUES ($1, $2, to_timestamp($3::double precision / 1000), $4, $5)
   ON CONFLICT (workflow_id) DO UPDATE SET revised_at = EXCLUDED.revised_at, revision = EXCLUDED.revision, view = EXCLUDED.view
   WHERE (workflow_views.revised_at, workflow_views.revision) < (EXCLUDED.revised_at, EXCLUDED.revision)`,
);

export function createViewActivities({ pool }: { pool: Pool }) {
  return {
    /**
     * Keeps a workflow's view where the API reads it. A retried or overtaken
     * write leaves a newer row as it is, so the row only ever moves forward.
     */
    async projectView(input: ProjectViewInput): Promise<void> {
      await pool.query(
        upsertView(input.workflowId, input.contributorId, input.revisedAt, input.revision, JSON.stringify(input.view)),
      );
    },
  };
}
