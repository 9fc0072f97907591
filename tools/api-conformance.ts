/**
 * `npm run test:api`: the API as an outside client finds it. Starts the whole
 * system as `npm start` does, on loopback ports and a fresh data folder, then
 * points schemathesis at its /openapi.json once for each role and once with no
 * key. Any failure of the checks below fails the run.
 *
 *   SCHEMATHESIS_SEED       seed of the generated requests (default below)
 *   SCHEMATHESIS_MAX_TIME   seconds each role explores (default 30)
 */
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT, requirePythonTool } from './dev/python-tools';
import { startCommandSetup, startSystem, stopSystem } from './dev/start-command';
import { ROLES, type Role } from '../platform/roles';

const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
  'unsupported_method',
  'missing_required_header',
];
const DEFAULT_SEED = 20261203;

const seed = Number(process.env.SCHEMATHESIS_SEED ?? DEFAULT_SEED);
const maxTime = Number(process.env.SCHEMATHESIS_MAX_TIME ?? 30);

/**
 * Refusals as this API makes them: besides the usual, 413 for a body over the
 * limit and 414 for a path parameter longer than any it reads. A contributor
 * made before the run stands in for the path's id half the time, so the
 * contributor routes are reached past their 404.
 */
function configFile(contributorId: string): string {
  return `[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "414", "415", "422", "428", "429"]

[dictionaries.contributors]
values = ["${contributorId}"]

[[operations]]
include-path-regex = "^/v1/contributors/\\\\{id\\\\}"
parameters = { "path.id" = { dictionary = "contributors", probability = 0.5 } }
`;
}

async function createKey(env: NodeJS.ProcessEnv, role: Role): Promise<string> {
  const args = ['--import', 'tsx', 'cli/keys.ts', 'create', '--role', role, '--name', `schemathesis ${role}`];
  if (role === 'team-leader') args.push('--ladder', 'cacert-support');
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: PROJECT_ROOT, env });
  return stdout.trim().split('\n').pop()!;
}

async function onboard(api: string, key: string): Promise<string> {
  const response = await fetch(`${api}/v1/contributors`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Conformance Candidate', email: 'conformance@example.org', ladder: 'cacert-support' }),
  });
  if (!response.ok) throw new Error(`onboarding the run's contributor answered ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

/** One schemathesis run; its whole output goes to `log`, and the exit code comes back. */
function runSchemathesis(api: string, config: string, key: string | undefined, log: string): Promise<number> {
  const args = [
    '--config-file',
    config,
    'run',
    `${api}/openapi.json`,
    '--checks',
    CHECKS.join(','),
    '--seed',
    String(seed),
    '--max-time',
    String(maxTime),
  ];
  // One worker: the generator's parser is not safe across threads on every Python.
  args.push('--workers', '1', '--no-color', '--generation-database', 'none');
  if (key) args.push('--header', `Authorization: Bearer ${key}`);
  return new Promise((resolve, reject) => {
    const child = spawn(requirePythonTool('schemathesis'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = createWriteStream(log);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.once('error', reject);
    child.once('close', (code) => out.end(() => resolve(code ?? 1)));
  });
}

async function main(): Promise<number> {
  const setup = await startCommandSetup('conformance', {
    // The client sends thousands of requests a minute: the limits are tested elsewhere.
    RATE_LIMIT_PER_MINUTE: '10000000',
    LINK_RATE_LIMIT_PER_MINUTE: '10000000',
  });
  const { dataDir, env, api } = setup;
  const system = await startSystem(setup, ['ignore', 'ignore', 'inherit']).catch((err: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  let failed = 0;
  try {
    const keys = {} as Record<Role, string>;
    for (const role of ROLES) keys[role] = await createKey(env, role);
    const config = path.join(dataDir, 'schemathesis.toml');
    writeFileSync(config, configFile(await onboard(api, keys['team-leader'])));
    console.log(
      `[api-conformance] schemathesis ${CHECKS.length} checks, seed ${seed}, ${maxTime} s a role, against ${api}`,
    );
    for (const role of [...ROLES, undefined]) {
      const who = role ?? 'no key';
      const log = path.join(dataDir, `schemathesis-${who.replace(' ', '-')}.log`);
      const code = await runSchemathesis(api, config, role && keys[role], log);
      const output = readFileSync(log, 'utf8');
      const summary = output.trim().split('\n').pop() ?? '';
      console.log(
        `[api-conformance] ${who}: ${code === 0 ? 'passed' : 'FAILED'} (${summary.replace(/=/g, '').trim()})`,
      );
      if (code !== 0) {
        failed++;
        console.log(output);
      }
    }
  } finally {
    await stopSystem(system);
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `[api-conformance] ${failed === 0 ? 'every role passed' : `${failed} of ${ROLES.length + 1} roles failed`}`,
  );
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[api-conformance] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
