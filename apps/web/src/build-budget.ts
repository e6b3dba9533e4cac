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

/** The manifest keys of the entry chunk and of every chunk it imports statically, entry first. */
export function entryStaticGraph(manifest: Manifest): string[] {
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
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
  const violations: string[] = [];
  for (const key of entryStaticGraph(manifest)) {
    const chunk = manifest[key];
    if (!chunk) continue;
    const sources = [...(chunk.src ? [chunk.src] : []), ...sourcesOf(chunk.file)];
    for (const source of sources) {
      const rule = FORBIDDEN_IN_ENTRY.find(({ pattern }) => pattern.test(source));
      if (rule) violations.push(`${chunk.file}: ${source} (${rule.name})`);
    }
  }
  return violations;
}
