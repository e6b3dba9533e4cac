import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from './build-budget';
import { landingRoutes } from './app/landing-routes';
import {
  entryBudgetViolations,
  entryStaticGraph,
  FIRST_LOAD_BUDGET_BYTES,
  firstLoad,
  firstLoadViolations,
  landingFileViolations,
  PAGE_BUDGETS,
  pageBudgetViolations,
  routerPages,
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

const fakeRouter = `
const pages = {
  staffPage: lazyRouteComponent(() => import('../features/staff/routes/staff-page'), 'StaffPage'),
  backOfficeLayout: lazyRouteComponent(
    () => import('./layout/backoffice-layout'),
    'BackOfficeLayout',
  ),
};
const publicLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public',
  component: PublicLayout,
});
const backOfficeLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'back-office',
  component: pages.backOfficeLayout,
});
const routes = [
  createRoute({
    getParentRoute: () => backOfficeLayout,
    path: paths.backOfficeStaff,
    component: pages.staffPage,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: paths.signIn,
    component: pages.staffPage,
  }),
];
`;

describe('routerPages', () => {
  it('gives each route its lazy page and its layout when the layout is lazy', () => {
    expect(routerPages(fakeRouter)).toEqual({
      routes: [
        {
          name: 'backOfficeStaff',
          modules: ['src/app/layout/backoffice-layout', 'src/features/staff/routes/staff-page'],
        },
        { name: 'signIn', modules: ['src/features/staff/routes/staff-page'] },
      ],
      problems: [],
    });
  });

  it('names a page that is not lazy, and a route it cannot read', () => {
    const eager = fakeRouter.replace(
      'component: pages.staffPage,\n  }),\n  createRoute',
      'component: StaffPage,\n  }),\n  createRoute',
    );
    expect(routerPages(eager).problems).toEqual([
      'backOfficeStaff: layout ou page paresseuse introuvable',
    ]);
    const nested = fakeRouter.replace(
      'path: paths.signIn,',
      'path: paths.signIn,\n    beforeLoad: () => { check(); },',
    );
    expect(routerPages(nested).problems).toEqual(['4 createRoute, 3 lus']);
  });
});

describe('landingFileViolations', () => {
  const manifest: Manifest = {
    'index.html': {
      file: 'assets/index-AAAAAAAA.js',
      isEntry: true,
      css: ['assets/index-AAAAAAAA.css'],
    },
    'src/features/auth/routes/sign-in-page.tsx': {
      file: 'assets/sign-in-page-BBBBBBBB.js',
      isDynamicEntry: true,
      imports: ['index.html', '_Input-CCC-CCCC.js'],
      css: ['assets/sign-in-page-BBBBBBBB.css'],
    },
    '_Input-CCC-CCCC.js': { file: 'assets/Input-CCC-CCCC.js', css: ['assets/Input-CCC-CCCC.css'] },
    '_schemas-DDDDDDDD.js': { file: 'assets/schemas-DDDDDDDD.js' },
  };
  const signIn = { path: '/connexion', modules: ['src/features/auth/routes/sign-in-page.tsx'] };

  it('names a landing page whose own code comes in more than one JS and one CSS file', () => {
    expect(landingFileViolations(manifest, [signIn])).toEqual([
      '/connexion: 2 JS + 2 CSS pour 1 module(s) (sign-in-page, Input, sign-in-page, Input)',
    ]);
  });

  it('passes one JS and one CSS per module, the shared chunks named aside', () => {
    const merged: Manifest = {
      ...manifest,
      'src/features/auth/routes/sign-in-page.tsx': {
        ...manifest['src/features/auth/routes/sign-in-page.tsx']!,
        imports: ['index.html', '_schemas-DDDDDDDD.js'],
      },
    };
    expect(landingFileViolations(merged, [signIn])).toEqual([]);
    expect(landingFileViolations(merged, [signIn], [])).toEqual([
      '/connexion: 2 JS + 1 CSS pour 1 module(s) (sign-in-page, schemas, sign-in-page)',
    ]);
    expect(landingFileViolations(merged, [{ path: '/x', modules: ['src/nowhere.tsx'] }])).toEqual([
      '/x: src/nowhere.tsx absent du manifeste',
    ]);
  });
});

describe('firstLoadViolations', () => {
  const manifest: Manifest = {
    ...fakeManifest,
    'src/features/staff/routes/staff-page.tsx': {
      ...fakeManifest['src/features/staff/routes/staff-page.tsx']!,
      imports: ['_shared.js', '_select.js'],
      css: ['assets/staff-page.css'],
    },
    '_select.js': { file: 'assets/select.js' },
  };
  const sizes: Record<string, number> = {
    'assets/index.js': 150 * 1024,
    'assets/shared.js': 10 * 1024,
    'assets/password.js': 0,
    'assets/staff-page.js': 30 * 1024,
    'assets/staff-page.css': 2 * 1024,
    'assets/select.js': 20 * 1024,
  };
  const sizeOf = (file: string) => sizes[file]!;
  const staff = [{ name: 'backOfficeStaff', modules: ['src/features/staff/routes/staff-page'] }];

  it('counts the entry, the page, their static imports and their CSS', () => {
    expect(firstLoad(manifest, ['src/features/staff/routes/staff-page.tsx'], sizeOf)).toEqual({
      bytes: 212 * 1024,
      heaviest: [
        { file: 'assets/staff-page.js', bytes: 30 * 1024 },
        { file: 'assets/select.js', bytes: 20 * 1024 },
        { file: 'assets/staff-page.css', bytes: 2 * 1024 },
      ],
    });
  });

  it('fails a page over 200 KB with its heaviest files', () => {
    expect(firstLoadViolations(manifest, staff, sizeOf, {})).toEqual([
      'backOfficeStaff: 212.0 KB > 200.0 KB (assets/staff-page.js 30.0 KB, assets/select.js 20.0 KB, assets/staff-page.css 2.0 KB)',
    ]);
    expect(firstLoadViolations(manifest, staff, sizeOf, { backOfficeStaff: 212 })).toEqual([]);
  });

  it('asks for a ceiling to go once the page is under budget, or names no page', () => {
    const light = (file: string) => (file === 'assets/select.js' ? 0 : sizeOf(file));
    expect(
      firstLoadViolations(manifest, staff, light, { backOfficeStaff: 212, gone: 210 }),
    ).toEqual([
      'backOfficeStaff: 192.0 KB, sous le budget : retirez son plafond',
      'gone: plafond d’une page inconnue du routeur',
    ]);
    expect(
      firstLoadViolations(manifest, [{ name: 'x', modules: ['src/nowhere'] }], sizeOf, {}),
    ).toEqual(['x: src/nowhere absent du manifeste']);
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
    // As `vite build` does: under vitest, NODE_ENV is `test`, which would bundle React's
    // development build and weigh every page some 40 KB more.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    await build({
      configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, manifest: true, sourcemap: true },
    });
    process.env.NODE_ENV = nodeEnv;
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
    // The source maps are read: the entry's static graph (the entry and the `$initial` chunk of
    // vite.config.ts) holds React, Mantine, the router and the app's shell.
    const sources = entryStaticGraph(manifest).flatMap((key) => sourcesOf(manifest[key]!.file));
    expect(sources.length).toBeGreaterThan(10);
    expect(entryBudgetViolations(manifest, sourcesOf)).toEqual([]);
  });

  it.each(PAGE_BUDGETS.map((budget) => [budget.page, budget] as const))(
    '« %s » loads none of what it does not show',
    (_page, budget) => {
      expect(pageBudgetViolations(manifest, budget, sourcesOf)).toEqual([]);
    },
  );

  // As served: the brotli file the build writes beside each file of 1 KB or more.
  const servedSize = (file: string) => {
    const path = join(outDir, file);
    return statSync(existsSync(`${path}.br`) ? `${path}.br` : path).size;
  };

  it(`keeps every page of the router within ${FIRST_LOAD_BUDGET_BYTES / 1024} KB on its first visit`, () => {
    const source = readFileSync(
      fileURLToPath(new URL('./app/router.tsx', import.meta.url)),
      'utf8',
    );
    const { routes, problems } = routerPages(source);
    expect(problems).toEqual([]);
    expect(routes.length).toBeGreaterThan(40);
    expect(firstLoadViolations(manifest, routes, servedSize)).toEqual([]);
  });

  it('loads a landing page’s own code in one JS and one CSS file per module', () => {
    // Before its first paint, beyond the entry: the page's chunk and its layout's, with their
    // styles (vite.config.ts, experimentalInlineCommonChunks).
    expect(landingFileViolations(manifest, landingRoutes)).toEqual([]);
  });

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
