import type { Config } from '../../platform/config';
import { startNodeService, type NodeService } from '../../tools/dev/node-service';
import { WORKER_NODE_FLAGS } from '../../worker/node-flags';

export type WorkerProcess = NodeService;

/**
 * `npm run worker` as a process of its own, configured as the test's system
 * is, plus `env`: a worker a fault test can kill.
 */
export function startWorkerProcess(config: Config, env: Record<string, string> = {}): Promise<WorkerProcess> {
  return startNodeService(
    'worker/main.ts',
    {
      ...process.env,
      DATA_DIR: config.DATA_DIR,
      DATABASE_URL: config.DATABASE_URL,
      TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
      LINK_SIGNING_KEYS: (config.LINK_SIGNING_KEYS ?? []).map((k) => `${k.kid}:${k.secret}`).join(','),
      PUBLIC_URL: config.PUBLIC_URL,
      LADDERS_DIR: config.LADDERS_DIR,
      ...(config.SMTP_URL ? { SMTP_URL: config.SMTP_URL } : {}),
      LOG_LEVEL: 'info',
      ...env,
    },
    'worker is polling',
    WORKER_NODE_FLAGS,
  );
}
