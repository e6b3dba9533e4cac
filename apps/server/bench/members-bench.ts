/**
 * `npm run bench`: how fast « Mes salariés » and the home page answer at 100,000 members.
 *
 * 1. Builds (or reuses) data/bench/affilia-bench.db with seed:large (100,000 members, 1,000
 *    establishments, 3 companies);
 * 2. starts the compiled server (dist/server.js: `npm run bench` builds it first) in production
 *    mode on a free port (its own process, so that its memory is measured alone), signs in as
 *    the demo administrator (the SMS code read from the outbox);
 * 3. measures each call with autocannon, 10 seconds at 10 connections, then the export of every
 *    row;
 * 4. prints one JSON line and writes it, with the machine's description, to docs/performance.md.
 *
 * Options: --members N (default 100000), --duration S (default 10), --reset (rebuild the data).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { resolveFromRoot } from '../src/lib/paths';
import { SESSION_COOKIE } from '../src/modules/auth/cookies';
import { freePort, signInDemoAdmin, trustDemoAdminDevice } from './support';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '100000' },
    establishments: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '10' },
    reset: { type: 'boolean', default: false },
  },
});
const MEMBERS = Number(values.members);
const DURATION = Number(values.duration);
const CONNECTIONS = 10;
const dir = resolveFromRoot('data/bench');
const dbPath = path.join(dir, 'affilia-bench.db');
const keyFile = path.join(dir, 'affilia-bench.key');
const serverDir = resolveFromRoot('apps/server');

function log(message: string) {
  process.stderr.write(`bench — ${message}\n`);
}

function memberCount(): number {
  if (!fs.existsSync(dbPath)) return 0;
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from members').get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

function prepareData() {
  fs.mkdirSync(dir, { recursive: true });
  if (!values.reset && memberCount() === MEMBERS) {
    log(`reusing ${path.relative(process.cwd(), dbPath)} (${MEMBERS} members)`);
    return;
  }
  log(`building ${MEMBERS} members with seed:large…`);
  const res = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/db/seed/seed-large.ts',
      '--members',
      String(MEMBERS),
      '--establishments',
      values.establishments ?? '1000',
      '--database',
      dbPath,
      '--reset',
    ],
    {
      cwd: serverDir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DATA_ENCRYPTION_KEY_FILE: keyFile, DATABASE_URL: dbPath },
    },
  );
  if (res.status !== 0) throw new Error('seed:large failed');
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: serverDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: dbPath,
      DATA_ENCRYPTION_KEY_FILE: keyFile,
      // Mail is never needed here: a closed port, the outbox keeps the messages.
      SMTP_URL: 'smtp://127.0.0.1:9',
      // Nor SMS: production needs a real provider; nothing is sent during the bench.
      SMS_PROVIDER: 'brevo',
      SMS_API_KEY: 'bench',
      SMS_API_URL: 'http://127.0.0.1:9/sms',
      LOG_LEVEL: 'error',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error('the server stopped');
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

interface Measure {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  ratio_to_hello?: number;
}

async function measure(base: string, pathAndQuery: string, cookie: string): Promise<Measure> {
  const result = await autocannon({
    url: `${base}${pathAndQuery}`,
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { cookie },
  });
  const errors = result.non2xx + result.errors + result.timeouts;
  if (errors > 0) throw new Error(`${pathAndQuery}: ${errors} failed requests`);
  return {
    rps: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
  };
}

/** Starts a new measure of the peak resident memory of a process (Linux: clear_refs 5). */
function resetPeakRss(pid: number): void {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    log('could not reset the peak RSS: it counts from the server’s start');
  }
}

