import type { AccessSystem } from '../../activities/access/access-system';
import { misconfigured, missingAccount } from '../../activities/access/access-system';

/**
 * An access system held in memory, for the tests of what the workflow does
 * with a system's answers: an account that does not exist, a grant refused
 * for good, a system that is down for a while.
 */
export interface FakeAccessSystem extends AccessSystem {
  held: Map<string, Set<string>>;
  /** When set, only these identities have an account. */
  accounts?: Set<string>;
  /** Entitlements whose grant is refused for good. */
  refused: Set<string>;
  /** While true, every call fails the way a network error does. */
  down: boolean;
  calls: { op: string; identity: string; entitlement: string }[];
}

export function fakeAccessSystem(name: string): FakeAccessSystem {
  const fake: FakeAccessSystem = {
    describe: `fake ${name}`,
    held: new Map(),
    refused: new Set(),
    down: false,
    calls: [],
    async holds(identity, entitlement) {
      reachable();
      return fake.held.get(entitlement)?.has(identity) ?? false;
    },
    async grant(identity, entitlement) {
      reachable();
      fake.calls.push({ op: 'grant', identity, entitlement });
      if (fake.accounts && !fake.accounts.has(identity)) throw missingAccount(name, identity);
      if (fake.refused.has(entitlement)) throw misconfigured(name, `no such ${entitlement}`);
      fake.held.set(entitlement, (fake.held.get(entitlement) ?? new Set()).add(identity));
    },
    async revoke(identity, entitlement) {
      reachable();
      fake.calls.push({ op: 'revoke', identity, entitlement });
      fake.held.get(entitlement)?.delete(identity);
    },
    async holders(entitlement) {
      reachable();
      return [...(fake.held.get(entitlement) ?? [])].sort();
    },
  };
  function reachable() {
    if (fake.down) throw new Error(`connect ECONNREFUSED (${name} is down)`);
  }
  return fake;
}
