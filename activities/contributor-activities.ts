import type { Pool } from 'pg';
import { inTransaction } from '../store/transaction';
import { writeAudit } from './audit';
import { prepared } from '../store/prepared';

export interface RegisterContributorInput {
  idempotencyKey: string;
  contributorId: string;
  workflowId: string;
  ladderId: string;
  name: string;
  email: string;
  startedBy: string;
}

export interface RecordLevelInput {
  idempotencyKey: string;
  contributorId: string;
  workflowId: string;
  /** null: the contributor holds no level any more. */
  level: string | null;
  actor?: string;
  reason?: string;
}

// Leaving (a null level) starts the retention period of their personal data (see retention.ts).
const updateLevel = prepared<[string, string | null]>(
  'UPDATE contributors SET level = $2, left_at = CASE WHEN $2::text IS NULL THEN now() END, updated_at = now() WHERE id = $1',
);

export function createContributorActivities({ pool }: { pool: Pool }) {
  return {
    /** Writes the contributor's projection row and the audit event that it joined. */
    async registerContributor(input: RegisterContributorInput): Promise<void> {
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO contributors (id, ladder_id, workflow_id, name, email)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, updated_at = now()`,
          [input.contributorId, input.ladderId, input.workflowId, input.name, input.email],
        );
        await writeAudit(client, {
          idempotencyKey: input.idempotencyKey,
          actor: `team-leader:${input.startedBy}`,
          action: 'contributor.registered',
          contributorId: input.contributorId,
          workflowId: input.workflowId,
          details: { ladder: input.ladderId },
        });
      });
    },

    async recordLevel(input: RecordLevelInput): Promise<void> {
      await inTransaction(pool, async (client) => {
        await client.query(updateLevel(input.contributorId, input.level));
        await writeAudit(client, {
          idempotencyKey: input.idempotencyKey,
          actor: input.actor ?? 'system',
          action: input.level === null ? 'level.left' : 'level.entered',
          contributorId: input.contributorId,
          workflowId: input.workflowId,
          details: { level: input.level, reason: input.reason },
        });
      });
    },
  };
}
