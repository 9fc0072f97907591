import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureSearchAttributes } from '../../worker/namespace';
import { requirePythonTool } from '../../tools/dev/python-tools';

/** The time-skipping test server from the set-up, with trustladder's search attributes registered. */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: requirePythonTool('testServer') } },
  });
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}
