/**
 * `npm run cli -- import <file.csv|file.xlsx> --kind companies|establishments|contracts|members
 *  [--dry-run] [--report <path>]`: the back office's reference-data import from the command line
 * (same code path: import.service.ts), for first loads. Prints the progress and the counts, writes
 * the row-by-row report as CSV next to the file (`<file>.rapport.csv`) or to --report. Exit code: 0 when no row was
 * refused, 1 when some rows (or the whole file) were, 2 on a usage error.
 *
 * The database, data key and file storage are the server's (DATABASE_URL, DATA_ENCRYPTION_KEY or
 * the key file, FILE_STORAGE_DIR).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import {
  REFERENCE_IMPORT_KINDS,
  REFERENCE_IMPORT_KIND_LABELS,
  type ReferenceImportKind,
} from '@affilia/shared/schemas/reference-import';
import { loadConfig } from '../../config';
import { migrateToLatest, openDatabase } from '../../db/database';
import { createFieldCipher, loadOrCreateDataKey } from '../../lib/crypto';
import { AppError } from '../../lib/errors';
import { createStorage } from '../../lib/storage';
import { runReferenceImport, type ImportDeps } from './import.service';

/** First loads may be larger than the back office's files (read as a stream, in batches). */
const CLI_MAX_ROWS = 1_000_000;

/**
 * The import's heap: it streams and applies batches, so it needs little, but V8 lets garbage grow
 * to hundreds of MB before collecting when the heap may grow. The command runs itself again, once,
 * with these flags (unless the caller set heap flags of their own).
 */
export const IMPORT_NODE_FLAGS = ['--max-old-space-size=160', '--max-semi-space-size=8'];

/** The exit code of the same command in a child process with a bounded heap, or null. */
function inBoundedHeap(): number | null {
  if (process.env.AFFILIA_IMPORT_BOUNDED_HEAP === '1') return null;
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  if (/max-old-space-size|max-semi-space-size/.test(given)) return null;
  const child = spawnSync(
    process.execPath,
    [...IMPORT_NODE_FLAGS, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      // Two malloc arenas (glibc): the threads' arenas otherwise keep tens of MB each.
      env: {
        MALLOC_ARENA_MAX: '2',
        ...process.env,
        AFFILIA_IMPORT_BOUNDED_HEAP: '1',
      },
    },
  );
  if (child.error) throw child.error;
  return child.status ?? 1;
}

const USAGE =
  'Usage: npm run cli -- import <fichier.csv|fichier.xlsx> --kind companies|establishments|contracts|members [--dry-run] [--report <rapport.csv>]';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where relative paths start (npm sets INIT_CWD to where the command was typed). */
  cwd: string;
}

const defaultIo = (): CliIo => ({
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  cwd: process.env.INIT_CWD ?? process.cwd(),
});

/**
 * The report's path: `<file>.rapport.csv` next to the file, its extension kept
 * (`assures.csv.rapport.csv`, `assures.xlsx.rapport.csv`) so that the reports of `x.csv` and
 * `x.xlsx` never overwrite each other.
 */
export function defaultReportPath(file: string): string {
  return `${file}.rapport.csv`;
}

async function openDeps(): Promise<{ deps: ImportDeps; close: () => Promise<void> }> {
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    // This process's own connection: the server's 64 MB of page cache would be a quarter of the
    // import's memory; beyond 32 MB the system's file cache serves about as well.
    if (database.dialect === 'sqlite') await sql`pragma cache_size = -32000`.execute(database.db);
    const key = loadOrCreateDataKey({
      key: config.encryption.key,
      keyFile: config.encryption.keyFile,
      allowCreate: !config.isProduction,
    });
    return {
      deps: {
        db: database.db,
        dialect: database.dialect,
        cipher: createFieldCipher(key),
        storage: await createStorage(config),
        now: () => new Date(),
      },
      close: () => database.close(),
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/**
 * Command-line entry (see src/cli.ts). `deps` and `io` let the tests run it as a function
 * against their own database.
 */
export async function run(
  argv: string[],
  opts: { deps?: ImportDeps; io?: CliIo } = {},
): Promise<number> {
  const io = opts.io ?? defaultIo();
  let args: ReturnType<typeof parse>;
  const parse = (a: string[]) =>
    parseArgs({
      args: a,
      allowPositionals: true,
      strict: true,
      options: {
        kind: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        report: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  try {
    args = parse(argv);
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    io.out(USAGE);
    return 0;
  }
  const kind = args.values.kind;
  if (args.positionals.length !== 1 || !kind) {
    io.err(USAGE);
    return 2;
  }
  if (!(REFERENCE_IMPORT_KINDS as readonly string[]).includes(kind)) {
    io.err(`--kind : ${REFERENCE_IMPORT_KINDS.join(', ')} (et non « ${kind} »)\n${USAGE}`);
    return 2;
  }
  const file = path.resolve(io.cwd, args.positionals[0] as string);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    io.err(`Fichier introuvable : ${file}`);
    return 2;
  }
  // The command itself (not the tests, which give their database).
  if (!opts.deps) {
    const code = inBoundedHeap();
    if (code !== null) return code;
  }
  const reportPath = args.values.report
    ? path.resolve(io.cwd, args.values.report)
    : defaultReportPath(file);
  const dryRun = args.values['dry-run'] ?? false;

  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const opened = opts.deps ? { deps: opts.deps, close: async () => undefined } : await openDeps();
  try {
    io.out(
      `Import ${dryRun ? '(vérification seule) ' : ''}: ${REFERENCE_IMPORT_KIND_LABELS[kind as ReferenceImportKind]} depuis ${path.basename(file)}`,
    );
    const result = await runReferenceImport(opened.deps, {
      kind: kind as ReferenceImportKind,
      file: { path: file },
      fileName: path.basename(file),
      dryRun,
      source: 'cli',
      actor: null,
      maxRows: CLI_MAX_ROWS,
      onProgress: (message) => io.out(`[${seconds()} s] ${message}`),
    });
    await pipeline(
      await opened.deps.storage.openRead(result.reportStorageKey),
      fs.createWriteStream(reportPath),
    );
    const s = result.report.summary;
    io.out(
      `[${seconds()} s] ${dryRun ? 'Vérifié' : 'Terminé'} : ${s.total} lignes — ${s.created} créées, ${s.updated} mises à jour, ${s.unchanged} inchangées, ${s.errors} en erreur${dryRun ? ' (rien n’a été appliqué)' : ''}.`,
    );
    io.out(`Rapport : ${reportPath}`);
    return s.errors > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof AppError) {
      io.err(`Le fichier n’a pas été importé : ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await opened.close();
  }
}
