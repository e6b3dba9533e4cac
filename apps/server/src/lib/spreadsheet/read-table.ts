/**
 * Reading an uploaded spreadsheet without starving anyone: the one entry point of every import
 * (employer establishments, back-office reference data, the command line).
 *
 * - On the calling thread, only what costs microseconds: the type from the first bytes, and for
 *   an .xlsx the ZIP guard on its central directory — a bomb is refused here, before any worker
 *   starts.
 * - The parse runs in a worker thread (node:worker_threads), one per file, two at a time across
 *   the server (the others wait their turn, at most 16; then 503). The rows come back in batches,
 *   each decoded in its own turn of the event loop, so other requests are answered meanwhile.
 * - Backstops, should a file get past the guard: the worker's heap is bounded and it is ended
 *   after a delay, both in proportion to the import's most rows.
 *
 * The worker is `table-worker.ts`. Run from the TypeScript sources (tsx, vitest), it is started
 * through `worker-bootstrap.mjs`, which registers tsx in the worker thread; run from compiled
 * JavaScript, `table-worker.js` (emitted next to this file) is started directly — a bundler must
 * emit it as an entry point of its own.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import {
  detectFileKind,
  maxUnzippedBytes,
  type FileKind,
  type TableLimits,
  type TableRow,
} from './table';
import type { WorkerMessage } from './table-worker';
import { checkZipDirectory } from './zip-guard';

export interface ReadTableOptions extends TableLimits {
  /** Ends the worker after this long (default: one minute and 1 ms a row). */
  timeoutMs?: number;
  /** The worker's heap in MB (default: 256 MB and 4 kB a row). */
  maxHeapMb?: number;
}

/** Files read at once across the server (the machine's other cores serve requests). */
const MAX_RUNNING = 2;
/** Files waiting their turn; beyond, 503. */
const MAX_WAITING = 16;

let running = 0;
const waiting: (() => void)[] = [];

const busy = () =>
  new AppError(
    'import_busy',
    503,
    'Le serveur lit déjà plusieurs fichiers : réessayez dans une minute.',
  );
const tooHeavy = () =>
  new AppError(
    'import_file_too_large',
    413,
    'Ce fichier demande trop de ressources pour être lu : découpez-le en plusieurs fichiers.',
    { file: 'Fichier trop volumineux' },
  );

function acquire(): Promise<void> {
  if (running < MAX_RUNNING) {
    running += 1;
    return Promise.resolve();
  }
  if (waiting.length >= MAX_WAITING) return Promise.reject(busy());
  return new Promise((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  // The slot goes to the next file in line, or is freed.
  if (next) next();
  else running -= 1;
}

const fromSource = import.meta.url.endsWith('.ts');

function startWorker(bytes: Buffer, opts: ReadTableOptions): Worker {
  const limits: TableLimits = { sheetKeys: opts.sheetKeys, maxRows: opts.maxRows };
  const resourceLimits = {
    maxOldGenerationSizeMb: opts.maxHeapMb ?? 256 + Math.ceil((opts.maxRows * 4) / 1024),
  };
  if (fromSource) {
    const entry = new URL('./table-worker.ts', import.meta.url).href;
    return new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
      workerData: { entry, bytes, limits },
      resourceLimits,
    });
  }
  return new Worker(new URL('./table-worker.js', import.meta.url), {
    workerData: { bytes, limits },
    resourceLimits,
  });
}

function runWorker(
  bytes: Buffer,
  opts: ReadTableOptions,
): Promise<{ kind: FileKind; table: TableRow[] }> {
  return new Promise((resolve, reject) => {
    const table: TableRow[] = [];
    const worker = startWorker(bytes, opts);
    let settled = false;
    const finish = (err: Error | null, kind?: FileKind) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (err) reject(err);
      else resolve({ kind: kind as FileKind, table });
    };
    const timer = setTimeout(() => finish(tooHeavy()), opts.timeoutMs ?? 60_000 + opts.maxRows);
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'rows':
          for (const row of message.rows) table.push(row);
          break;
        case 'done':
          finish(null, message.kind);
          break;
        case 'error':
          finish(new AppError(message.code, message.statusCode, message.message, message.fields));
          break;
        default:
          finish(new Error(`Spreadsheet worker: ${message.message}`));
      }
    });
    worker.on('error', (err: Error & { code?: string }) =>
      finish(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooHeavy() : err),
    );
    worker.on('exit', (code) => finish(new Error(`Spreadsheet worker ended (${code})`)));
  });
}

/**
 * The non-blank rows of a .csv or .xlsx file (each with its line in the file), read in a worker
 * thread. Throws the import's AppErrors (type, unreadable, too large once unzipped, too many
 * rows, empty).
 */
export async function readTable(
  bytes: Buffer,
  opts: ReadTableOptions,
): Promise<{ kind: FileKind; table: TableRow[] }> {
  const kind = detectFileKind(bytes);
  if (kind === 'xlsx') checkZipDirectory(bytes, maxUnzippedBytes(opts.maxRows));
  await acquire();
  try {
    return await runWorker(bytes, opts);
  } finally {
    release();
  }
}
