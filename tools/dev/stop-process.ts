import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** Signals a child process and waits until it is gone; nothing to do if it already is. */
export async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}
