import { execFileSync } from 'node:child_process';

/** Where `bin` is on the PATH, or undefined. */
export function onPath(bin: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
