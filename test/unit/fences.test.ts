import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.join(__dirname, '../..');

/** Probe files, each written where the fence applies, linted together, then removed. */
const PROBES = {
  workflowValue: [
    'workflows/contributor/fence-probe-value.ts',
    "import { createActivities } from '../../activities';\nexport const probe = createActivities;\n",
  ],
  workflowType: [
    'workflows/contributor/fence-probe-type.ts',
    "import type { Activities } from '../../activities';\nexport type Probe = Activities;\n",
  ],
  workflowStore: [
    'workflows/promotion/fence-probe-store.ts',
    "import { createPool } from '../../store/pool';\nexport const probe = createPool;\n",
  ],
  workflowPlatform: [
    'workflows/promotion/fence-probe-platform.ts',
    "import { createLogger } from '../../platform/logger';\nexport const probe = createLogger;\n",
  ],
  workflowBuiltin: [
    'workflows/promotion/fence-probe-builtin.ts',
    "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n",
  ],
  domain: [
    'domain/fence-probe.ts',
    "import { readFileSync } from 'node:fs';\nimport type { Activities } from '../activities';\nexport const probe = readFileSync;\nexport type Probe = Activities;\n",
  ],
  shipped: [
    'api/fence-probe.ts',
    "import { eventually } from '../tools/testkit/eventually';\nexport const probe = eventually;\n",
  ],
} as const;

/**
 * The fences lint keeps: workflow code at any depth takes only types from the
 * side-effecting folders, the domain is pure, and shipped code never reaches
 * into what serves development. Linted with the project's own configuration.
 */
describe('the import fences', () => {
  const fenced = {} as Record<keyof typeof PROBES, string[]>;

  beforeAll(async () => {
    for (const [file, source] of Object.values(PROBES)) writeFileSync(path.join(ROOT, file), source);
    try {
      const files = Object.values(PROBES).map(([file]) => file);
      const run = await promisify(execFile)(
        path.join(ROOT, 'node_modules/.bin/eslint'),
        ['--format', 'json', ...files],
        {
          cwd: ROOT,
        },
      ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
      const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
      for (const [name, [file]] of Object.entries(PROBES)) {
        const result = results.find((r) => r.filePath === path.join(ROOT, file))!;
        fenced[name as keyof typeof PROBES] = result.messages
          .filter((m) => m.ruleId === 'no-restricted-imports')
          .map((m) => m.message);
      }
    } finally {
      for (const [file] of Object.values(PROBES)) rmSync(path.join(ROOT, file), { force: true });
    }
  }, 120_000);

  test('when a nested workflow file imports an activity as a value, then lint fails', () => {
    expect(fenced.workflowValue).toEqual([
      expect.stringContaining('Workflows import only types from side-effecting modules'),
    ]);
  });

  test('when a nested workflow file imports only the type, then lint passes', () => {
    expect(fenced.workflowType).toEqual([]);
  });

  test.each(['workflowStore', 'workflowPlatform', 'workflowBuiltin'] as const)(
    'when a nested workflow file imports what does I/O (%s), then lint fails',
    (probe) => {
      expect(fenced[probe]).toHaveLength(1);
    },
  );

  test('when the domain reads a file or takes even a type from the activities, then lint fails', () => {
    expect(fenced.domain).toHaveLength(2);
  });

  test('when shipped code imports the test kit, then lint fails', () => {
    expect(fenced.shipped).toEqual([expect.stringContaining('Shipped code never imports tools/, test/ or bench/')]);
  });
});

describe('the data layer', () => {
  const SQL = /\b(SELECT\s[\s\S]*?\bFROM|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM)\b/;
  const shipped = ['activities', 'api', 'cli', 'domain', 'platform', 'worker', 'workflows'];

  test('when shipped code outside store/ is read, then it holds no SQL', () => {
    const offenders = shipped
      .flatMap((folder) =>
        readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' }).map((f) => path.join(folder, f)),
      )
      .filter((file) => file.endsWith('.ts') && SQL.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
