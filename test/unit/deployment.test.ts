import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';
import { schema } from '../../platform/config/schema';
import { WORKER_NODE_FLAGS } from '../../worker/node-flags';

/**
 * The image and the compose file, checked against the code: this machine
 * reaches no image registry, so `docker compose up` cannot run in CI here.
 * What can drift without anyone noticing is checked instead: the code the
 * image runs is all copied in, every package it loads is installed by
 * `npm ci --omit=dev`, and every setting the services are given exists.
 */
const ROOT = path.join(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** What the image runs: the API, the worker and the operator's commands. */
const ENTRIES = ['api/main.ts', 'worker/main.ts', 'cli/keys.ts', 'cli/audit.ts', 'cli/purge.ts', 'cli/ladder.ts'];

function resolveSource(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  const found = [`${base}.ts`, path.join(base, 'index.ts'), base].find((f) => existsSync(f) && f.endsWith('.ts'));
  if (!found) throw new Error(`${path.relative(ROOT, from)} imports ${specifier}, which is not a source file`);
  return found;
}

/** Every project file the entries load, and every package they import. */
function reachable(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = ENTRIES.map((e) => path.join(ROOT, e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:from|import\(|require\.resolve\()\s*'([^']+)'/g)) {
      if (specifier!.startsWith('.')) queue.push(resolveSource(file, specifier!));
      else
        packages.add(
          specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!,
        );
    }
  }
  return { files, packages };
}

describe('the container image and docker-compose.yml', () => {
  const dockerfile = read('Dockerfile');
  /** The folders .dockerignore lets into the build: it ignores everything, then lets named ones back in. */
  const shipped = new Set([...read('.dockerignore').matchAll(/^!(\w[\w-]*)\/$/gm)].map((m) => m[1]));

  test('when the image is built, then the app comes in by one COPY, and what only serves development stays out', () => {
    expect(read('.dockerignore').split('\n')).toContain('*');
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect([...finalStage.matchAll(/^COPY (?!--from)/gm)]).toHaveLength(1);
    expect(dockerfile).toMatch(/^COPY \. \.$/m);
    for (const devOnly of ['tools', 'test', 'bench', 'docs']) expect(shipped.has(devOnly)).toBe(false);
  });

  test('when the image runs the API, the worker and the operator commands, then every source folder they load is shipped', () => {
    const folders = new Set([...reachable().files].map((f) => path.relative(ROOT, f).split(path.sep)[0]!));
    expect([...folders].filter((f) => !shipped.has(f))).toEqual([]);
  });

  test('when the image installs production dependencies only, then every package the code loads is among them', () => {
    const { dependencies } = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const builtin = new Set(builtinModules);
    const missing = [...reachable().packages].filter(
      (p) => !p.startsWith('node:') && !builtin.has(p) && !(p in dependencies),
    );
    expect(missing).toEqual([]);
    expect(dockerfile).toContain('npm ci --omit=dev');
  });

  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<
      string,
      {
        environment?: Record<string, string>;
        healthcheck?: unknown;
        depends_on?: Record<string, { condition: string }>;
        command?: string[];
      }
    >;
  };

  test('when the API and the worker are configured by the compose file, then every setting they are given is one trustladder reads', () => {
    for (const name of ['api', 'worker']) {
      const unknown = Object.keys(compose.services[name]!.environment ?? {}).filter((setting) => !(setting in schema));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
    expect(compose.services.api!.command).toEqual(['node', '--import', 'tsx', 'api/main.ts']);
    expect(compose.services.worker!.command).toEqual([
      'node',
      ...WORKER_NODE_FLAGS,
      '--import',
      'tsx',
      'worker/main.ts',
    ]);
  });

  test('when the worker is started by npm, then Node gets the same flags as everywhere else', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(scripts.worker).toBe(['node', ...WORKER_NODE_FLAGS, '--import', 'tsx', 'worker/main.ts'].join(' '));
  });

  test('when a service waits for another to be healthy, then that one has a health check', () => {
    const waitedFor = Object.values(compose.services).flatMap((s) =>
      Object.entries(s.depends_on ?? {})
        .filter(([, d]) => d.condition === 'service_healthy')
        .map(([name]) => name),
    );
    expect(waitedFor.length).toBeGreaterThan(0);
    for (const name of new Set(waitedFor))
      expect({ name, healthcheck: Boolean(compose.services[name]?.healthcheck) }).toEqual({ name, healthcheck: true });
    expect(compose.services.api!.healthcheck).toBeDefined();
    expect(compose.services.worker!.healthcheck).toBeDefined();
  });

  test('when replicas share the link signing keys, then the compose file refuses to start without them', () => {
    expect(read('docker-compose.yml')).toMatch(/LINK_SIGNING_KEYS: \$\{LINK_SIGNING_KEYS:\?/);
  });
});
