import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Absolute path of the repository root (the folder holding the root package.json). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Resolves a path given in configuration: absolute as is, relative to the repository root. */
export function resolveFromRoot(p: string): string {
  return path.isAbsolute(p) ? p : path.resolve(repoRoot, p);
}
