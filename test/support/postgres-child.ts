/**
 * An embedded PostgreSQL in a process of its own, for a test that stops and
 * restarts the database (jest cannot load the ESM package in a test file).
 * DATA_DIR and PORT say where; SIGTERM stops it cleanly.
 */
import { startEmbeddedPostgres } from '../../store/embedded-postgres';
import { exitWithParent } from '../../platform/exit-with-parent';
import { createLogger } from '../../platform/logger';

async function main(): Promise<void> {
  const postgres = await startEmbeddedPostgres({
    dataDir: process.env.DATA_DIR!,
    port: Number(process.env.PORT),
    log: createLogger('warn', 'postgres'),
  });
  const stop = () => postgres.stop().then(() => process.exit(0));
  process.once('SIGTERM', () => void stop());
  exitWithParent(stop);
  console.log('postgres is ready');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
