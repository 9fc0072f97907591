import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';

const DIR = path.join(__dirname, '..', 'fixtures', 'histories');
const histories = readdirSync(DIR).filter((f) => f.endsWith('.json'));

/**
 * Contributors mid-ladder must survive new workflow code: recorded histories
 * (`npm run histories:record`) replay through the code as it is now. A change
 * that breaks one needs `patched()` around the new behaviour.
 */
describe('replaying recorded histories', () => {
  test('there are recorded histories to replay', () => {
    expect(histories.length).toBeGreaterThanOrEqual(4);
  });

  test.each(histories)('when %s is replayed through the current code, then it replays without nondeterminism', async (file) => {
    const fixture = JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { workflowId: string; history: string };
    const history = temporal.api.history.v1.History.decode(Buffer.from(fixture.history, 'base64'));
    await expect(Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows') }, history, fixture.workflowId)).resolves.toBeUndefined();
  });
});
