/**
 * `npm run cli -- backup --out <file.db>`: a consistent copy of the embedded SQLite database,
 * taken through SQLite's online backup API while the server keeps running (restore: stop the
 * server, put the copy in DATABASE_URL's place, start). The data key is not in the copy — its
 * members' NIR are unreadable without it —, so the command reminds where the key is: keep the two
 * apart and both safe. On PostgreSQL, it says to use pg_dump / pg_restore (README, « Sauvegardes »).
 * Exit code: 0 when written, 1 on PostgreSQL, 2 on a usage error or an existing file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';

const USAGE = 'Usage : npm run cli -- backup --out <fichier.db>';

export interface BackupCliOptions {
  env?: NodeJS.ProcessEnv;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export async function run(argv: string[], options: BackupCliOptions = {}): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? ((line: string) => console.error(line));
  let target: string | undefined;
  try {
    target = parseArgs({ args: argv, options: { out: { type: 'string' } } }).values.out;
  } catch (e) {
    err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!target) {
    err(USAGE);
    return 2;
  }
  const file = path.resolve(target);
  if (fs.existsSync(file)) {
    err(`${file} existe déjà : choisissez un nouveau fichier (une sauvegarde n’en écrase aucune).`);
    return 2;
  }
  const config = loadConfig(options.env ?? process.env);
  const database = openDatabase(config.databaseUrl);
  try {
    if (!database.backup) {
      err(
        'La base est PostgreSQL : sauvegardez-la avec pg_dump et restaurez-la avec pg_restore (README, « Sauvegardes »).',
      );
      return 1;
    }
    await database.backup(file);
  } finally {
    await database.close();
  }
  fs.chmodSync(file, 0o600);
  out(`Sauvegarde écrite : ${file} (${fs.statSync(file).size} octets).`);
  out(
    config.encryption.key
      ? 'Rappel : les NIR y sont chiffrés avec la clé DATA_ENCRYPTION_KEY ; sans elle, ils sont illisibles. Gardez-la en lieu sûr, à part de la sauvegarde.'
      : `Rappel : les NIR y sont chiffrés avec la clé du fichier ${config.encryption.keyFile} ; sans elle, ils sont illisibles. Gardez-en une copie en lieu sûr, à part de la sauvegarde.`,
  );
  return 0;
}