/** Resident memory of a process now, in MB (Linux). */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** Peak resident memory of a process, in MB (Linux). */
function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function main() {
  prepareData();
  const deviceToken = trustDemoAdminDevice(dbPath);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(port);
  try {
    const cookie = `${SESSION_COOKIE}=${await signInDemoAdmin(base, deviceToken)}`;
    const get = async <T>(url: string) => {
      const res = await fetch(`${base}${url}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      return (await res.json()) as T;
    };
    const filters = await get<{ establishments: { id: string }[] }>('/api/members/filters');
    const first = await get<{ total: number; items: { nir: string; lastName: string }[] }>(
      '/api/members',
    );
    const establishment = filters.establishments[Math.floor(filters.establishments.length / 2)];
    const sample = first.items[0];
    if (!establishment || !sample) throw new Error('no data');
    const namePrefix = sample.lastName.slice(0, 4);

    const scenarios: [string, string][] = [
      ['hello', '/api/health'],
      ['members_page1', '/api/members'],
      ['members_by_establishment', `/api/members?establishmentId=${establishment.id}`],
      ['members_by_name', `/api/members?q=${encodeURIComponent(namePrefix)}`],
      ['members_by_nir', `/api/members?q=${sample.nir}`],
      ['members_sorted', '/api/members?sort=effective_date&order=desc'],
      ['members_deep_page', '/api/members?page=500'],
      ['dashboard', '/api/dashboard'],
    ];
    const results: Record<string, Measure> = {};
    for (const [name, url] of scenarios) {
      log(`${name}: ${url}`);
      results[name] = await measure(base, url, cookie);
    }
    const hello = results.hello?.rps ?? 1;
    for (const [name, r] of Object.entries(results)) {
      if (name !== 'hello') r.ratio_to_hello = Math.round((r.rps / hello) * 1000) / 1000;
    }

    log('export: every member as CSV');
    // The peak memory is measured from here: the export's, not the load tests' before it.
    log(`server RSS before the export: ${rssMb(server.pid ?? 0)} MB`);
    resetPeakRss(server.pid ?? 0);
    const started = performance.now();
    const res = await fetch(`${base}/api/members/export?format=csv`, { headers: { cookie } });
    if (!res.ok || !res.body) throw new Error(`export: ${res.status}`);
    let lines = 0;
    const decoder = new TextDecoder();
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      lines += (decoder.decode(chunk, { stream: true }).match(/\n/g) ?? []).length;
    }
    const seconds = Math.round((performance.now() - started) / 10) / 100;
    const output = {
      members: first.total,
      results,
      export: { rows: lines - 1, seconds, peak_rss_mb: peakRssMb(server.pid ?? 0) },
    };
    writeReport(output);
    console.log(JSON.stringify(output));
  } finally {
    server.kill('SIGTERM');
  }
}

function writeReport(output: {
  members: number;
  results: Record<string, Measure>;
  export: { rows: number; seconds: number; peak_rss_mb: number };
}) {
  const cpus = os.cpus();
  const lines = [
    '# Performance',
    '',
    'Written by `npm run bench` (apps/server/bench/members-bench.ts): the server in production mode',
    `with SQLite on ${output.members.toLocaleString('en')} members (seed:large: 1,000 establishments,`,
    `3 companies), signed in as the demo administrator of the 3 companies; autocannon, ${DURATION} s`,
    `per call at ${CONNECTIONS} connections, from the same machine.`,
    '',
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB,`,
    `${os.type()} ${os.release()}, Node.js ${process.version}. Measured ${new Date().toISOString()}.`,
    '',
    'Targets: every list and dashboard call p99 ≤ 50 ms and ≥ 10 % of `hello`’s throughput; the',
    'export of every row in under 5 s with the server’s peak RSS under 300 MB.',
    '',
    '| call | requests/s | p50 (ms) | p99 (ms) | ratio to hello |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(output.results).map(
      ([name, r]) =>
        `| ${name} | ${r.rps} | ${r.p50_ms} | ${r.p99_ms} | ${r.ratio_to_hello ?? '—'} |`,
    ),
    '',
    `Export: ${output.export.rows} rows in ${output.export.seconds} s, server peak RSS ${output.export.peak_rss_mb} MB.`,
    '',
    '```json',
    JSON.stringify(output),
    '```',
    '',
  ];
  // The file's later sections (« ## … », e.g. the import CLI's measures) are written by hand:
  // keep them, replace only this benchmark's part.
  const file = resolveFromRoot('docs/performance.md');
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const later = previous.indexOf('\n## ');
  const rest = later === -1 ? '' : previous.slice(later + 1);
  fs.writeFileSync(file, lines.join('\n') + (rest ? `\n${rest}` : ''));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
