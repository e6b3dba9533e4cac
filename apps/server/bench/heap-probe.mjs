/**
 * Loaded by start-bench.ts into the server it measures (`node --import`): on SIGUSR2, a full
 * garbage collection, then V8's heap in use — what the application holds, without the garbage and
 * the young generation's reserve that the resident memory also counts — written as JSON to
 * $AFFILIA_HEAP_PROBE_FILE. Nothing else: no timer, no allocation until the signal.
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

process.on('SIGUSR2', () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  gc();
  const { heapUsed, heapTotal, rss } = process.memoryUsage();
  fs.writeFileSync(
    process.env.AFFILIA_HEAP_PROBE_FILE ?? 'heap-probe.json',
    JSON.stringify({ heapUsed, heapTotal, rss }),
  );
});
