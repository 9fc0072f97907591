import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { buildApp } from '../../api/app';
import { appDeps } from '../../api/deps';
import { createPool } from '../../store/pool';
import { createLogger } from '../../platform/logger';
import { testKey, type KeyOptions } from './keys';
import type { Role } from '../../platform/roles';
import { createWorker } from '../../worker/create-worker';
import { apiCaller } from './api-call';
import { startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { testConfig } from './system';
import { timeSkippingEnvironment } from './time-skipping';
import { formInject } from '../../tools/testkit/link-form';

export interface SkippingSystem {
  env: TestWorkflowEnvironment;
  smtp: SmtpCapture;
  pool: Pool;
  app: FastifyInstance;
  call: ReturnType<typeof apiCaller>;
  key(role: Role, options?: KeyOptions): Promise<string>;
  /** POSTs an emailed link's form, as a browser would; answers the status code. */
  follow(link: string, form?: Record<string, string>): Promise<number>;
  mailTo(address: string, subject: string): ReturnType<SmtpCapture['waitFor']>;
  stop(): Promise<void>;
}

/**
 * The real worker, activities, API, PostgreSQL and SMTP on the time-skipping
 * server, for journeys whose timers run for days or months.
 */
export async function startTimeSkippingSystem(env: Record<string, string> = {}): Promise<SkippingSystem> {
  const temporal = await timeSkippingEnvironment();
  const smtp = await startSmtpCapture();
  const config = testConfig({ SMTP_URL: smtp.url, PUBLIC_URL: 'http://trustladder.test', ...env });
  const log = createLogger(config.LOG_LEVEL);
  const pool = createPool(config.DATABASE_URL!);
  const { worker, mailer } = await createWorker({ config, connection: temporal.nativeConnection, pool, log });
  const running = worker.run();
  const app = await buildApp(appDeps(config, pool, temporal.client, log));
  return {
    env: temporal,
    smtp,
    pool,
    app,
    call: apiCaller(() => app),
    key: (role, options) => testKey(pool, role, options),
    follow: async (link, form) => (await app.inject(formInject(link, form))).statusCode,
    mailTo: (address, subject) =>
      smtp.waitFor((m) => JSON.stringify(m.to).includes(address) && (m.subject ?? '').includes(subject)),
    async stop() {
      await app.close();
      worker.shutdown();
      await running;
      mailer.close();
      await pool.end();
      await smtp.close();
      await temporal.teardown();
    },
  };
}
