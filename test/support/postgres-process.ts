import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findRunningEmbeddedPostgres } from '../../store/embedded-postgres';
import { freePort } from '../../platform/free-port';
import { startNodeService, type NodeService } from '../../tools/dev/node-service';

export interface PostgresProcess {
  url: string;
  /** Shuts PostgreSQL down cleanly, as an operator's restart would. */
  stop(): Promise<void>;
  /** Starts it again on the same data and port: the same URL works again. */
  start(): Promise<void>;
}

/** A PostgreSQL of the test's own, which the test may stop and start again. */
export async function startPostgresProcess(): Promise<PostgresProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trustladder-pg-'));
  // As root, PostgreSQL runs as its own user, which must reach its data folder.
  chmodSync(dataDir, 0o755);
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()) };
  let running: NodeService | undefined;
  const start = async () => {
    running = await startNodeService('test/support/postgres-child.ts', env, 'postgres is ready');
  };
  await start();
  const url = findRunningEmbeddedPostgres(dataDir);
  if (!url) throw new Error(`the embedded PostgreSQL in ${dataDir} is not running`);
  return {
    url,
    start,
    stop: async () => {
      await running?.stop();
      running = undefined;
    },
  };
}
