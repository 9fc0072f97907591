import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { sandboxPreloads } from '../../worker/sandbox-preloads';

const DIR = path.join(__dirname, '..', 'fixtures', 'histories');
const histories = readdirSync(DIR).filter((f) => f.endsWith('.json'));

function loadFixture(file: string): { workflowId: string; history: temporal.api.history.v1.History } {
  const fixture = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { workflowId: string; history: string };
  return {
    workflowId: fixture.workflowId,
    history: temporal.api.history.v1.History.decode(Buffer.from(fixture.history, 'base64')),
  };
}

/**
 * Contributors mid-ladder must survive new workflow code: recorded histories
 * (`npm run histories:record`) replay through the code as it is now. A change
 * that breaks one needs `patched()` around the new behaviour.
 */
describe('replaying recorded histories', () => {
  test('there are recorded histories to replay', () => {
    expect(histories.length).toBeGreaterThanOrEqual(4);
  });

  test.each(histories)(
    'when %s is replayed through the current code, then it replays without nondeterminism',
    async (file) => {
      const { workflowId, history } = loadFixture(file);
      await expect(
        Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows') }, history, workflowId),
      ).resolves.toBeUndefined();
    },
  );

  // Workers with either WORKFLOW_STACK_TRACES share a task queue: the setting must not change a command.
  test('when every recorded history is replayed through a sandbox without stack traces, then each replays without nondeterminism', async () => {
    const options = {
      workflowsPath: require.resolve('../../workflows'),
      bundlerOptions: { preloadModules: sandboxPreloads(false) },
    };
    const failed: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories(options, histories.map(loadFixture))) {
      replayed++;
      if (result.error) failed.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failed).toEqual([]);
    expect(replayed).toBe(histories.length);
  });
});
