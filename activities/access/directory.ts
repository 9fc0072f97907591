import type { Pool } from 'pg';
import type { AccessSystem } from './access-system';
import { prepared } from '../../store/prepared';

const selectHolds = prepared<[string, string, string]>(
  'SELECT 1 FROM directory_access WHERE system = $1 AND entitlement = $2 AND identity = $3',
);
const insertGrant = prepared<[string, string, string]>(
  'INSERT INTO directory_access (system, entitlement, identity) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
);
const deleteGrant = prepared<[string, string, string]>(
  'DELETE FROM directory_access WHERE system = $1 AND entitlement = $2 AND identity = $3',
);

/**
 * The built-in directory in PostgreSQL: where access is kept when a system
 * has no adapter configured, so a fresh install grants, shows and reconciles
 * access with no external system at all.
 */
export function directorySystem(pool: Pool, system: string): AccessSystem {
  return {
    describe: `the built-in directory (${system})`,
    async holds(identity, entitlement) {
      const { rowCount } = await pool.query(selectHolds(system, entitlement, identity));
      return rowCount === 1;
    },
    async grant(identity, entitlement) {
      await pool.query(insertGrant(system, entitlement, identity));
    },
    async revoke(identity, entitlement) {
      await pool.query(deleteGrant(system, entitlement, identity));
    },
    async holders(entitlement) {
      const { rows } = await pool.query<{ identity: string }>(
        'SELECT identity FROM directory_access WHERE system = $1 AND entitlement = $2 ORDER BY identity',
        [system, entitlement],
      );
      return rows.map((r) => r.identity);
    },
  };
}
