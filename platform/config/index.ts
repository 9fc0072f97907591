import path from 'node:path';
import { ConfigError, schema, type Config } from './schema';

export { ConfigError, type Config } from './schema';
export { temporalAddress, temporalConnection, type TemporalConnectionOptions } from './temporal-connection';

/**
 * Reads and validates every setting at once, so a misconfigured start names
 * all its problems instead of the first one.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(schema)) {
    const raw = env[name] ?? setting.default;
    if (raw === undefined) {
      values[name] = undefined;
      continue;
    }
    try {
      values[name] = setting.parse(raw, name);
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
    }
  }
  const sso = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'];
  const ssoSet = sso.filter((name) => env[name]);
  if (ssoSet.length > 0 && ssoSet.length < sso.length)
    problems.push(`${sso.join(', ')} go together for single sign-on: set all three, or none`);
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  const config = values as Config;
  config.DATA_DIR = path.resolve(config.DATA_DIR);
  config.LADDERS_DIR = path.resolve(config.LADDERS_DIR);
  config.PUBLIC_URL ??= `http://localhost:${config.PORT}`;
  return config;
}
