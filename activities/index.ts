import type { Pool } from 'pg';
import type { Ladder } from '../domain/ladder';
import { writeAudit, type AuditEvent } from './audit';
import { createContributorActivities } from './contributor-activities';
import { createLadderActivities } from './ladder-activities';
import { createStepLinkActivities, type StepLinkDeps } from './step-link-activities';

export interface ActivityDeps extends StepLinkDeps {
  pool: Pool;
  ladders: ReadonlyMap<string, Ladder>;
}

/** Every side effect the workflows may cause, built from the clients they need. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createLadderActivities(deps),
    ...createContributorActivities(deps),
    ...createStepLinkActivities(deps),
    async recordAudit(event: AuditEvent): Promise<void> {
      await writeAudit(deps.pool, event);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
