import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import { appDeps, buildApp } from '../../api/app';
import { createPool } from '../../db/pool';
import { createLogger } from '../../infra/logger';
import { createApiKey } from '../../security/api-keys';
import { signLink } from '../../security/link-token';
import { testConfig } from '../support/system';

describe('request logs', () => {
  test('when requests carry an API key and a link token, then neither reaches the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const config = testConfig();
    const pool = createPool(config.DATABASE_URL!);
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS! });
    const signingKey = config.LINK_SIGNING_KEYS![0]!;
    const app = await buildApp({ ...appDeps(config, pool, new Client({ connection }), createLogger('trace', 'api', sink)), ladders: new Map(), signingKeys: [signingKey] });
    try {
      const { key } = await createApiKey(pool, { role: 'admin', name: 'log test' });
      const token = signLink({ lid: 'nope', cid: 'c', step: 's', exp: Math.floor(Date.now() / 1000) + 60 }, signingKey);
      await app.inject({ method: 'GET', url: '/v1/contributors/000000000000000000000000', headers: { authorization: `Bearer ${key}` } });
      await app.inject({ method: 'POST', url: `/links/${token}` });
      await app.inject({ method: 'GET', url: `/links/${token}?x=1` });

      const log = lines.join('');
      expect(log).toContain('/links/[redacted]');
      expect(log).not.toContain(token.slice(0, 40));
      expect(log).not.toContain(key.slice(4, 30));
    } finally {
      await app.close();
      await connection.close();
      await pool.end();
    }
  });
});
