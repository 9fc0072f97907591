import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, temporalConnection } from '../../platform/config';

describe('configuration', () => {
  test('when nothing is set, then the embedded defaults apply', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_URL: undefined,
      TEMPORAL_ADDRESS: undefined,
      SMTP_URL: undefined,
      PUBLIC_URL: 'http://localhost:3000',
    });
    expect(config.DATA_DIR).toMatch(/\/data$/);
  });

  test('when several settings are invalid, then one error names each of them', () => {
    expect(() => loadConfig({ PORT: 'eighty', SMTP_URL: 'http://mail', LINK_SIGNING_KEYS: 'k:short' })).toThrow(
      /PORT must be a port number[\s\S]*SMTP_URL must use one of smtp:, smtps:[\s\S]*secret of key "k" is shorter than 32/,
    );
  });

  test('when signing keys are given, then the first signs and all are kept in order', () => {
    const config = loadConfig({ LINK_SIGNING_KEYS: `new:${'n'.repeat(32)}, old:${'o'.repeat(32)}` });
    expect(config.LINK_SIGNING_KEYS?.map((k) => k.kid)).toEqual(['new', 'old']);
  });

  describe('the Temporal connection', () => {
    test('when nothing is set, then it is plain, to the dev server on loopback', () => {
      expect(temporalConnection(loadConfig({}))).toEqual({ address: '127.0.0.1:7233' });
    });

    test('when an API key is set (Temporal Cloud), then it goes over TLS with the key', () => {
      expect(
        temporalConnection(
          loadConfig({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'secret-key' }),
        ),
      ).toEqual({
        address: 'ns.acct.tmprl.cloud:7233',
        tls: true,
        apiKey: 'secret-key',
      });
    });

    test('when a CA and a client certificate are named, then their files are read for mTLS', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'trustladder-pem-'));
      for (const name of ['ca.pem', 'client.pem', 'client.key']) writeFileSync(path.join(dir, name), `PEM ${name}`);
      const connection = temporalConnection(
        loadConfig({
          TEMPORAL_TLS_CA: path.join(dir, 'ca.pem'),
          TEMPORAL_TLS_CERT: path.join(dir, 'client.pem'),
          TEMPORAL_TLS_KEY: path.join(dir, 'client.key'),
          TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
        }),
      );
      expect(connection.tls).toEqual({
        serverRootCACertificate: Buffer.from('PEM ca.pem'),
        clientCertPair: { crt: Buffer.from('PEM client.pem'), key: Buffer.from('PEM client.key') },
        serverNameOverride: 'temporal.internal',
      });
    });

    test('when a certificate file cannot be read, then the error names the setting and the file', () => {
      expect(() => temporalConnection(loadConfig({ TEMPORAL_TLS_CA: '/nonexistent/ca.pem' }))).toThrow(
        'TEMPORAL_TLS_CA: cannot read /nonexistent/ca.pem (ENOENT)',
      );
    });
  });
});
