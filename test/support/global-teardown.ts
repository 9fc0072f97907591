import { rmSync } from 'node:fs';
import { getTestState } from './test-state';

export default async function globalTeardown(): Promise<void> {
  const state = getTestState();
  if (!state) return;
  for (const stop of state.stops) await stop();
  rmSync(state.scratchDir, { recursive: true, force: true });
}
