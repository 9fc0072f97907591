/** What global set-up started, for global tear-down (they share one module registry). */
interface TestState {
  stops: (() => Promise<void>)[];
  scratchDir: string;
}

const KEY = Symbol.for('trustladder.test-state');

export function setTestState(state: TestState): void {
  (globalThis as Record<symbol, unknown>)[KEY] = state;
}

export function getTestState(): TestState | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as TestState | undefined;
}
