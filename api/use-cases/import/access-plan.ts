import { randomUUID } from 'node:crypto';
import { entitlementsBySystem, grantKey, wantedGrants, type Grant } from '../../../domain/access';
import type { InspectedGrant } from '../../../activities/access/access-activities';
import { inspectAccessWorkflow, listHoldersWorkflow } from '../../../workflows/inspect-access-workflow';
import type { UseCaseDeps } from '../deps';
import type { ImportRow } from './check-rows';

export type PlannedState =
  'already there' | 'to grant' | 'missing account' | 'could not read' | 'kept beyond the level';

/** One grant the level carries, against what the system holds now. */
export interface PlannedGrant extends Grant {
  state: PlannedState;
  detail?: string;
}

/** Grants read per workflow run, and runs at once: a large file reads the systems in steady portions. */
const PORTION = 50;
const AT_ONCE = 2;

function stateOf(inspected: InspectedGrant | undefined): Pick<PlannedGrant, 'state' | 'detail'> {
  if (!inspected || inspected.holds === null)
    return { state: 'could not read', ...(inspected?.error ? { detail: inspected.error } : {}) };
  if (inspected.holds) return { state: 'already there' };
  return { state: inspected.account === false ? 'missing account' : 'to grant' };
}

/** Per person, the grants their level carries and what each system holds now; the systems are only read. */
export async function accessPlan(deps: UseCaseDeps, rows: ImportRow[]): Promise<PlannedGrant[][]> {
  const wanted = rows.map((r) => wantedGrants(r.ladder, r.level, r.identities, r.email));
  const unique = new Map<string, Grant>();
  for (const grant of wanted.flat()) unique.set(grantKey(grant), grant);
  const portions: Grant[][] = [];
  const all = [...unique.values()];
  for (let at = 0; at < all.length; at += PORTION) portions.push(all.slice(at, at + PORTION));
  const read = new Map<string, InspectedGrant>();
  let next = 0;
  const worker = async () => {
    while (next < portions.length) {
      const portion = portions[next++]!;
      const inspected = await deps.temporal.workflow.execute(inspectAccessWorkflow, {
        taskQueue: deps.taskQueue,
        workflowId: `inspect-access-import-${randomUUID()}`,
        args: [portion],
      });
      for (const i of inspected) read.set(grantKey(i), i);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return wanted.map((grants) => grants.map((g) => ({ ...g, ...stateOf(read.get(grantKey(g))) })));
}

/**
 * Per person, what they hold already beyond what their level carries, on the systems of their ladder: import
 * takes none of it away, and reconciliation leaves it (adopted access). Each entitlement's holders are read once.
 */
export async function heldBeyond(deps: UseCaseDeps, rows: ImportRow[]): Promise<Grant[][]> {
  const slots = new Map<string, { system: string; entitlement: string }>();
  for (const ladder of new Set(rows.map((r) => r.ladder)))
    for (const [system, entitlements] of entitlementsBySystem([ladder]))
      for (const entitlement of entitlements) slots.set(`${system} ${entitlement}`, { system, entitlement });
  if (slots.size === 0) return rows.map(() => []);
  const read = await deps.temporal.workflow.execute(listHoldersWorkflow, {
    taskQueue: deps.taskQueue,
    workflowId: `list-holders-import-${randomUUID()}`,
    args: [[...slots.values()]],
  });
  const holders = new Map(read.map((r) => [`${r.system} ${r.entitlement}`, new Set(r.holders ?? [])]));
  return rows.map((row) => {
    const wanted = new Set(wantedGrants(row.ladder, row.level, row.identities, row.email).map(grantKey));
    const held: Grant[] = [];
    for (const [system, entitlements] of entitlementsBySystem([row.ladder]))
      for (const entitlement of entitlements) {
        const grant = { system, entitlement, identity: row.identities[system] ?? row.email };
        if (!wanted.has(grantKey(grant)) && holders.get(`${system} ${entitlement}`)?.has(grant.identity))
          held.push(grant);
      }
    return held;
  });
}
