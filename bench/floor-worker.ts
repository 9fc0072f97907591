import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig, temporalConnection } from '../platform/config';
import { exitWithParent } from '../platform/exit-with-parent';
import { sandboxPreloads } from '../worker/sandbox-preloads';
import { floorActivities } from './floor-activities';

/** The bare-engine floor's worker: a process of its own, as the real worker is. */
async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await NativeConnection.connect(temporalConnection(config));
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: process.env.FLOOR_TASK_QUEUE!,
    workflowsPath: require.resolve('./floor-workflow'),
    // The engine's floor runs its sandbox as trustladder's worker does: the ratio is the two workflows' difference, not the setting's.
    bundlerOptions: { preloadModules: sandboxPreloads(config.WORKFLOW_STACK_TRACES) },
    activities: floorActivities(),
  });
  exitWithParent(() => worker.shutdown());
  console.log('floor worker is polling');
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
