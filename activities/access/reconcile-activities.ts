import type { Pool } from 'pg';
import type { Ladder } from '../../domain/ladder';
import { reconcileAccess, type ReconcileReport } from './reconcile';
import type { AccessSystems } from './systems';

export interface ReconcileSettings {
  dryRun: boolean;
  maxRemovals: number;
}

export function createReconcileActivities(deps: {
  pool: Pool;
  systems: AccessSystems;
  ladders: () => ReadonlyMap<string, Ladder>;
  reconcile: ReconcileSettings;
}) {
  return {
    /** One reconciliation run; the ladder files are read afresh, so an edited file counts from the next run. */
    async reconcileAccess(input: { runId: string; dryRun?: boolean }): Promise<ReconcileReport> {
      return reconcileAccess(
        { pool: deps.pool, systems: deps.systems, ladders: deps.ladders() },
        { runId: input.runId, dryRun: input.dryRun ?? deps.reconcile.dryRun, maxRemovals: deps.reconcile.maxRemovals },
      );
    },
  };
}
