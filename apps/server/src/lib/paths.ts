import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * The repository root: the first folder above this module holding the root package.json — found
 * by walking up, since this code runs from apps/server/src/lib (tsx, vitest) as well as from the
 * compiled bundle in apps/server/dist.
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'affilia') return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`The repository root (package.json « affilia ») is not above ${from}`);
    }
  }
}

/** Absolute path of the repository root (the folder holding the root package.json). */
export const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

/** Resolves a path given in configuration: absolute as is, relative to the repository root. */
export function resolveFromRoot(p: string): string {
  return path.isAbsolute(p) ? p : path.resolve(repoRoot, p);
}
