import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { ConfigError } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { bundleHasStackTraces } from '../../worker/sandbox-preloads';
import { workflowBundle, type WorkflowBundle } from '../../worker/workflow-bundle';

/** How many frames a stack trace made in the bundle's sandbox records, once its preloads ran, as the SDK runs them. */
function framesRecorded(codePath: string): number {
  const sandbox = vm.createContext({ __webpack_module_cache__: {} });
  vm.runInContext(readFileSync(codePath, 'utf8'), sandbox);
  vm.runInContext('__TEMPORAL__.preloadModules()', sandbox);
  return vm.runInContext('Error.stackTraceLimit', sandbox) as number;
}

/** The worker's workflow code, bundled as WORKFLOW_STACK_TRACES says, and a bundle made ahead held to it. */
describe('the workflow bundle and WORKFLOW_STACK_TRACES', () => {
  const log = createLogger('silent');
  let without: WorkflowBundle;
  let withTraces: WorkflowBundle;

  beforeAll(async () => {
    [without, withTraces] = await Promise.all([
      workflowBundle({ given: undefined, stackTraces: false }, log),
      workflowBundle({ given: undefined, stackTraces: true }, log),
    ]);
  }, 60_000);
  afterAll(() => {
    without?.discard();
    withTraces?.discard();
  });

  test('when a worker bundles its code with each setting, then only the one with stack traces records frames, and each is told apart', () => {
    expect(framesRecorded(without.codePath)).toBe(0);
    expect(framesRecorded(withTraces.codePath)).toBe(10);
    expect(bundleHasStackTraces(readFileSync(without.codePath, 'utf8'))).toBe(false);
    expect(bundleHasStackTraces(readFileSync(withTraces.codePath, 'utf8'))).toBe(true);
  });

  test('when WORKFLOW_BUNDLE was made with the other setting, then the worker refuses it and says how to make it again', async () => {
    const refused = workflowBundle({ given: without.codePath, stackTraces: true }, log);
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(
      /made without stack traces, and WORKFLOW_STACK_TRACES is true: .*--stack-traces/,
    );
    await expect(workflowBundle({ given: withTraces.codePath, stackTraces: false }, log)).rejects.toThrow(
      /made with stack traces, and WORKFLOW_STACK_TRACES is false/,
    );
  });

  test('when WORKFLOW_BUNDLE was made with the same setting, then the worker takes it as it is', async () => {
    const given = await workflowBundle({ given: without.codePath, stackTraces: false }, log);
    expect(given.codePath).toBe(without.codePath);
  });
});
