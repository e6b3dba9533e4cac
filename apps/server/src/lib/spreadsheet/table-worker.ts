/**
 * The worker thread that reads a spreadsheet (read-table.ts starts one per file): the source (bytes
 * or a file's path) in `workerData`. It reads the file once to check it and count its rows
 * (`start`, or the error), then again to send the rows in batches, never more than `AHEAD`
 * batches ahead of the main thread (which asks for `more` as it uses them): a file of a million
 * rows never stands whole in either thread. Errors go back as code, status and French message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors';
import { scanTable, tableRows, type FileKind, type TableLimits, type TableRow } from './table';
import type { TableSource } from './table';

export type WorkerMessage =
  | { type: 'start'; kind: FileKind; rows: number }
  | { type: 'rows'; rows: TableRow[] }
  | { type: 'done' }
  | {
      type: 'error';
      code: string;
      statusCode: number;
      message: string;
      fields?: Record<string, string>;
    }
  | { type: 'crash'; message: string };

/** What the main thread sends: one more batch may be sent. */
export type WorkerRequest = { type: 'more' };

/** Batches sent before the main thread asks for more. */
export const AHEAD = 2;

const port = parentPort;
const data = workerData as {
  source: { bytes: Uint8Array } | { path: string };
  limits: TableLimits;
  batchRows: number;
};
const post = (message: WorkerMessage) => port?.postMessage(message);

let credits = AHEAD;
let wake: (() => void) | null = null;
const onMessage = (message: WorkerRequest) => {
  if (message.type !== 'more') return;
  credits += 1;
  wake?.();
  wake = null;
};
port?.on('message', onMessage);
const credit = async () => {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits -= 1;
};

try {
  const source: TableSource =
    'bytes' in data.source
      ? {
          bytes: Buffer.from(
            data.source.bytes.buffer,
            data.source.bytes.byteOffset,
            data.source.bytes.byteLength,
          ),
        }
      : data.source;
  const scan = await scanTable(source, data.limits);
  post({ type: 'start', kind: scan.kind, rows: scan.rows });
  let batch: TableRow[] = [];
  for await (const row of tableRows(source, scan)) {
    batch.push(row);
    if (batch.length >= data.batchRows) {
      await credit();
      post({ type: 'rows', rows: batch });
      batch = [];
    }
  }
  if (batch.length > 0) {
    await credit();
    post({ type: 'rows', rows: batch });
  }
  post({ type: 'done' });
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
// Nothing more to wait for: the thread may end.
port?.off('message', onMessage);
