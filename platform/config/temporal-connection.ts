import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { ConfigError, type Config } from './schema';

/** What both the client and the worker's native connection need to reach the Temporal frontend. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig | true;
  apiKey?: string;
}

export function temporalAddress(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
}

function pemFile(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ConfigError(
      `${name}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
}

/**
 * The Temporal connection as configured: plain on loopback by default; TLS
 * with a private CA, a client certificate (mTLS) or an API key (Temporal
 * Cloud) when the settings ask for it.
 */
export function temporalConnection(config: Config): TemporalConnectionOptions {
  const {
    TEMPORAL_TLS_CA: ca,
    TEMPORAL_TLS_CERT: cert,
    TEMPORAL_TLS_KEY: key,
    TEMPORAL_TLS_SERVER_NAME: serverName,
    TEMPORAL_API_KEY: apiKey,
  } = config;
  if (Boolean(cert) !== Boolean(key))
    throw new ConfigError('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both, or neither');
  const address = temporalAddress(config);
  if (!config.TEMPORAL_TLS && !ca && !cert && !serverName && !apiKey) return { address };
  const tls: TLSConfig = {
    ...(ca ? { serverRootCACertificate: pemFile('TEMPORAL_TLS_CA', ca) } : {}),
    ...(cert && key
      ? { clientCertPair: { crt: pemFile('TEMPORAL_TLS_CERT', cert), key: pemFile('TEMPORAL_TLS_KEY', key) } }
      : {}),
    ...(serverName ? { serverNameOverride: serverName } : {}),
  };
  return { address, tls: Object.keys(tls).length > 0 ? tls : true, ...(apiKey ? { apiKey } : {}) };
}
