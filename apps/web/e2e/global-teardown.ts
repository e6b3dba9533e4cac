import fs from 'node:fs';

/** Removes the run's temporary database and files (E2E_KEEP_DATA=1 keeps them for a look). */
export default function globalTeardown(): void {
  const dir = process.env.AFFILIA_E2E_DIR;
  if (!dir || process.env.E2E_KEEP_DATA) return;
  fs.rmSync(dir, { recursive: true, force: true });
}
