/**
 * Starts what the tests need and nothing is expected to run beforehand: a real
 * PostgreSQL (embedded, unless DATABASE_URL names a server to create a scratch
 * database on) and the Temporal CLI's dev server on a free loopback port.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../store/embedded-postgres';
import { migrate } from '../../store/migrate';
import { createPool } from '../../store/pool';
import { freePort } from '../../platform/free-port';
import { createLogger } from '../../platform/logger';
import { startTemporalDevServer } from '../../tools/dev/temporal-dev-server';
import { requirePythonTool } from '../../tools/dev/python-tools';
import { scratchDatabase } from '../../store/scratch-database';
import { setTestState } from './test-state';

export default async function globalSetup(): Promise<void> {
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn', 'test-setup');
  const scratchDir = mkdtempSync(path.join(tmpdir(), 'trustladder-test-'));
  // The embedded PostgreSQL may run as another user (when the tests run as root).
  chmodSync(scratchDir, 0o755);

  const [database, temporal] = await Promise.all([
    process.env.DATABASE_URL
      ? scratchDatabase(process.env.DATABASE_URL).then((db) => ({ url: db.url, stop: db.drop }))
      : startEmbeddedPostgres({ dataDir: scratchDir, log }),
    freePort().then((port) =>
      startTemporalDevServer({ cli: requirePythonTool('cli'), port, namespace: 'default', log }),
    ),
  ]);
  const pool = createPool(database.url, 1);
  await migrate(pool);
  await pool.end();

  process.env.TEST_DATABASE_URL = database.url;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.TEST_SCRATCH_DIR = scratchDir;
  process.env.TEMPORAL_TEST_SERVER = requirePythonTool('testServer');
  setTestState({ stops: [() => temporal.stop(), () => database.stop()], scratchDir });
}
