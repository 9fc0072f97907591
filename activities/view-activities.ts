import type { Pool } from 'pg';
import { saveView } from '../store/views';

export interface ProjectViewInput {
  workflowId: string;
  contributorId: string;
  /** Workflow time of the change, in ms since the epoch, and its place within the run. */
  revisedAt: number;
  revision: number;
  view: unknown;
}

export function createViewActivities({ pool }: { pool: Pool }) {
  return {
    /**
     * Keeps a workflow's view where the API reads it. A retried or overtaken
     * write leaves a newer row as it is, so the row only ever moves forward.
     */
    async projectView(input: ProjectViewInput): Promise<void> {
      await saveView(pool, input);
    },
  };
}
