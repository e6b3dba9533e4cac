// Starts the table worker from its TypeScript source (the server run by tsx, the tests by vitest):
// tsx's loader is registered in this thread, then the worker module is imported. A compiled
// server starts table-worker.js directly and never loads this file (see read-table.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
