import type { Pool } from 'pg';
import { inTransaction } from '../store/transaction';
import { writeAudit } from './audit';
import { setLevel, upsertContributor, type Departure } from '../store/contributors';

export interface RegisterContributorInput {
  idempotencyKey: string;
  contributorId: string;
  workflowId: string;
  ladderId: string;
  name: string;
  email: string;
  /** The language their mail and pages are in. */
  language: string;
  startedBy: string;
  /** An emeritus onboarded again. */
  returning?: boolean;
}

export interface RecordLevelInput {
  idempotencyKey: string;
  contributorId: string;
  workflowId: string;
  /** null: the contributor holds no level any more. */
  level: string | null;
  actor?: string;
  reason?: string;
  /** How the contributor left the ladder, with the level null. */
  departure?: Departure;
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
          language: input.language,
        });
        await writeAudit(client, {
          idempotencyKey: input.idempotencyKey,
          actor: `team-leader:${input.startedBy}`,
          action: 'contributor.registered',
          contributorId: input.contributorId,
          workflowId: input.workflowId,
          details: {
            ladder: input.ladderId,
            language: input.language,
            ...(input.returning ? { returning: true } : {}),
          },
        });
      });
    },

    async recordLevel(input: RecordLevelInput): Promise<void> {
      await inTransaction(pool, async (client) => {
        await setLevel(client, input.contributorId, input.level, input.departure);
        await writeAudit(client, {
          idempotencyKey: input.idempotencyKey,
          actor: input.actor ?? 'system',
          action: input.level === null ? 'level.left' : 'level.entered',
          contributorId: input.contributorId,
          workflowId: input.workflowId,
          details: { level: input.level, reason: input.reason, ...(input.departure ? { left: input.departure } : {}) },
        });
      });
    },
  };
}
