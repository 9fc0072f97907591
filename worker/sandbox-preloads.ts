/**
 * What is preloaded into the workflow sandbox, by WORKFLOW_STACK_TRACES:
 * modules in the SDK's `preloadModules` run once, in the sandbox, before its
 * globals are frozen. One list for every way the workflow code is bundled
 * (ahead, at a worker's start, or by the SDK itself), so a worker runs the
 * same sandbox however it was given its code.
 */
const NO_STACK_TRACES = require.resolve('../workflows/sandbox/no-stack-traces');

export function sandboxPreloads(stackTraces: boolean): string[] {
  return stackTraces ? [] : [NO_STACK_TRACES];
}

/**
 * Whether bundled workflow code records stack traces: webpack keys each
 * module by its path, so a bundle made without them names the module above.
 */
export function bundleHasStackTraces(code: string): boolean {
  return !code.includes('workflows/sandbox/no-stack-traces');
}
