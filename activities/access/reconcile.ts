import type { Pool } from 'pg';
import { entitlementsBySystem, wantedGrants, type Grant } from '../../domain/access';
import type { Ladder } from '../../domain/ladder';
import { writeAudit } from '../audit';
import type { AccessSystems } from './systems';
import { adoptedOfActive } from '../../store/adopted-access';
import { peopleWithIdentities } from '../../store/identities';

export interface ReconcileOptions {
  /** Names this run in the audit trail, so a retried run records each fix once. */
  runId: string;
  dryRun: boolean;
  maxRemovals: number;
}

export interface ReconcileReport {
  dryRun: boolean;
  checked: number;
  granted: Grant[];
  revoked: Grant[];
  /** Removals found but left for a person: the run reached its cap. */
  heldBack: Grant[];
  errors: { system: string; entitlement: string; identity?: string; error: string }[];
}

/**
 * Compares the access each person should have with what each system lists,
 * and fixes the drift. Only identities trustladder knows are ever removed
 * (a list's other members are not its business), never what a person held
 * before their import while they stay (adopted access), at most
 * `maxRemovals` per run, and one system or person failing does not stop the
 * others.
 */
export async function reconcileAccess(
  deps: { pool: Pool; systems: AccessSystems; ladders: ReadonlyMap<string, Ladder> },
  options: ReconcileOptions,
): Promise<ReconcileReport> {
  const { pool, systems, ladders } = deps;
  const [people, adopted] = await Promise.all([peopleWithIdentities(pool), adoptedOfActive(pool)]);
  const wanted = new Map<string, Map<string, string>>(); // system+entitlement -> identity -> contributor
  const known = new Map<string, Map<string, string>>(); // system -> identity -> contributor
  const slot = (system: string, entitlement: string) => `${system} ${entitlement}`;
  // The systems each ladder names, worked out once rather than for every person on it.
  const systemsOf = new Map([...ladders].map(([id, ladder]) => [id, [...entitlementsBySystem([ladder]).keys()]]));
  for (const person of people) {
    const ladder = ladders.get(person.ladder_id);
    if (!ladder) continue;
    for (const system of systemsOf.get(person.ladder_id)!) {
      const identity = person.identities?.[system] ?? person.email;
      const mine = known.get(system) ?? new Map<string, string>();
      mine.set(identity, person.id);
      known.set(system, mine);
    }
    if (!person.active) continue;
    for (const grant of wantedGrants(ladder, person.level, person.identities ?? {}, person.email)) {
      const holders = wanted.get(slot(grant.system, grant.entitlement)) ?? new Map<string, string>();
      holders.set(grant.identity, person.id);
      wanted.set(slot(grant.system, grant.entitlement), holders);
    }
  }

  const report: ReconcileReport = {
    dryRun: options.dryRun,
    checked: 0,
    granted: [],
    revoked: [],
    heldBack: [],
    errors: [],
  };
  const record = (action: string, grant: Grant, contributorId: string | undefined) =>
    writeAudit(pool, {
      idempotencyKey: `reconcile:${options.runId}:${action}:${JSON.stringify([grant.system, grant.entitlement, grant.identity])}`,
      actor: 'system',
      action,
      contributorId,
      details: { ...grant, run: options.runId },
    });

  for (const [system, entitlements] of entitlementsBySystem(ladders.values())) {
    const target = systems(system);
    for (const entitlement of entitlements) {
      report.checked++;
      let holders: Set<string>;
      try {
        holders = new Set(await target.holders(entitlement));
      } catch (err) {
        report.errors.push({ system, entitlement, error: (err as Error).message });
        continue;
      }
      const should = wanted.get(slot(system, entitlement)) ?? new Map<string, string>();
      for (const [identity, contributorId] of should) {
        if (holders.has(identity)) continue;
        const grant = { system, entitlement, identity };
        try {
          if (!options.dryRun) await target.grant(identity, entitlement);
          report.granted.push(grant);
          await record(options.dryRun ? 'access.drift-found' : 'access.drift-granted', grant, contributorId);
        } catch (err) {
          report.errors.push({ ...grant, error: (err as Error).message });
        }
      }
      for (const identity of holders) {
        const contributorId = known.get(system)?.get(identity);
        if (contributorId === undefined || should.has(identity) || adopted.has(`${system} ${entitlement} ${identity}`))
          continue;
        const grant = { system, entitlement, identity };
        if (report.revoked.length >= options.maxRemovals) {
          report.heldBack.push(grant);
          await record('access.drift-held-back', grant, contributorId);
          continue;
        }
        try {
          if (!options.dryRun) await target.revoke(identity, entitlement);
          report.revoked.push(grant);
          await record(options.dryRun ? 'access.drift-found' : 'access.drift-revoked', grant, contributorId);
        } catch (err) {
          report.errors.push({ ...grant, error: (err as Error).message });
        }
      }
    }
  }
  return report;
}
