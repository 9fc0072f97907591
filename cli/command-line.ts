import { loadConfig, type Config } from '../platform/config';
import { findRunningEmbeddedPostgres, startEmbeddedPostgres } from '../store/embedded-postgres';
import { migrate } from '../store/migrate';
import { createPool } from '../store/pool';
import { createLogger } from '../platform/logger';

/** A mistake in how the command was called: its message comes with the usage text. */
export class UsageError extends Error {}

/**
 * Runs `work` against the configured database: `DATABASE_URL`, else the
 * embedded server a running `npm start` left up, else one started for this
 * command alone.
 */
export async function withDatabase<T>(
  name: string,
  work: (pool: ReturnType<typeof createPool>, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', name);
  let url = config.DATABASE_URL ?? findRunningEmbeddedPostgres(config.DATA_DIR);
  let stop = async () => undefined as void;
  if (!url) {
    const postgres = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, log });
    url = postgres.url;
    stop = () => postgres.stop();
  }
  const pool = createPool(url, 1);
  try {
    await migrate(pool);
    return await work(pool, config);
  } finally {
    await pool.end();
    await stop();
  }
}

/** Runs a command's main: usage mistakes exit 2 with the usage, failures exit 1 with their message. */
export function runCommand(usage: string, main: () => Promise<void | number>): void {
  main().then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof UsageError ? `${err.message}\n${usage}` : err instanceof Error ? err.message : err);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}
