/**
 * `npm run cli -- storage migrate --to s3`: copies the files of the local folder
 * (FILE_STORAGE_DIR) into the S3 bucket the S3_* settings name, under the same keys, before the
 * instances are restarted with FILE_STORAGE=s3. Run it again after an interruption: it copies only
 * what is missing. The folder is left as it is (remove it once the instances use the bucket).
 * Exit code: 0 when every file is in the bucket, 1 when some could not be copied, 2 on a usage
 * error.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { createS3Storage } from './s3-storage';
import { createFileStorage } from './storage';
import { migrateFiles } from './storage-migrate';

const USAGE = 'Usage : npm run cli -- storage migrate --to s3';

export interface StorageCliOptions {
  env?: NodeJS.ProcessEnv;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export async function run(argv: string[], options: StorageCliOptions = {}): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  let to: string | undefined;
  let positionals: string[];
  try {
    ({
      values: { to },
      positionals,
    } = parseArgs({
      args: argv,
      options: { to: { type: 'string' } },
      allowPositionals: true,
    }));
  } catch (e) {
    err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (positionals.join(' ') !== 'migrate' || to !== 's3') {
    err(USAGE);
    return 2;
  }
  let config;
  try {
    config = loadConfig({ ...(options.env ?? process.env), FILE_STORAGE: 's3' });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err(e.message);
    return 2;
  }
  if (!config.s3) return 2;
  const from = createFileStorage(config.fileStorageDir);
  const target = createS3Storage(config.s3);
  out(`Copie des fichiers de ${from.location} vers ${target.location}…`);
  const report = await migrateFiles(from, target, (r) => {
    const done = r.copied + r.alreadyThere + r.failed.length;
    if (done % 1000 === 0) out(`  ${done} fichiers vus`);
  });
  out(
    `${report.copied} fichier(s) copié(s), ${report.alreadyThere} déjà présent(s), ${report.failed.length} en échec.`,
  );
  for (const f of report.failed) err(`  échec : ${f.storageKey} — ${f.error}`);
  return report.failed.length > 0 ? 1 : 0;
}
