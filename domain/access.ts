import type { Ladder } from './ladder';

/**
 * Access a level carries, as the ladder file declares it: per system (otrs,
 * mailman, irc, wiki, moin, or any other name), the entitlements a holder of
 * the level gets there. Each level declares its whole access: the highest
 * level a person holds decides, and a move between levels grants and revokes
 * exactly the difference.
 */
export type LevelAccess = Record<string, string[]>;

/** One entitlement on one system, for one identity there. */
export interface Grant {
  system: string;
  entitlement: string;
  identity: string;
}

export const grantKey = (g: Grant) => `${g.system}\u0000${g.entitlement}\u0000${g.identity}`;

/** What holding `level` gives, as (system, entitlement) pairs in the file's order; nothing off the ladder. */
export function accessOf(ladder: Ladder, level: string | null): { system: string; entitlement: string }[] {
  const access = ladder.levels.find((l) => l.id === level)?.access ?? {};
  return Object.entries(access).flatMap(([system, entitlements]) =>
    entitlements.map((entitlement) => ({ system, entitlement })),
  );
}

/**
 * The grants a person should have: each entitlement of their level, for the
 * identity they have on that system (the email address until the team leader
 * names another).
 */
export function wantedGrants(
  ladder: Ladder,
  level: string | null,
  identities: Record<string, string>,
  email: string,
): Grant[] {
  return accessOf(ladder, level).map(({ system, entitlement }) => ({
    system,
    entitlement,
    identity: identities[system] ?? email,
  }));
}

/** Every system a ladder names, with every entitlement any of its levels carries there. */
export function entitlementsBySystem(ladders: Iterable<Ladder>): Map<string, Set<string>> {
  const bySystem = new Map<string, Set<string>>();
  for (const ladder of ladders) {
    for (const level of ladder.levels) {
      for (const [system, entitlements] of Object.entries(level.access ?? {})) {
        const set = bySystem.get(system) ?? new Set<string>();
        for (const e of entitlements) set.add(e);
        bySystem.set(system, set);
      }
    }
  }
  return bySystem;
}
