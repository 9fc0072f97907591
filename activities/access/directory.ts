import type { Pool } from 'pg';
import type { AccessSystem } from './access-system';
import { directoryGrant, directoryHolders, directoryHolds, directoryRevoke } from '../../store/directory';

/**
 * The built-in directory in PostgreSQL: where access is kept when a system
 * has no adapter configured, so a fresh install grants, shows and reconciles
 * access with no external system at all.
 */
export function directorySystem(pool: Pool, system: string): AccessSystem {
  return {
    describe: `the built-in directory (${system})`,
    async holds(identity, entitlement) {
      return directoryHolds(pool, system, entitlement, identity);
    },
    async grant(identity, entitlement) {
      await directoryGrant(pool, system, entitlement, identity);
    },
    async revoke(identity, entitlement) {
      await directoryRevoke(pool, system, entitlement, identity);
    },
    async holders(entitlement) {
      return directoryHolders(pool, system, entitlement);
    },
  };
}
