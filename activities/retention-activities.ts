import type { Pool } from 'pg';
import { deleteExpiredConsoleRows } from '../store/console-sessions';
import { purgePersonalData, type PurgeResult } from './personal-data-purge';

export function createRetentionActivities({ pool, retentionDays }: { pool: Pool; retentionDays: number }) {
  return {
    /** One batch of the retention purge; the workflow runs batches while more are due. */
    async purgeLeftContributors(): Promise<PurgeResult> {
      return purgePersonalData(pool, { retentionDays });
    },
    /** Console sessions and sign-in links past their time: nothing reads them any more. */
    async dropExpiredConsoleRows(): Promise<number> {
      return deleteExpiredConsoleRows(pool);
    },
  };
}
