import type { Pool } from 'pg';
import type { AccessSystem } from './access-system';
import { directorySystem } from './directory';

/** Finds the adapter for a system the ladder names. */
export type AccessSystems = (system: string) => AccessSystem;

/** The configured adapters by system name; any other system the ladders name lives in the built-in directory. */
export function accessSystems(pool: Pool, configured: Record<string, AccessSystem> = {}): AccessSystems {
  return (system) => configured[system] ?? directorySystem(pool, system);
}
