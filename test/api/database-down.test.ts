import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../../api/app';
import { appDeps } from '../../api/deps';
import { createPool } from '../../store/pool';
import { freePort } from '../../platform/free-port';
import { createLogger } from '../../platform/logger';
import { testConfig } from '../support/system';

/** The API with its database gone: 503 with Retry-After, never a 500, and readiness says which part is missing. */
describe('the API when the database cannot be reached', () => {
  test('when PostgreSQL refuses connections, then /healthz and every keyed route answer 503, as problem details', async () => {
    const config = testConfig();
    // Nothing listens on this port: every connection is refused, as when PostgreSQL is stopped.
    const pool = createPool(`postgres://postgres@127.0.0.1:${await freePort()}/none`);
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS! });
    const app = await buildApp(appDeps(config, pool, new Client({ connection }), createLogger('silent')));
    try {
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unavailable', temporal: 'ok' });
      expect(health.json<{ database: string }>().database).not.toBe('ok');

      for (const url of ['/v1/motions', '/v1/audit', '/v1/keys']) {
        const response = await app.inject({
          method: 'GET',
          url,
          headers: { authorization: `Bearer tlk_0123456789abcdef_${'A'.repeat(43)}` },
        });
        expect(response.statusCode).toBe(503);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.json()).toEqual({
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: 'the database cannot be reached; try again shortly',
        });
      }
      expect((await app.inject({ method: 'GET', url: '/v1/roster' })).statusCode).toBe(503);
    } finally {
      await app.close();
      await connection.close();
      await pool.end();
    }
  });
});
