/**
 * The worker thread that reads a spreadsheet (read-table.ts starts one per file): the bytes in
 * `workerData`, the rows back in batches (each batch is decoded on the main thread in its own
 * turn of the event loop), then `done` — or the error, as code, status and French message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors';
import { readTableInThread, type FileKind, type TableLimits, type TableRow } from './table';

export type WorkerMessage =
  | { type: 'rows'; rows: TableRow[] }
  | { type: 'done'; kind: FileKind }
  | {
      type: 'error';
      code: string;
      statusCode: number;
      message: string;
      fields?: Record<string, string>;
    }
  | { type: 'crash'; message: string };

/** Rows per message. */
const BATCH = 2000;

const port = parentPort;
const { bytes, limits } = workerData as { bytes: Uint8Array; limits: TableLimits };
const post = (message: WorkerMessage) => port?.postMessage(message);

try {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { kind, table } = await readTableInThread(buffer, limits);
  for (let i = 0; i < table.length; i += BATCH) {
    post({ type: 'rows', rows: table.slice(i, i + BATCH) });
  }
  post({ type: 'done', kind });
} catch (err) {
  if (err instanceof AppError) {
    post({
      type: 'error',
      code: err.code,
      statusCode: err.statusCode,
      message: err.message,
      fields: err.fields,
    });
  } else {
    post({ type: 'crash', message: err instanceof Error ? err.message : String(err) });
  }
}
