import type { Pool } from 'pg';
import { inTransaction } from '../store/transaction';
import { writeAudit } from './audit';
import { setLevel, upsertContributor } from '../store/contributors';

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

export function createContributorActivities({ pool }: { pool: Pool }) {
  return {
    /** Writes the contributor's projection row and the audit event that it joined. */
    async registerContributor(input: RegisterContributorInput): Promise<void> {
      await inTransaction(pool, async (client) => {
        await upsertContributor(client, {
          id: input.contributorId,
          ladderId: input.ladderId,
          workflowId: input.workflowId,
          name: input.name,
          email: input.email,
        });
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
        await setLevel(client, input.contributorId, input.level);
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
