import { Pool } from 'pg';

export function createPool(connectionString: string, max = 10): Pool {
  const pool = new Pool({ connectionString, max, application_name: 'trustladder' });
  // An idle client losing its server must not crash the process; the next
  // query reports the problem to whoever asked.
  pool.on('error', () => undefined);
  return pool;
}

/** Answers once the database does. */
export async function ping(pool: Pool): Promise<void> {
  await pool.query('SELECT 1');
}
