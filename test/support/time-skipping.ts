import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureSearchAttributes } from '../../infra/search-attributes';
import { requirePythonTool } from '../../infra/python-tools';

/** The time-skipping test server from the set-up, with trustladder's search attributes registered. */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: requirePythonTool('testServer') } },
  });
  await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}
