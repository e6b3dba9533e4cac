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
    forbidden: [ZXCVBN, PHONE, FLOATING_UI, CALENDAR],
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
