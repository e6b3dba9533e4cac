/**
 * Copies every stored file from one storage to another under the same key (the folder to an S3
 * bucket when a deployment grows past one machine): what the `stored_files` rows and the other
 * tables name stays valid. A file already in the target is left as it is, so the copy can be run
 * again after an interruption and only finishes what is missing; the source is never changed.
 */
import { typeOfStoredKey } from './file-types';
import type { FileStorage } from './storage';

export interface MigrationReport {
  copied: number;
  alreadyThere: number;
  failed: { storageKey: string; error: string }[];
}

export async function migrateFiles(
  from: FileStorage,
  to: FileStorage,
  onProgress?: (report: MigrationReport) => void,
): Promise<MigrationReport> {
  const report: MigrationReport = { copied: 0, alreadyThere: 0, failed: [] };
  for await (const storageKey of from.keys()) {
    try {
      if (await to.has(storageKey)) {
        report.alreadyThere += 1;
      } else {
        await to.put(storageKey, await from.openRead(storageKey), typeOfStoredKey(storageKey));
        report.copied += 1;
      }
    } catch (err) {
      report.failed.push({ storageKey, error: err instanceof Error ? err.message : String(err) });
    }
    onProgress?.(report);
  }
  return report;
}
