import type { Pool } from 'pg';
import { createAccessActivities } from './access/access-activities';
import { createActivityReadActivities } from './activity-read';
import type { AccessSystems } from './access/systems';
import { createReconcileActivities, type ReconcileSettings } from './access/reconcile-activities';
import type { Ladder } from '../domain/ladder';
import { writeAudit, writeWithAudit, type AuditEvent } from './audit';
import { createBoardActivities } from './board-activities';
import { createConditionActivities, type FactService } from './condition-activities';
import { createContributorActivities } from './contributor-activities';
import { createDisputeActivities } from './dispute-activities';
import { createNoticeActivities } from './notice-activities';
import { createPeerActivities } from './peer-activities';
import { createRetentionActivities } from './retention-activities';
import { createSponsorActivities } from './sponsor-activities';
import { createStepLinkActivities, type StepLinkDeps } from './step-link-activities';
import { createViewActivities } from './view-activities';

export interface ActivityDeps extends StepLinkDeps {
  pool: Pool;
  factService?: FactService;
  /** Days after leaving before a contributor's personal data is erased. */
  retentionDays: number;
  /** Where access lives: the configured adapters, and the built-in directory for the rest. */
  systems: AccessSystems;
  /** The ladder files as they read now, for reconciliation. */
  ladders: () => ReadonlyMap<string, Ladder>;
  reconcile: ReconcileSettings;
}

/** Every side effect the workflows may cause, built from the clients they need. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createContributorActivities(deps),
    ...createStepLinkActivities(deps),
    ...createNoticeActivities(deps),
    ...createBoardActivities(deps),
    ...createDisputeActivities(deps),
    ...createSponsorActivities(deps),
    ...createPeerActivities(deps),
    ...createConditionActivities(deps),
    ...createRetentionActivities(deps),
    ...createAccessActivities(deps),
    ...createReconcileActivities(deps),
    ...createActivityReadActivities(deps),
    ...createViewActivities(deps),
    async recordAudit(event: AuditEvent): Promise<void> {
      // Only a row that uses a link up needs a transaction of its own.
      await (event.linkId ? writeWithAudit(deps.pool, event) : writeAudit(deps.pool, event));
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
