/**
 * `npx tsx apps/server/bench/start-bench.ts [--runs 3]`: how long the server takes to start on an
 * existing database (from spawn to `/api/health` answering 200) and its resident memory at rest
 * (5 s after ready), run by tsx from the sources and compiled (dist/server.js, `npm run build -w
 * @affilia/server` first), in production mode. A first start in development mode creates the
 * database and the demo data in a temporary folder (not measured). Prints one JSON line.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from './support';

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const runs = Number(values.runs ?? 3);
const serverDir = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-start-bench-'));
const MODES = {
  tsx: ['--import', 'tsx', 'src/server.ts'],
  compiled: ['dist/server.js'],
} as const;

if (!fs.existsSync(path.join(serverDir, 'dist/server.js'))) {
  console.error('dist/server.js is missing: npm run build -w @affilia/server');
  process.exit(1);
}

async function start(args: readonly string[], production: boolean) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: serverDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: production ? 'production' : 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: path.join(dir, 'affilia.db'),
      DATA_ENCRYPTION_KEY_FILE: path.join(dir, 'affilia.key'),
      FILE_STORAGE_DIR: path.join(dir, 'files'),
      LOG_LEVEL: 'warn',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // Production needs a mail relay and an SMS provider: closed ports, nothing is sent.
      ...(production && {
        SMTP_URL: 'smtp://127.0.0.1:9',
        SMS_PROVIDER: 'brevo',
        SMS_API_KEY: 'bench',
        SMS_API_URL: 'http://127.0.0.1:9/sms',
      }),
    },
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error('the server stopped');
    const status = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = Math.round(performance.now() - started);
  await new Promise((r) => setTimeout(r, 5000));
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssMb = Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { readyMs, rssMb };
}

try {
  await start(MODES.compiled, false);
  const results: Record<string, { readyMs: number; rssMb: number }[]> = { tsx: [], compiled: [] };
  for (let run = 0; run < runs; run += 1) {
    for (const [name, args] of Object.entries(MODES)) {
      const result = await start(args, true);
      console.error(
        `start-bench — ${name} #${run + 1}: ready in ${result.readyMs} ms, RSS ${result.rssMb} MB`,
      );
      results[name]?.push(result);
    }
  }
  console.log(JSON.stringify({ node: process.version, load: os.loadavg()[0], results }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
