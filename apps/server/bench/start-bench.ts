/**
 * `npx tsx apps/server/bench/start-bench.ts [--runs 3]`: how long the server takes to start on an
 * existing database and what memory it holds, run by tsx from the sources and compiled
 * (dist/server.js, `npm run build -w @affilia/server` first), in production mode. A first start
 * in development mode creates the database and the demo data in a temporary folder (not
 * measured; it lasts until the jobs' first run is done and the emails are delivered to the
 * development mailbox). For each start:
 * - `ready_ms`: from spawn to `/api/health` answering 200;
 * - `rss_started_mb`: the resident memory 5 s after it (one request served);
 * - `rss_mb`: at rest, 20 s after it: once V8's memory reducer has run. After the start's
 *   allocations V8 keeps its grown heap (its young generation above all) until the reducer,
 *   started by a major GC, sees a low allocation rate and collects to shrink it, about 8 s later
 *   (v8/src/heap/memory-reducer.cc, kLongDelayMs): 5 s is too early to say what a server at rest
 *   holds (about 137 MB at 5 s, 103 MB from 10 s on, on the same start);
 * - `rss_signed_in_mb`: 20 s after the demo administrator signed in (a known device, no SMS: the
 *   password's hash checked, a session written) and loaded « Mes salariés »;
 * - `heap_mb`: then V8's heap in use after a full garbage collection (bench/heap-probe.mjs,
 *   loaded into the server): what the application holds, without the garbage and the young
 *   generation's reserve that the resident memory also counts.
 * Prints each start, then one JSON line.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { JOBS } from '../src/jobs/runner';
import { SESSION_COOKIE } from '../src/modules/auth/cookies';
import { freePort, signInDemoAdmin, trustDemoAdminDevice } from './support';

const { values } = parseArgs({ options: { runs: { type: 'string' } } });
const runs = Number(values.runs ?? 3);
const serverDir = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-start-bench-'));
const dbPath = path.join(dir, 'affilia.db');
const probe = ['--import', path.join(import.meta.dirname, 'heap-probe.mjs')];
const MODES = {
  tsx: [...probe, '--import', 'tsx', 'src/server.ts'],
  compiled: [...probe, 'dist/server.js'],
} as const;
const STARTED_MS = 5000;
const REST_MS = 20_000;

if (!fs.existsSync(path.join(serverDir, 'dist/server.js'))) {
  console.error('dist/server.js is missing: npm run build -w @affilia/server');
  process.exit(1);
}

interface Run {
  ready_ms: number;
  rss_started_mb: number;
  rss_mb: number;
  rss_signed_in_mb: number;
  heap_mb: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function start(args: readonly string[], production: boolean): Promise<Run> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const probeFile = path.join(dir, `heap-${port}.json`);
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: serverDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: production ? 'production' : 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: dbPath,
      DATA_ENCRYPTION_KEY_FILE: path.join(dir, 'affilia.key'),
      FILE_STORAGE_DIR: path.join(dir, 'files'),
      LOG_LEVEL: 'warn',
      PUBLIC_URL: base,
      AFFILIA_HEAP_PROBE_FILE: probeFile,
      // Production needs a mail relay and an SMS provider: closed ports, nothing is sent.
      ...(production && {
        SMTP_URL: 'smtp://127.0.0.1:9',
        SMS_PROVIDER: 'brevo',
        SMS_API_KEY: 'bench',
        SMS_API_URL: 'http://127.0.0.1:9/sms',
      }),
    },
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('the server stopped');
      const status = await fetch(`${base}/api/health`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      await sleep(20);
    }
    const ready_ms = Math.round(performance.now() - started);
    if (!production) {
      // Until the jobs' first run (5 s after start: the demo's affiliation reminders) is done and
      // its emails delivered to the development mailbox: else the production starts would send
      // them (nodemailer loaded, the closed SMTP port tried), which a server restarted on its
      // database with an empty outbox does not.
      const db = new Database(dbPath);
      try {
        const ran = db.prepare(
          'select count(*) as n from jobs_locks where last_run_at is not null',
        );
        const pending = db.prepare(
          "select count(*) as n from outbox where status in ('pending', 'sending')",
        );
        const count = (q: typeof ran) => (q.get() as { n: number }).n;
        for (let i = 0; i < 400 && (count(ran) < JOBS.length || count(pending) > 0); i += 1) {
          await sleep(50);
        }
      } finally {
        db.close();
      }
      return { ready_ms, rss_started_mb: 0, rss_mb: 0, rss_signed_in_mb: 0, heap_mb: 0 };
    }
    await sleep(STARTED_MS);
    const rss_started_mb = rssMb(child.pid!);
    await sleep(REST_MS - STARTED_MS);
    const rss_mb = rssMb(child.pid!);

    const cookie = `${SESSION_COOKIE}=${await signInDemoAdmin(base, await trustDemoAdminDevice(dbPath))}`;
    const members = await fetch(`${base}/api/members?page=1&pageSize=25`, {
      headers: { cookie },
    });
    if (!members.ok) throw new Error(`GET /api/members: ${members.status}`);
    await members.arrayBuffer();
    await sleep(REST_MS);
    const rss_signed_in_mb = rssMb(child.pid!);

    child.kill('SIGUSR2');
    for (let i = 0; i < 100 && !fs.existsSync(probeFile); i += 1) await sleep(50);
    const heap = JSON.parse(fs.readFileSync(probeFile, 'utf8')) as { heapUsed: number };
    return { ready_ms, rss_started_mb, rss_mb, rss_signed_in_mb, heap_mb: mb(heap.heapUsed) };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  }
}

const gitCommit = () => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

try {
  await start(MODES.compiled, false);
  const loadBefore = load();
  const results: Record<keyof typeof MODES, Run[]> = { tsx: [], compiled: [] };
  for (let run = 0; run < runs; run += 1) {
    for (const name of Object.keys(MODES) as (keyof typeof MODES)[]) {
      const r = await start(MODES[name], true);
      console.error(
        `start-bench — ${name} #${run + 1}: ready in ${r.ready_ms} ms, RSS ${r.rss_started_mb} MB ` +
          `5 s later, ${r.rss_mb} MB at rest, ` +
          `${r.rss_signed_in_mb} MB after a sign-in; heap in use ${r.heap_mb} MB (load ${load()})`,
      );
      results[name].push(r);
    }
  }
  console.log(
    JSON.stringify({
      bench: 'start',
      node: process.version,
      commit: gitCommit(),
      load_average: { before: loadBefore, after: load() },
      results,
    }),
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
