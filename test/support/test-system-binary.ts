import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onPath } from '../../tools/dev/on-path';

/** A server binary the tests start, from its Debian package (`npm run setup:test-systems`) or the variable naming it. */
export function testSystemBinary(binary: string, debianPackage: string, variable: string): string {
  const configured = process.env[variable];
  if (configured) return configured;
  const found = onPath(binary);
  if (!found)
    throw new Error(
      `${binary} is not installed: run \`npm run setup:test-systems\` (Debian package ${debianPackage}), or set ${variable}`,
    );
  return found;
}

/** A scratch folder a server run as another user (or as root) can use. */
export function scratchFolder(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `trustladder-${name}-`));
  chmodSync(dir, 0o755);
  return dir;
}
