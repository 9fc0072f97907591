import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../platform/free-port';
import { createLogger } from '../../platform/logger';
import {
  startTemporalDevServer,
  type DevServerOptions,
  type RunningTemporal,
} from '../../tools/dev/temporal-dev-server';
import { requirePythonTool } from '../../tools/dev/python-tools';
import { eventually } from '../../tools/testkit/eventually';
import { startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { startSystem, type TestSystem } from '../support/system';
import { expectTriageExactlyOnce, nearlyTriage, passLastChallenge } from '../support/triage-journey';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

/**
 * The Temporal server stopped and started again from its state file, twice:
 * between two steps of a promotion, and just after the deciding step while
 * the access is being granted. The worker and the API stay up throughout.
 */
describe('when the Temporal server restarts', () => {
  let options: DevServerOptions;
  let temporal: RunningTemporal;
  let smtp: SmtpCapture;
  let system: TestSystem;
  let worker: WorkerProcess;
  beforeAll(async () => {
    options = {
      cli: requirePythonTool('cli'),
      port: await freePort(),
      dbFile: path.join(mkdtempSync(path.join(tmpdir(), 'trustladder-temporal-')), 'state.db'),
      namespace: 'default',
      log: createLogger('silent'),
    };
    temporal = await startTemporalDevServer(options);
    smtp = await startSmtpCapture();
    system = await startSystem({ worker: false, smtpUrl: smtp.url, env: { TEMPORAL_ADDRESS: temporal.address } });
    worker = await startWorkerProcess(system.config);
  });
  afterAll(async () => {
    await worker?.stop();
    await system?.stop();
    await temporal?.stop();
    await smtp?.close();
  });

  test('when it is stopped mid-promotion and restarted from its state file, then the work resumes where it was: nothing lost, nothing granted twice', async () => {
    const candidate = await nearlyTriage(system, smtp, 'Restart');
    const status = `/v1/contributors/${candidate.id}`;
    const before = (await candidate.call('GET', status, candidate.leader)).body;

    await temporal.stop();
    // While it is away the status is still read (from PostgreSQL), and a step cannot be recorded.
    expect(await candidate.call('GET', status, candidate.leader)).toEqual({ status: 200, body: before });
    expect(await passLastChallenge(candidate)).toMatchObject({
      status: 503,
      body: { detail: 'the workflow service cannot answer right now; try again shortly' },
    });
    expect(await candidate.call('GET', status, candidate.leader)).toEqual({ status: 200, body: before });

    temporal = await startTemporalDevServer(options);
    // Back as it was: the same promotion, the same steps done.
    const after = await eventually(
      () => candidate.call('GET', status, candidate.leader),
      (r) => r.status === 200,
    );
    expect(after.body).toMatchObject({
      level: 'assurer',
      state: 'promoting',
      promotion: before.promotion,
      steps: before.steps,
    });

    // The deciding step, and the server gone again while the access is being granted.
    expect((await passLastChallenge(candidate)).body).toMatchObject({ level: 'triage' });
    await temporal.stop();
    temporal = await startTemporalDevServer(options);

    await expectTriageExactlyOnce(system, smtp, candidate);
  }, 180_000);
});
