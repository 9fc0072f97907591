import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import type { Config } from '../platform/config';
import { linkSigningKeys } from '../platform/config/local-secrets';
import { createActivities } from '../activities';
import { loadLadders } from '../platform/ladder-file';
import type { AccessSystem } from '../activities/access/access-system';
import { configuredSystems } from '../activities/access/configured-systems';
import { accessSystems } from '../activities/access/systems';
import type { Logger } from '../platform/logger';
import { createMailer, type Mailer } from '../platform/mailer';
import { sandboxPreloads } from './sandbox-preloads';

export interface WorkerParts {
  worker: Worker;
  mailer: Mailer;
}

/** Wires configuration and clients into the activities and a worker polling the task queue. */
export async function createWorker(options: {
  config: Config;
  connection: NativeConnection;
  pool: Pool;
  log: Logger;
  /** Adapters for the systems access lives in, by the name ladders use; others live in the built-in directory. */
  systems?: Record<string, AccessSystem>;
  /** The workflow code already bundled (see workflow-bundle.ts); otherwise it is bundled here, as WORKFLOW_STACK_TRACES says. */
  workflowBundlePath?: string;
}): Promise<WorkerParts> {
  const { config, connection, pool, log } = options;
  const mailer = createMailer({
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    outboxDir: path.join(config.DATA_DIR, 'outbox'),
    log,
  });
  const activities = createActivities({
    pool,
    mailer,
    signingKey: linkSigningKeys(config)[0]!,
    publicUrl: config.PUBLIC_URL!,
    linkTtlMs: config.LINK_TTL_HOURS * 3_600_000,
    progressTtlMs: config.PROGRESS_LINK_TTL_DAYS * 86_400_000,
    factService: config.FACT_SERVICE_URL
      ? { url: config.FACT_SERVICE_URL, token: config.FACT_SERVICE_TOKEN }
      : undefined,
    retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
    systems: accessSystems(pool, { ...configuredSystems(config), ...options.systems }),
    ladders: () => loadLadders(config.LADDERS_DIR),
    reconcile: { dryRun: config.RECONCILE_DRY_RUN, maxRemovals: config.RECONCILE_MAX_REMOVALS },
  });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : {
          workflowsPath: require.resolve('../workflows'),
          bundlerOptions: { preloadModules: sandboxPreloads(config.WORKFLOW_STACK_TRACES) },
        }),
    activities,
    maxCachedWorkflows: Math.floor(config.WORKER_MAX_CACHED_WORKFLOWS),
  });
  return { worker, mailer };
}
