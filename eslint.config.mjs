import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noBuiltins = (message) => nodeBuiltins.map((name) => ({ name, message }));

/** Folders whose modules do I/O: `**` so that a file at any depth is fenced like a top one. */
const sideEffecting = ['activities', 'store', 'api', 'platform', 'worker', 'cli'].flatMap((folder) => [
  `**/${folder}`,
  `**/${folder}/**`,
]);
/** Folders that serve development only and never ship. */
const devOnly = {
  group: ['tools', 'test', 'bench'].flatMap((folder) => [`**/${folder}`, `**/${folder}/**`]),
  message: 'Shipped code never imports tools/, test/ or bench/.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.tools/', 'coverage/', 'test/fixtures/', '**/*.js', '*.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Plugins and interface methods are async by contract, awaiting or not.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Workflow code must replay deterministically: it reaches the world only through activities.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noBuiltins('Workflow code is deterministic: no Node built-ins. Use an activity.'),
            { name: 'pg', message: 'Workflow code may not touch the database: use an activity.' },
            { name: 'nodemailer', message: 'Workflow code may not send mail: use an activity.' },
            { name: '@temporalio/client', message: 'Workflow code talks to Temporal through @temporalio/workflow.' },
            { name: '@temporalio/activity', message: 'Activity code does not belong in workflows.' },
            { name: '@temporalio/worker', message: 'The worker runs workflows; workflows do not import it.' },
          ],
          patterns: [
            {
              group: sideEffecting,
              allowTypeImports: true,
              message: 'Workflows import only types from side-effecting modules.',
            },
            devOnly,
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Read the workflow clock through workflows/clock.ts.' },
        { object: 'Math', property: 'random', message: 'Use uuid4() from @temporalio/workflow for ids.' },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process', 'require'],
    },
  },
  {
    // The domain is pure rules: no I/O, nothing of the layers around it, not even their types.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noBuiltins('The domain is pure: no Node built-ins.'),
            ...['pg', 'nodemailer', 'yaml', 'fastify'].map((name) => ({ name, message: 'The domain does no I/O.' })),
          ],
          patterns: [
            {
              group: [...sideEffecting, '**/workflows', '**/workflows/**', '@temporalio/*'],
              message: 'The domain depends on nothing around it.',
            },
            devOnly,
          ],
        },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process', 'require', 'fetch'],
    },
  },
  {
    // What ships never leans on what only serves development.
    files: ['{activities,api,cli,platform,store,worker}/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [devOnly] }] },
  },
  // Plain ES modules run as processes of their own (the tests' OpenID provider): linted without types.
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false },
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
);
