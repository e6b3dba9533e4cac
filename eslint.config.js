// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importPlugin from 'eslint-plugin-import';
import globals from 'globals';
import { readdirSync } from 'node:fs';

// The web app's layers (docs/ARCHITECTURE.md): `app/` (router, layouts) may import the features;
// a feature imports `components/`, `lib/`, `config/` and itself, never another feature nor `app/`;
// `components/`, `lib/` and `config/` import none of the features nor `app/`. One zone per feature,
// from the folder list, so that a new feature is held by the rule without editing this file.
const web = './apps/web/src';
const webFeatures = readdirSync(new URL('apps/web/src/features', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const webLayers = [
  ...webFeatures.map((feature) => ({
    target: `${web}/features/${feature}`,
    from: `${web}/features`,
    except: [`./${feature}`],
    message:
      'A feature does not import another one: move what both use to components/ (UI) or lib/ (logic).',
  })),
  {
    target: `${web}/features`,
    from: `${web}/app`,
    message: 'A feature does not import app/ (the router and layouts import the features).',
  },
  {
    target: [`${web}/components`, `${web}/lib`, `${web}/config`],
    from: [`${web}/features`, `${web}/app`],
    message: 'components/, lib/ and config/ are shared: they import no feature nor app/.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'coverage/**',
      '**/test-results/**',
      '**/playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts', 'eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // French texts hold non-breaking spaces (« Mes salariés », npm run check:spacing): allowed
      // in strings, templates, JSX texts and regular expressions, never in the code itself.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipJSXText: true, skipRegExps: true },
      ],
      // Fastify plugins and hooks are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import/no-restricted-paths': ['error', { zones: webLayers, basePath: import.meta.dirname }],
      // One form behaviour (errors checked again as their field changes): lib/use-app-form.ts.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@mantine/form',
              importNames: ['useForm'],
              message:
                'Use useAppForm from lib/use-app-form.ts: the same error behaviour everywhere.',
            },
          ],
        },
      ],
    },
  },
  {
    // Access by construction (decision record 0010): the perimeter is applied in repositories
    // only; a service or a route asks a repository, which takes the actor.
    files: ['apps/server/src/**/*.ts'],
    ignores: [
      'apps/server/src/**/*.repository.ts',
      'apps/server/src/lib/policies.ts',
      '**/*.test.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/lib/policies'],
              importNames: ['inPerimeter'],
              message: 'Apply the perimeter in a repository (<feature>.repository.ts), not here.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every query in a repository (issue 16): services, commands and jobs hold the rules and the
    // transactions, and ask a repository (<feature>.repository.ts) for every read and write.
    // lib/ and db/ are the infrastructure: each lib module that owns a table (outbox, jobs'
    // leases, rate limits, stored files…) is that table's repository.
    files: ['apps/server/src/{modules,commands,jobs}/**/*.ts'],
    ignores: ['apps/server/src/**/*.repository.ts', '**/*.test.ts', '**/test-support.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression > MemberExpression.callee[property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|with)$/]',
          message: 'Queries live in a repository (<feature>.repository.ts): ask it from here.',
        },
      ],
    },
  },
  {
    // expect.any(), expect.stringContaining()… are typed `any` by design.
    files: ['**/*.test.ts', '**/*.test.tsx', 'apps/web/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
