import type { Pool } from 'pg';
import { eventually } from '../../tools/testkit/eventually';

/** Waits until the contributor's welcome mail is audited as sent: their onboarding has settled. */
export function welcomeMailed(pool: Pool, contributorId: string): Promise<unknown> {
  return eventually(
    async () =>
      (
        await pool.query("SELECT 1 FROM audit_events WHERE action = 'mail.sent' AND contributor_id = $1", [
          contributorId,
        ])
      ).rowCount,
    (n) => n === 1,
  );
}
