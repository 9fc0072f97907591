import type { Pool } from 'pg';
import type { AccessSystem } from './access-system';

/**
 * The built-in directory in PostgreSQL: where access is kept when a system
 * has no adapter configured, so a fresh install grants, shows and reconciles
 * access with no external system at all.
 */
export function directorySystem(pool: Pool, system: string): AccessSystem {
  return {
    describe: `the built-in directory (${system})`,
    async holds(identity, entitlement) {
      const { rowCount } = await pool.query('SELECT 1 FROM directory_access WHERE system = $1 AND entitlement = $2 AND identity = $3', [system, entitlement, identity]);
      return rowCount === 1;
    },
    async grant(identity, entitlement) {
      await pool.query('INSERT INTO directory_access (system, entitlement, identity) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [system, entitlement, identity]);
    },
    async revoke(identity, entitlement) {
      await pool.query('DELETE FROM directory_access WHERE system = $1 AND entitlement = $2 AND identity = $3', [system, entitlement, identity]);
    },
    async holders(entitlement) {
      const { rows } = await pool.query<{ identity: string }>('SELECT identity FROM directory_access WHERE system = $1 AND entitlement = $2 ORDER BY identity', [system, entitlement]);
      return rows.map((r) => r.identity);
    },
  };
}
