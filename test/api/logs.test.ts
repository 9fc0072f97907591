import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../../api/app';
import { appDeps } from '../../api/deps';
import { createPool } from '../../store/pool';
import { createLogger } from '../../platform/logger';
import { createApiKey } from '../../platform/api-keys';
import { signLink } from '../../platform/link-token';
import { eventually } from '../../tools/testkit/eventually';
import { startSystem, testConfig } from '../support/system';
import { startWorkerProcess } from '../support/worker-process';

/** A log destination that keeps every line written to it. */
function lineSink(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, sink };
}

describe('request logs', () => {
  test('when requests carry an API key and a link token, then neither reaches the log', async () => {
    const { lines, sink } = lineSink();
    const config = testConfig();
    const pool = createPool(config.DATABASE_URL!);
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS! });
    const signingKey = config.LINK_SIGNING_KEYS![0]!;
    const app = await buildApp({
      ...appDeps(config, pool, new Client({ connection }), createLogger('trace', 'api', sink)),
      ladders: new Map(),
      signingKeys: [signingKey],
    });
    try {
      const { key } = await createApiKey(pool, { role: 'admin', name: 'log test' });
      const token = signLink({ lid: 'nope', cid: 'c', step: 's', exp: Math.floor(Date.now() / 1000) + 60 }, signingKey);
      await app.inject({
        method: 'GET',
        url: '/v1/contributors/000000000000000000000000',
        headers: { authorization: `Bearer ${key}` },
      });
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

  test('when a contributor is onboarded, then the API and the worker log lines about them carry their contributor id and workflow id', async () => {
    const { lines, sink } = lineSink();
    const system = await startSystem({ worker: false });
    const worker = await startWorkerProcess(system.config);
    const connection = await Connection.connect({ address: system.config.TEMPORAL_ADDRESS! });
    const app = await buildApp(
      appDeps(system.config, system.pool, new Client({ connection }), createLogger('info', 'api', sink)),
    );
    try {
      const key = await system.keyFor('team-leader');
      const created = await app.inject({
        method: 'POST',
        url: '/v1/contributors',
        headers: { authorization: `Bearer ${key}` },
        payload: { name: 'Logged', email: `logged.${Date.now()}@example.org`, ladder: 'cacert-support' },
      });
      const id = created.json<{ id: string }>().id;
      await app.inject({ method: 'GET', url: `/v1/contributors/${id}`, headers: { authorization: `Bearer ${key}` } });

      const parsed = (text: string) =>
        text
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>);
      const keyId = key.split('_')[1];
      const fromApi = parsed(lines.join(''));
      const completed = fromApi.filter((l) => l.msg === 'request completed' && l.contributorId === id);
      expect(completed).toHaveLength(1);
      expect(completed[0]).toMatchObject({
        workflowId: `contributor-${id}`,
        keyId,
        req: { method: 'GET', url: `/v1/contributors/${id}` },
        res: { statusCode: 200 },
      });
      // One line a request at info: the one written when it is answered.
      expect(fromApi.filter((l) => l.msg === 'incoming request')).toEqual([]);
      // The worker's lines come from the Temporal SDK's logger, which knows the workflow; the contributor is added.
      const fromWorker = await eventually(
        async () => parsed(worker.output()),
        (found) => found.some((l) => l.msg === 'contributor.registered' && l.contributorId === id),
      );
      expect(fromWorker).toContainEqual(
        expect.objectContaining({
          msg: 'contributor.registered',
          contributorId: id,
          workflowId: `contributor-${id}`,
          activityType: 'registerContributor',
          name: 'worker',
        }),
      );
    } finally {
      await app.close();
      await connection.close();
      await worker.stop();
      await system.stop();
    }
  });
});
