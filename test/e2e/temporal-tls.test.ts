import { apiCaller } from '../support/api-call';
import { startSystem, type TestSystem } from '../support/system';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates';
import { startTlsProxy, type TlsProxy } from '../support/tls-proxy';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

/**
 * Pointing trustladder at a Temporal cluster behind TLS with client
 * certificates, as a self-hosted cluster or a Temporal Cloud namespace using
 * mTLS is reached: only the TEMPORAL_* settings change.
 */
describe('a Temporal cluster behind TLS', () => {
  let certs: TestCertificates;
  let proxy: TlsProxy;
  let system: TestSystem;
  let tlsEnv: Record<string, string>;
  const workers: WorkerProcess[] = [];
  beforeAll(async () => {
    certs = makeTestCertificates();
    proxy = await startTlsProxy(process.env.TEST_TEMPORAL_ADDRESS!, certs);
    tlsEnv = {
      TEMPORAL_ADDRESS: proxy.address,
      TEMPORAL_TLS_CA: certs.ca,
      TEMPORAL_TLS_CERT: certs.clientCert,
      TEMPORAL_TLS_KEY: certs.clientKey,
      TEMPORAL_TLS_SERVER_NAME: 'localhost',
    };
    system = await startSystem({ worker: false, env: tlsEnv });
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await system?.stop();
    await proxy?.close();
  });

  test('when the worker and the API are given the CA and a client certificate, then a contributor is onboarded through the TLS front', async () => {
    workers.push(await startWorkerProcess(system.config, tlsEnv));
    const call = apiCaller(() => system.app);
    const leader = await system.keyFor('team-leader');
    const created = await call('POST', '/v1/contributors', leader, {
      name: 'Over TLS',
      email: `tls.${Date.now()}@example.org`,
      ladder: 'cacert-support',
    });
    expect(created.status).toBe(201);
    // Started by the API and run by the worker (the promotion is under way), both through the proxy.
    expect((await call('GET', `/v1/contributors/${created.body.id as string}`, leader)).body).toMatchObject({
      state: 'onboarding',
      promotion: { target: 'assurer', state: 'open' },
    });
    expect(proxy.authorized).toBeGreaterThanOrEqual(2);
  }, 60_000);

  test('when the worker has no client certificate, then it does not start, and says why', async () => {
    const refusedBefore = proxy.refused;
    const started = startWorkerProcess(system.config, { ...tlsEnv, TEMPORAL_TLS_CERT: '', TEMPORAL_TLS_KEY: '' });
    await expect(started).rejects.toThrow(/exited \(1\) before it was ready/);
    expect(proxy.refused).toBeGreaterThan(refusedBefore);
  }, 60_000);

  test('when only half of a client certificate is configured, then the worker names the missing setting', async () => {
    await expect(startWorkerProcess(system.config, { ...tlsEnv, TEMPORAL_TLS_KEY: '' })).rejects.toThrow(
      'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together',
    );
  });
});
