/**
 * What the first visit of any page loads: the entry chunk and its static imports, from Vite's
 * manifest (`build.manifest`). Pure functions, checked by build-budget.test.ts on a real build.
 */

/** One chunk of `.vite/manifest.json`. */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/**
 * Modules that must never be loaded before a page asks for them: the password-strength
 * dictionaries (loaded by the password forms' meter), zod, the popovers and the back office's
 * pages and layout.
 */
export const FORBIDDEN_IN_ENTRY: { name: string; pattern: RegExp }[] = [
  { name: 'dictionnaires de mots de passe', pattern: /node_modules\/@zxcvbn-ts\// },
  // zod comes with the forms and the branding check; floating-ui with the popovers (a theme's
  // `ColorInput.extend()` once put the colour picker there). Both kept the first load over 200 KB.
  { name: 'zod', pattern: /node_modules\/zod\// },
  { name: 'popovers (floating-ui)', pattern: /node_modules\/@floating-ui\// },
  {
    name: 'page du back-office',
    pattern:
      /src\/(features\/(backoffice|audit|content|reference-data|staff)\/routes\/|app\/layout\/backoffice-layout)/,
  },
];

/**
 * What the pages an employee or an HR manager opens first must not load before they are usable
 * (with the entry and, for the employer space, its layout): each rule names what kept a page over
 * 200 KB once. Their popovers, calendars and schemas load with their use (header-actions.tsx,
 * components/deferred-select.tsx, DateField's `calendar={false}`, lazy routes).
 */
const ZXCVBN = { name: 'dictionnaires de mots de passe', pattern: /node_modules\/@zxcvbn-ts\// };
const ZOD = { name: 'zod', pattern: /node_modules\/zod\// };
const FLOATING_UI = { name: 'popovers (floating-ui)', pattern: /node_modules\/@floating-ui\// };
const PHONE = {
  name: 'numéros de téléphone (libphonenumber)',
  pattern: /node_modules\/libphonenumber-js\//,
};
const CALENDAR = {
  name: 'calendrier (@mantine/dates)',
  pattern: /node_modules\/@mantine\/dates\//,
};
export const PAGE_BUDGETS: {
  page: string;
  routes: string[];
  forbidden: typeof FORBIDDEN_IN_ENTRY;
}[] = [
  {
    page: 'Connexion',
    routes: ['src/features/auth/routes/sign-in-page.tsx'],
    // The form's validation (zod) loads after the first paint: sign-in-validation.ts.
    forbidden: [ZXCVBN, ZOD, PHONE, FLOATING_UI, CALENDAR],
  },
  {
    page: 'Accueil',
    routes: ['src/app/layout/employer-layout.tsx', 'src/features/dashboard/routes/home-page.tsx'],
    forbidden: [ZXCVBN, ZOD, PHONE, FLOATING_UI, CALENDAR],
  },
  {
    page: 'Mes salariés',
    routes: ['src/app/layout/employer-layout.tsx', 'src/features/members/routes/members-page.tsx'],
    forbidden: [ZXCVBN, ZOD, PHONE, FLOATING_UI, CALENDAR],
  },
  {
    page: 'Suivi des demandes',
    routes: [
      'src/app/layout/employer-layout.tsx',
      'src/features/affiliations/routes/affiliations-page.tsx',
    ],
    forbidden: [ZXCVBN, ZOD, PHONE, FLOATING_UI, CALENDAR],
  },
  {
    page: 'Dispenses',
    routes: [
      'src/app/layout/employer-layout.tsx',
      'src/features/dispenses/routes/dispenses-page.tsx',
    ],
    forbidden: [ZXCVBN, ZOD, PHONE, FLOATING_UI, CALENDAR],
  },
  {
    page: 'Formulaire d’affiliation (date de naissance)',
    routes: ['src/features/enrolment/routes/enrolment-form-page.tsx'],
    forbidden: [ZXCVBN, ZOD, PHONE, FLOATING_UI, CALENDAR],
  },
];

/** The manifest keys of the entry chunk and of every chunk it imports statically, entry first. */
export function entryStaticGraph(manifest: Manifest): string[] {
  return staticGraph(manifest, []);
}

/**
 * The manifest keys of the entry, of the given route chunks (manifest keys: their source paths)
 * and of every chunk they import statically: what a first visit of that page loads.
 */
export function staticGraph(manifest: Manifest, routes: string[]): string[] {
  const entries = [...Object.keys(manifest).filter((key) => manifest[key]?.isEntry), ...routes];
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  entries.forEach(visit);
  return [...seen];
}

/**
 * The forbidden modules found in the entry's static graph, as « chunk: module (why) » lines.
 * `sourcesOf(file)` gives the source modules a chunk file holds (its source map's `sources`).
 */
export function entryBudgetViolations(
  manifest: Manifest,
  sourcesOf: (file: string) => string[],
): string[] {
  return graphViolations(manifest, entryStaticGraph(manifest), FORBIDDEN_IN_ENTRY, sourcesOf);
}

/** The same check for a page's first visit: its routes' static graph against its rules. */
export function pageBudgetViolations(
  manifest: Manifest,
  budget: (typeof PAGE_BUDGETS)[number],
  sourcesOf: (file: string) => string[],
): string[] {
  const missing = budget.routes.filter((route) => !manifest[route]);
  if (missing.length > 0) return missing.map((route) => `${route}: absent du manifeste`);
  return graphViolations(
    manifest,
    staticGraph(manifest, budget.routes),
    budget.forbidden,
    sourcesOf,
  );
}

function graphViolations(
  manifest: Manifest,
  keys: string[],
  rules: typeof FORBIDDEN_IN_ENTRY,
  sourcesOf: (file: string) => string[],
): string[] {
  const violations: string[] = [];
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk) continue;
    const sources = [...(chunk.src ? [chunk.src] : []), ...sourcesOf(chunk.file)];
    for (const source of sources) {
      const rule = rules.find(({ pattern }) => pattern.test(source));
      if (rule) violations.push(`${chunk.file}: ${source} (${rule.name})`);
    }
  }
  return violations;
}

/**
 * Every page's first visit: at most 200 KB (204,800 bytes) of JavaScript and CSS, counted as the
 * server sends it — the brotli file the build writes beside each file (vite.config.ts,
 * `precompress`; a file under 1 KB has none and counts as it is). The measure is the static graph
 * of the entry, the page's module and its layout's module: what the browser must fetch before the
 * page paints. (In gzip, the same files weigh about 13 % more: ≈ 227 KB.) What a page imports
 * dynamically — a dialog, a menu, a picker's popover, the password meter — is not counted: it
 * comes with its use.
 */
export const FIRST_LOAD_BUDGET_BYTES = 200 * 1024;

/** A page of the router: its name (its path's name in config/paths.ts) and the lazy modules it needs. */
export interface LazyRoute {
  name: string;
  modules: string[];
}

/**
 * The router's pages, read from the source of app/router.tsx: every `createRoute({...})` with its
 * parent layout and its component, the components being `lazyRouteComponent(() =>
 * import('…'))` entries of an object (`pages.membersPage`). A page's modules are its layout's
 * (when the layout is lazy) and its own, as manifest keys without extension (`src/features/…`).
 * A page whose component is not lazy, or that the parser cannot follow, is given in `problems`:
 * a new way of writing a route must be taught here rather than slip past the budget.
 */
export function routerPages(source: string): { routes: LazyRoute[]; problems: string[] } {
  const problems: string[] = [];
  const lazy = new Map<string, string>();
  const lazyPattern = /(\w+): lazyRouteComponent\(\s*\(\) => import\('([^']+)'\)/g;
  let found = 0;
  for (const [, key, specifier] of source.matchAll(lazyPattern)) {
    found += 1;
    const module = moduleKey(specifier!);
    if (lazy.has(key!) && lazy.get(key!) !== module) problems.push(`${key}: nom en double`);
    lazy.set(key!, module);
  }
  const declared = source.match(/lazyRouteComponent\(/g)?.length ?? 0;
  if (declared !== found) problems.push(`${declared} lazyRouteComponent, ${found} lus`);
  const component = (block: string) => /component: (?:\w+\.)?(\w+)/.exec(block)?.[1];
  const layouts = new Map<string, string | null>();
  for (const [, name, block] of source.matchAll(/const (\w+) = createRoute\(\{([^}]*)\}\)/g)) {
    const key = component(block!);
    layouts.set(name!, key ? (lazy.get(key) ?? null) : null);
  }
  const routes: LazyRoute[] = [];
  const blocks = [...source.matchAll(/(?<!= )createRoute\(\{([^}]*)\}\)/g)];
  const written = source.match(/createRoute\(/g)?.length ?? 0;
  if (written !== blocks.length + layouts.size) {
    problems.push(`${written} createRoute, ${blocks.length + layouts.size} lus`);
  }
  for (const [, block] of blocks) {
    const parent = /getParentRoute: \(\) => (\w+)/.exec(block!)?.[1];
    const name = /path: paths\.(\w+)/.exec(block!)?.[1] ?? '(sans chemin)';
    const key = component(block!);
    const page = key ? lazy.get(key) : undefined;
    if (!parent || !layouts.has(parent) || !page) {
      problems.push(`${name}: layout ou page paresseuse introuvable`);
      continue;
    }
    const layout = layouts.get(parent);
    routes.push({ name, modules: [...(layout ? [layout] : []), page] });
  }
  return { routes, problems };
}

/** `'../features/x/routes/y'` (from src/app/router.tsx) → `'src/features/x/routes/y'`. */
function moduleKey(specifier: string): string {
  const parts = ['src', 'app'];
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/** The manifest key of a module written without extension (`src/features/x/routes/y`). */
export function manifestKey(manifest: Manifest, module: string): string | undefined {
  return [`${module}.tsx`, `${module}.ts`, module].find((key) => manifest[key]);
}

/**
 * What a page's first visit transfers: its static graph's JS and CSS files with their size
 * (`sizeOf(file)`, as served), the total, and the files beyond the entry's own graph, heaviest
 * first — what to look at when the page is over budget.
 */
export function firstLoad(
  manifest: Manifest,
  routes: string[],
  sizeOf: (file: string) => number,
): { bytes: number; heaviest: { file: string; bytes: number }[] } {
  const filesOf = (keys: string[]) =>
    new Set(keys.flatMap((key) => [manifest[key]!.file, ...(manifest[key]!.css ?? [])]));
  const files = filesOf(staticGraph(manifest, routes));
  const entry = filesOf(entryStaticGraph(manifest));
  const sized = [...files].map((file) => ({ file, bytes: sizeOf(file) }));
  return {
    bytes: sized.reduce((sum, { bytes }) => sum + bytes, 0),
    heaviest: sized.filter(({ file }) => !entry.has(file)).sort((a, b) => b.bytes - a.bytes),
  };
}

/**
 * The pages still over the budget (issue 15), by route name, with the weight in KB (brotli, of
 * 1,024 bytes) they may not exceed: a ratchet that may only go down. A page brought under the
 * budget leaves the list (the test says so); a new page is never added to it.
 */
export const FIRST_LOAD_OVER_BUDGET_KB: Readonly<Record<string, number>> = {};

/**
 * The pages over their first-load budget (200 KB, or their ceiling in `overBudget`), one line
 * each: the route's name, its weight and its five heaviest files beyond the entry (KB of 1,024
 * bytes); and the ceilings that name no page or a page now under 200 KB (to be removed).
 */
export function firstLoadViolations(
  manifest: Manifest,
  routes: LazyRoute[],
  sizeOf: (file: string) => number,
  overBudget: Readonly<Record<string, number>> = FIRST_LOAD_OVER_BUDGET_KB,
): string[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const violations: string[] = [];
  for (const route of routes) {
    const keys = route.modules.map((module) => manifestKey(manifest, module));
    if (keys.some((key) => !key)) {
      violations.push(`${route.name}: ${route.modules.join(', ')} absent du manifeste`);
      continue;
    }
    const { bytes, heaviest } = firstLoad(manifest, keys as string[], sizeOf);
    const ceiling = overBudget[route.name];
    const budget = ceiling === undefined ? FIRST_LOAD_BUDGET_BYTES : ceiling * 1024;
    if (ceiling !== undefined && bytes <= FIRST_LOAD_BUDGET_BYTES) {
      violations.push(`${route.name}: ${kb(bytes)}, sous le budget : retirez son plafond`);
    } else if (bytes > budget) {
      const top = heaviest.slice(0, 5).map(({ file, bytes: b }) => `${file} ${kb(b)}`);
      violations.push(`${route.name}: ${kb(bytes)} > ${kb(budget)} (${top.join(', ')})`);
    }
  }
  const names = new Set(routes.map(({ name }) => name));
  for (const name of Object.keys(overBudget)) {
    if (!names.has(name)) violations.push(`${name}: plafond d’une page inconnue du routeur`);
  }
  return violations;
}

/**
 * Shared chunks a landing page may load besides its own code: each holds over 60 KB of source
 * that several pages a person goes through in turn use (vite.config.ts copies smaller ones into
 * their users). By file name before its hash: `assets/schemas-B4igFgau.js` is `schemas`.
 */
export const SHARED_CHUNKS_ON_LANDING: readonly string[] = [
  // The account pages' schemas (zod) and their API hooks: activation, passwords, e-mail.
  'schemas',
  'auth',
  // Mantine's Modal and Drawer (the scroll lock), on the pages that open a dialog.
  'Combination',
];

/**
 * The landing pages (src/app/landing-routes.ts) whose code comes in more files than one JS and
 * one CSS per lazy module (the page, its layout) beyond the entry's, shared chunks of
 * `shared` aside: on a phone's HTTP/1.1 (six connections) each extra file before the first paint
 * competes with the entry's download (issue 15, decision record 0009).
 */
export function landingFileViolations(
  manifest: Manifest,
  routes: readonly { path: string; modules: readonly string[] }[],
  shared: readonly string[] = SHARED_CHUNKS_ON_LANDING,
): string[] {
  const entryKeys = new Set(entryStaticGraph(manifest));
  const entryCss = new Set([...entryKeys].flatMap((key) => manifest[key]!.css ?? []));
  const nameOf = (file: string) => file.replace(/^.*\//, '').replace(/-[\w-]{8}\.\w+$/, '');
  const violations: string[] = [];
  for (const route of routes) {
    const keys = route.modules.map((module) => manifestKey(manifest, module));
    if (keys.some((key) => !key)) {
      violations.push(`${route.path}: ${route.modules.join(', ')} absent du manifeste`);
      continue;
    }
    const own = staticGraph(manifest, keys as string[]).filter((key) => !entryKeys.has(key));
    const js = own.map((key) => manifest[key]!.file).filter((f) => !shared.includes(nameOf(f)));
    const css = [...new Set(own.flatMap((key) => manifest[key]!.css ?? []))].filter(
      (file) => !entryCss.has(file),
    );
    const allowed = route.modules.length;
    if (js.length > allowed || css.length > allowed) {
      const files = [...js, ...css].map(nameOf).join(', ');
      violations.push(
        `${route.path}: ${js.length} JS + ${css.length} CSS pour ${allowed} module(s) (${files})`,
      );
    }
  }
  return violations;
}
