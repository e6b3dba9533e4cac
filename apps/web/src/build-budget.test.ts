import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from './build-budget';
import {
  entryBudgetViolations,
  entryStaticGraph,
  PAGE_BUDGETS,
  pageBudgetViolations,
  staticGraph,
} from './build-budget';

const fakeManifest: Manifest = {
  'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_shared.js'] },
  '_shared.js': { file: 'assets/shared.js', imports: ['_password.js'] },
  '_password.js': { file: 'assets/password.js' },
  'src/features/staff/routes/staff-page.tsx': {
    file: 'assets/staff-page.js',
    isDynamicEntry: true,
    imports: ['_shared.js'],
  },
};
const fakeSources: Record<string, string[]> = {
  'assets/index.js': ['../../src/main.tsx'],
  'assets/shared.js': ['../../src/components/password-field.tsx'],
  'assets/password.js': ['../../../../node_modules/@zxcvbn-ts/language-fr/dist/index.esm.js'],
  'assets/staff-page.js': ['../../src/features/staff/routes/staff-page.tsx'],
};

describe('entryBudgetViolations', () => {
  it('follows the static imports only', () => {
    expect(entryStaticGraph(fakeManifest)).toEqual(['index.html', '_shared.js', '_password.js']);
  });

  it('finds the password dictionaries on the entry’s static graph', () => {
    expect(entryBudgetViolations(fakeManifest, (file) => fakeSources[file] ?? [])).toEqual([
      'assets/password.js: ../../../../node_modules/@zxcvbn-ts/language-fr/dist/index.esm.js (dictionnaires de mots de passe)',
    ]);
  });

  it('follows a page’s routes with the entry', () => {
    expect(staticGraph(fakeManifest, ['src/features/staff/routes/staff-page.tsx'])).toEqual([
      'index.html',
      '_shared.js',
      '_password.js',
      'src/features/staff/routes/staff-page.tsx',
    ]);
  });

  it('finds a page’s forbidden module, and a route missing from the manifest', () => {
    const sources: Record<string, string[]> = {
      ...fakeSources,
      'assets/password.js': [],
      'assets/staff-page.js': ['../../../../node_modules/@floating-ui/react/dist/x.mjs'],
    };
    const budget = {
      page: 'Habilitations',
      routes: ['src/features/staff/routes/staff-page.tsx'],
      forbidden: [{ name: 'popovers', pattern: /node_modules\/@floating-ui\// }],
    };
    expect(pageBudgetViolations(fakeManifest, budget, (file) => sources[file] ?? [])).toEqual([
      'assets/staff-page.js: ../../../../node_modules/@floating-ui/react/dist/x.mjs (popovers)',
    ]);
    expect(
      pageBudgetViolations(fakeManifest, { ...budget, routes: ['src/nowhere.tsx'] }, () => []),
    ).toEqual(['src/nowhere.tsx: absent du manifeste']);
  });

  it('finds a back-office page merged into the entry chunk', () => {
    const sources: Record<string, string[]> = {
      ...fakeSources,
      'assets/index.js': ['../../src/features/backoffice/routes/backoffice-home-page.tsx'],
      'assets/password.js': [],
    };
    expect(entryBudgetViolations(fakeManifest, (file) => sources[file] ?? [])).toEqual([
      'assets/index.js: ../../src/features/backoffice/routes/backoffice-home-page.tsx (page du back-office)',
    ]);
  });
});

/*
 * The real thing: a production build (a few seconds with Vite's bundler here) into a temporary
 * folder, so that the test needs no earlier build and never touches apps/web/dist, which the
 * journeys' server serves.
 */
describe('the web app’s entry chunk', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'affilia-build-budget-'));
  let manifest: Manifest;

  beforeAll(async () => {
    await build({
      configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, manifest: true, sourcemap: true },
    });
    manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  }, 180_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  // Rolldown's small runtime chunk has no source map.
  const sourcesOf = (file: string) => {
    const map = join(outDir, `${file}.map`);
    if (!existsSync(map)) return [];
    return (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources;
  };

  it('holds neither the password dictionaries nor a back-office page', () => {
    const [entry] = entryStaticGraph(manifest);
    expect(sourcesOf(manifest[entry!]!.file).length).toBeGreaterThan(10);
    expect(entryBudgetViolations(manifest, sourcesOf)).toEqual([]);
  });

  it.each(PAGE_BUDGETS.map((budget) => [budget.page, budget] as const))(
    '« %s » loads none of what it does not show',
    (_page, budget) => {
      expect(pageBudgetViolations(manifest, budget, sourcesOf)).toEqual([]);
    },
  );

  it('loads the back office, the enrolment form and the mailbox as chunks of their own', () => {
    for (const page of [
      'src/features/backoffice/routes/backoffice-home-page.tsx',
      'src/features/enrolment/routes/enrolment-form-page.tsx',
      'src/features/dev/routes/dev-mailbox-page.tsx',
      'src/features/members/routes/members-page.tsx',
    ]) {
      expect(manifest[page]?.isDynamicEntry, page).toBe(true);
    }
  });
});
