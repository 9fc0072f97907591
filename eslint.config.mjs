import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

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
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'Workflow code is deterministic: no Node built-ins. Use an activity.',
            })),
            { name: 'pg', message: 'Workflow code may not touch the database: use an activity.' },
            { name: 'nodemailer', message: 'Workflow code may not send mail: use an activity.' },
            { name: '@temporalio/client', message: 'Workflow code talks to Temporal through @temporalio/workflow.' },
            { name: '@temporalio/activity', message: 'Activity code does not belong in workflows.' },
          ],
          patterns: [
            {
              group: [
                '../activities/*',
                '../db/*',
                '../mail/*',
                '../security/*',
                '../infra/*',
                '../api/*',
                '../config/*',
              ],
              allowTypeImports: true,
              message: 'Workflows import only types from side-effecting modules.',
            },
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
);
