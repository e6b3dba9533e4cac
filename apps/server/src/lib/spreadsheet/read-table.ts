/**
 * Reading an uploaded spreadsheet without starving anyone: the one entry point of every import
 * (employer establishments, back-office reference data, the command line).
 *
 * - On the calling thread, only what costs microseconds: the type from the first bytes, and for
 *   an .xlsx the ZIP guard on its central directory — a bomb is refused here, before any worker
 *   starts.
 * - The parse runs in a worker thread (node:worker_threads), one per file, two at a time across
 *   the server (the others wait their turn, at most 16; then 503). The worker reads the file once
 *   to check it and count its rows, then again to send the rows in batches, a few batches ahead
 *   of the import that uses them (back-pressure): memory does not grow with the file. Each batch
 *   is decoded in its own turn of the event loop, so other requests are answered meanwhile.
 * - Backstops, should a file get past the guard: the worker's heap is bounded and it is ended
 *   after a delay, both in proportion to the import's most rows.
 *
 * The worker is `table-worker.ts`. Run from the TypeScript sources (tsx, vitest), it is started
 * through `worker-bootstrap.mjs`, which registers tsx in the worker thread; run from compiled
 * JavaScript, `table-worker.js` (emitted next to this file) is started directly — a bundler must
 * emit it as an entry point of its own.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import {
  detectFileKind,
  headOf,
  maxUnzippedBytes,
  type FileKind,
  type TableLimits,
  type TableRow,
  type TableSource,
} from './table';
import type { WorkerMessage, WorkerRequest } from './table-worker';
import { checkZipDirectory } from './zip-guard';

export interface ReadTableOptions extends TableLimits {
  /** Ends the worker after this long (default: one minute and 1 ms a row). */
  timeoutMs?: number;
  /** The worker's heap in MB (default: 64 MB for a CSV; 256 MB and 4 kB a row for an .xlsx). */
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

/** Rows per batch from the worker (the import applies its own batches of them). */
const WORKER_BATCH_ROWS = 1000;

function startWorker(source: TableSource, kind: FileKind, opts: ReadTableOptions): Worker {
  const limits: TableLimits = { sheetKeys: opts.sheetKeys, maxRows: opts.maxRows };
  // A CSV is read as a stream: a chunk and a few batches of rows at a time, whatever its size;
  // V8 would otherwise let the garbage of the parse grow to hundreds of MB. An .xlsx keeps its
  // shared strings (exceljs): its heap follows the import's most rows.
  const resourceLimits =
    kind === 'csv'
      ? { maxOldGenerationSizeMb: opts.maxHeapMb ?? 64, maxYoungGenerationSizeMb: 8 }
      : { maxOldGenerationSizeMb: opts.maxHeapMb ?? 256 + Math.ceil((opts.maxRows * 4) / 1024) };
  const data = { source, limits, batchRows: WORKER_BATCH_ROWS };
  if (fromSource) {
    const entry = new URL('./table-worker.ts', import.meta.url).href;
    return new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
      workerData: { entry, ...data },
      resourceLimits,
    });
  }
  return new Worker(new URL('./table-worker.js', import.meta.url), {
    workerData: data,
    resourceLimits,
  });
}

/** A file being read: its type, its count of rows, and its rows in batches as they come. */
export interface OpenedTable {
  kind: FileKind;
  /** The non-blank rows of the file, the header included. */
  rows: number;
  /** The rows, in the order of the file, a batch at a time; once. */
  batches(): AsyncGenerator<TableRow[]>;
  /** Ends the worker and frees its place (also when the batches were not all read). */
  close(): void;
}

function runWorker(
  source: TableSource,
  kind: FileKind,
  opts: ReadTableOptions,
  done: () => void,
): Promise<OpenedTable> {
  let worker: Worker;
  try {
    worker = startWorker(source, kind, opts);
  } catch (err) {
    done();
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  const queue: TableRow[][] = [];
  let ended = false;
  let failure: Error | null = null;
  let notify: (() => void) | null = null;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    void worker.terminate();
    done();
  };
  const wakeUp = () => {
    notify?.();
    notify = null;
  };
  let timer: ReturnType<typeof setTimeout>;
  return new Promise<OpenedTable>((resolve, reject) => {
    let started = false;
    const fail = (err: Error) => {
      if (ended) return;
      ended = true;
      failure = err;
      if (!started) {
        close();
        reject(err);
      } else wakeUp();
    };
    // The first reading (checks and count) has this long; the second is paced by the import.
    timer = setTimeout(() => fail(tooHeavy()), opts.timeoutMs ?? 60_000 + opts.maxRows);
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'start':
          started = true;
          clearTimeout(timer);
          resolve({
            kind: message.kind,
            rows: message.rows,
            close,
            async *batches() {
              try {
                for (;;) {
                  const batch = queue.shift();
                  if (batch) {
                    const request: WorkerRequest = { type: 'more' };
                    worker.postMessage(request);
                    yield batch;
                    continue;
                  }
                  if (failure) throw failure;
                  if (ended) return;
                  await new Promise<void>((wake) => (notify = wake));
                }
              } finally {
                close();
              }
            },
          });
          break;
        case 'rows':
          queue.push(message.rows);
          wakeUp();
          break;
        case 'done':
          ended = true;
          wakeUp();
          break;
        case 'error':
          fail(new AppError(message.code, message.statusCode, message.message, message.fields));
          break;
        default:
          fail(new Error(`Spreadsheet worker: ${message.message}`));
      }
    });
    worker.on('error', (err: Error & { code?: string }) =>
      fail(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooHeavy() : err),
    );
    worker.on('exit', (code) => {
      if (!closed) fail(new Error(`Spreadsheet worker ended (${code})`));
    });
  });
}

/**
 * Opens a .csv or .xlsx file for reading in a worker thread: the whole file is checked and its
 * rows counted first (every file-level AppError is thrown here: type, unreadable, too large once
 * unzipped, too many rows, malformed), then its non-blank rows come in batches, each with its line
 * in the file, the worker reading ahead by a few batches only. Call close() when done.
 */
export async function openTable(source: TableSource, opts: ReadTableOptions): Promise<OpenedTable> {
  const head = await headOf(source);
  const kind = detectFileKind(head);
  if (kind === 'xlsx') {
    const bytes = 'bytes' in source ? source.bytes : await fs.promises.readFile(source.path);
    checkZipDirectory(bytes, maxUnzippedBytes(opts.maxRows));
  }
  await acquire();
  // The place is released by close(), or by runWorker when the file fails before its start.
  return runWorker(source, kind, opts, release);
}

/**
 * The non-blank rows of a .csv or .xlsx file (each with its line in the file), read in a worker
 * thread, all at once. Throws the import's AppErrors (type, unreadable, too large once unzipped,
 * too many rows, empty).
 */
export async function readTable(
  bytes: Buffer,
  opts: ReadTableOptions,
): Promise<{ kind: FileKind; table: TableRow[] }> {
  const opened = await openTable({ bytes }, opts);
  const table: TableRow[] = [];
  for await (const batch of opened.batches()) for (const row of batch) table.push(row);
  return { kind: opened.kind, table };
}
