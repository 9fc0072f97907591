import type { Config } from '../platform/config';
import { findRunningEmbeddedPostgres } from './embedded-postgres';

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL that `npm start`
 * runs on the same data folder.
 */
export function resolveDatabaseUrl(config: Config): string {
  const url = config.DATABASE_URL ?? findRunningEmbeddedPostgres(config.DATA_DIR);
  if (!url) {
    throw new Error(
      `DATABASE_URL is not set and no embedded PostgreSQL runs on ${config.DATA_DIR}: set DATABASE_URL, or run \`npm start\``,
    );
  }
  return url;
}
