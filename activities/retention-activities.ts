import type { Pool } from 'pg';
import { purgePersonalData, type PurgeResult } from './personal-data-purge';

export function createRetentionActivities({ pool, retentionDays }: { pool: Pool; retentionDays: number }) {
  return {
    /** One batch of the retention purge; the workflow runs batches while more are due. */
    async purgeLeftContributors(): Promise<PurgeResult> {
      return purgePersonalData(pool, { retentionDays });
    },
  };
}
