import { Pool } from 'pg';
import { migrate } from '../../store/migrate';
import { completeStepUpdate } from '../../workflows/messages';
import { eventually } from '../../tools/testkit/eventually';
import { startPostgresProcess, type PostgresProcess } from '../support/postgres-process';
import { startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { startSystem, type TestSystem } from '../support/system';
import { expectTriageExactlyOnce, nearlyTriage } from '../support/triage-journey';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

/**
 * PostgreSQL shut down as a promotion is decided: the workflow can write
 * nothing (the step's audit row, the level, the grants in the built-in
 * directory) and the API answers 503. Once the database is back, the work
 * resumes where it stopped.
 */
describe('when PostgreSQL restarts', () => {
  let postgres: PostgresProcess;
  let smtp: SmtpCapture;
  let system: TestSystem;
  let worker: WorkerProcess;
  beforeAll(async () => {
    postgres = await startPostgresProcess();
    const pool = new Pool({ connectionString: postgres.url, max: 1 });
    await migrate(pool);
    await pool.end();
    smtp = await startSmtpCapture();
    system = await startSystem({ worker: false, smtpUrl: smtp.url, env: { DATABASE_URL: postgres.url } });
    worker = await startWorkerProcess(system.config);
  });
  afterAll(async () => {
    await worker?.stop();
    await system?.stop();
    await postgres?.stop();
    await smtp?.close();
  });

  test('when it is stopped as a promotion is decided, then the API answers 503, and once it is back the work resumes: no audit row lost, nothing granted twice', async () => {
    const candidate = await nearlyTriage(system, smtp, 'Outage');
    const status = `/v1/contributors/${candidate.id}`;
    const promotion = (await candidate.call('GET', status, candidate.leader)).body.promotion as { workflowId: string };
    await postgres.stop();

    // The deciding step reaches the workflow as the database goes: exactly what the API hands over, a moment too late to wait for.
    const decided = system.temporal.workflow.getHandle(promotion.workflowId).executeUpdate(completeStepUpdate, {
      args: [{ stepId: 'challenge:Triage-2', actor: { type: 'team-leader', id: 'outage-test' }, result: 'passed' }],
    });
    // Its audit row cannot be written: the activity fails and Temporal retries it.
    await eventually(
      async () =>
        (await system.temporal.workflow.getHandle(promotion.workflowId).describe()).raw.pendingActivities ?? [],
      (pending) => pending.some((a) => (a.attempt ?? 0) >= 2),
      30_000,
    );

    const away = await candidate.call('GET', status, candidate.leader);
    expect(away).toMatchObject({ status: 503, body: { detail: 'the database cannot be reached; try again shortly' } });
    const refused = await candidate.call('POST', `${status}/checks`, candidate.leader, {
      check: 'smime',
      note: 'again',
    });
    expect(refused.status).toBe(503);

    await postgres.start();
    await decided;
    await expectTriageExactlyOnce(system, smtp, candidate);
  }, 180_000);
});
