/**
 * `npm run bench:cluster [-- --seconds 20] [--check]`: two instances of the compiled server on one
 * PostgreSQL and one S3-protocol bucket, under a mixed load, one of them killed (-9) in the middle.
 *
 * 1. a throwaway PostgreSQL database (through TEST_POSTGRES_URL, an administrator URL, or a
 *    cluster started for the run under /tmp), s3rver in this process, an SMTP peer in this process
 *    counting what it receives by Message-ID;
 * 2. instance A starts (migrates, seeds the demo), then B, both with the same data key, bucket,
 *    SMTP peer, jobs every JOBS_INTERVAL_MS (2 s) and /metrics;
 * 3. phase « one »: the load on A only; phase « two »: the same load across both — signed in on one,
 *    reading on the other, a message with an attachment sent on one and its file downloaded from
 *    the other, « Mes salariés » and the home page's figures; halfway through phase two, A is
 *    killed with SIGKILL and the load goes on (B answers; A's connections fail — refused, never a
 *    wrong answer);
 * 4. the outbox drained by B (a message A was sending when killed is taken again once its lock
 *    expires), then the counts: every email of the outbox received once (`deliveries`), each
 *    job's runs against the periods elapsed, the requests by outcome, sessions lost (a 401), data
 *    half-written (a conversation without its message, a file row without its object), p50/p99
 *    per kind of call on one instance and on two.
 *
 * One JSON line last. With `--check` (CI), exits 1 unless no email is lost, none is duplicated
 * beyond the one the killed instance may have been sending (delivery is at least once, with a
 * stable Message-ID: README « Email »), no answer is a 5xx, and no job ran more than once a period.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { DEMO_ACCOUNTS } from '../src/db/seed/demo-accounts';
import { DEVICE_COOKIE, SESSION_COOKIE } from '../src/modules/auth/cookies';
import { createS3Storage } from '../src/lib/s3-storage';
import { startS3Server } from '../test/s3-server';
import { freePort, trustDemoAdminDevice } from './support';

const serverDir = path.resolve(import.meta.dirname, '..');
const JOBS_INTERVAL_MS = 2_000;
const log = (m: string) => console.error(`[bench:cluster] ${m}`);

const { values: args } = parseArgs({
  options: { seconds: { type: 'string', default: '20' }, check: { type: 'boolean' } },
});
const SECONDS = Math.max(6, Number(args.seconds));

// ---------------------------------------------------------------------------------------------
// The database: a fresh one through an administrator URL, or a cluster of our own.

async function startPostgres(): Promise<{ adminUrl: string; stop(): void }> {
  if (process.env.TEST_POSTGRES_URL) return { adminUrl: process.env.TEST_POSTGRES_URL, stop() {} };
  const root = '/usr/lib/postgresql';
  const version = fs.readdirSync(root).sort((a, b) => +b - +a)[0];
  if (!version) throw new Error('PostgreSQL not found: set TEST_POSTGRES_URL');
  const bin = (name: string) => path.join(root, version, 'bin', name);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-cluster-pg-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
  const run = (cmd: string, argv: string[]) => {
    const res = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...argv], { encoding: 'utf8' })
      : spawnSync(cmd, argv, { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${cmd}: ${res.stderr}`);
  };
  run(bin('initdb'), ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']);
  run(bin('pg_ctl'), [
    '-D',
    `${dir}/data`,
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    '-l',
    `${dir}/log`,
    '-w',
    'start',
  ]);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      run(bin('pg_ctl'), ['-D', `${dir}/data`, '-m', 'immediate', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The SMTP peer: every message received, by Message-ID.

async function startSmtpPeer() {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        received.push(/^Message-ID: *<([^>]+)>/im.exec(raw)?.[1] ?? 'none');
        callback();
      });
    },
  });
  // A connection cut by the killed instance, mid-message: nothing was received, the row is sent
  // again by the other instance once its lock expires.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------------------------------------
// The instances.

interface Instance {
  name: string;
  base: string;
  child: ChildProcess;
}

async function startInstance(name: string, env: NodeJS.ProcessEnv): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: serverDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`instance ${name} stopped`);
    const ok = await fetch(`${base}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { name, base, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`instance ${name}: not ready`);
}

// ---------------------------------------------------------------------------------------------
// The load: workers doing a mix of calls, each timed and classified.

type Kind = 'sign_in' | 'members' | 'dashboard' | 'message_upload' | 'conversation' | 'download';
type Outcome = 'ok' | 'client_error' | 'server_error' | 'refused';

interface Sample {
  kind: Kind;
  phase: 'one' | 'two';
  ms: number;
  outcome: Outcome;
  /** The HTTP status, when there was an answer. */
  status?: number;
}

const samples: Sample[] = [];
/** Sign-ins each phase may still do: 48 in all with the first one, under the limit of 50. */
const signInsLeft: Record<Sample['phase'], number> = { one: 20, two: 27 };
const admin = DEMO_ACCOUNTS.find((a) => a.key === 'employerAdmin');

async function timed(
  kind: Kind,
  phase: Sample['phase'],
  call: () => Promise<Response>,
): Promise<Response | null> {
  const start = performance.now();
  let outcome: Outcome;
  let res: Response | null = null;
  try {
    res = await call();
    outcome = res.status >= 500 ? 'server_error' : res.status >= 400 ? 'client_error' : 'ok';
    if (outcome !== 'ok') await res.arrayBuffer().catch(() => undefined);
  } catch {
    outcome = 'refused';
  }
  samples.push({ kind, phase, ms: performance.now() - start, outcome, status: res?.status });
  return outcome === 'ok' ? res : null;
}

function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = `----affilia${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

interface LoadContext {
  device: string;
  companyId: string;
  cookie: string;
}

/** One round of the mix: `write` and `read` are the instances used (the same in phase one). */
async function round(
  ctx: LoadContext,
  phase: Sample['phase'],
  write: Instance,
  read: Instance,
  withSignIn: boolean,
) {
  const headers = { cookie: ctx.cookie, 'x-requested-with': 'affilia' };
  if (withSignIn) {
    await timed('sign_in', phase, () =>
      fetch(`${write.base}/api/auth/sign-in`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-requested-with': 'affilia',
          cookie: `${DEVICE_COOKIE}=${ctx.device}`,
        },
        body: JSON.stringify({ email: admin?.email, password: admin?.password }),
      }),
    );
  }
  await timed('members', phase, () =>
    fetch(`${read.base}/api/members?page=1&pageSize=50`, { headers }),
  );
  await timed('dashboard', phase, () => fetch(`${read.base}/api/dashboard`, { headers }));
  const pdf = Buffer.from(`%PDF-1.7\n% bench ${crypto.randomBytes(2000).toString('hex')}\n%%EOF\n`);
  const form = multipart(
    {
      category: 'contract',
      subject: 'other_request',
      companyId: ctx.companyId,
      text: 'Message envoyé par le banc d’essai de la grappe.',
    },
    { name: 'piece.pdf', bytes: pdf },
  );
  const created = await timed('message_upload', phase, () =>
    fetch(`${write.base}/api/conversations`, {
      method: 'POST',
      headers: { ...headers, 'content-type': form.type },
      body: form.body,
    }),
  );
  if (!created) return;
  const { id } = (await created.json()) as { id: string };
  // Written on one instance, read on the other: the conversation, then its file from the bucket.
  const detail = await timed('conversation', phase, () =>
    fetch(`${read.base}/api/conversations/${id}`, { headers }),
  );
  if (!detail) return;
  const conversation = (await detail.json()) as {
    id: string;
    messages: { attachments: { id: string }[] }[];
  };
  const fileId = conversation.messages[0]?.attachments[0]?.id;
  if (!fileId) return;
  const file = await timed('download', phase, () =>
    fetch(`${read.base}/api/conversations/${conversation.id}/attachments/${fileId}`, { headers }),
  );
  if (file) {
    const bytes = Buffer.from(await file.arrayBuffer());
    if (!bytes.equals(pdf))
      samples.push({ kind: 'download', phase, ms: 0, outcome: 'server_error' });
  }
}

async function load(
  ctx: LoadContext,
  phase: Sample['phase'],
  pick: (i: number) => { write: Instance; read: Instance },
  seconds: number,
  halfway?: () => void,
) {
  const end = Date.now() + seconds * 1000;
  let halfwayDone = !halfway;
  const worker = async (w: number) => {
    for (let i = 0; Date.now() < end; i += 1) {
      if (!halfwayDone && Date.now() > end - (seconds * 1000) / 2) {
        halfwayDone = true;
        halfway?.();
      }
      const { write, read } = pick(i + w);
      // Sign-ins within the per-IP limit (50 in 15 minutes, every call comes from 127.0.0.1).
      const signIn = i % 10 === 0 && signInsLeft[phase] > 0;
      if (signIn) signInsLeft[phase] -= 1;
      await round(ctx, phase, write, read, signIn);
    }
  };
  await Promise.all(Array.from({ length: 6 }, (_, w) => worker(w)));
}

// ---------------------------------------------------------------------------------------------

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    Math.round(
      sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10,
    ) / 10
  );
}

async function scrapeJobRuns(base: string, token: string): Promise<Record<string, number>> {
  const text = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })
    .then((r) => r.text())
    .catch(() => '');
  const runs: Record<string, number> = {};
  for (const [, job = '', n = '0'] of text.matchAll(
    /^affilia_job_runs_total\{job="([^"]+)"\} (\d+)/gm,
  )) {
    runs[job] = Number(n);
  }
  return runs;
}

async function main() {
  const postgres = await startPostgres();
  const dbName = `affilia_cluster_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(postgres.adminUrl, `create database ${dbName}`);
  const dbUrl = new URL(postgres.adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const s3 = await startS3Server('affilia-cluster');
  const smtp = await startSmtpPeer();
  const metricsToken = crypto.randomBytes(24).toString('hex');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl.toString(),
    DATA_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
    ...s3.env,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Affilia <no-reply@cluster.affilia.test>',
    JOBS_INTERVAL_MS: String(JOBS_INTERVAL_MS),
    OUTBOX_POLL_MS: '200',
    METRICS_TOKEN: metricsToken,
    // Every sign-in of the bench comes from 127.0.0.1.
    SMS_PER_IP_PER_HOUR: '10000',
  };
  const instances: Instance[] = [];
  const firstStart = Date.now();
  try {
    log('instance A: migrations and demo data');
    const a = await startInstance('A', { ...env, SEED_DEMO: 'true' });
    instances.push(a);
    const b = await startInstance('B', { ...env, SEED_DEMO: 'false' });
    instances.push(b);
    const device = await trustDemoAdminDevice(dbUrl.toString());
    const signIn = await fetch(`${a.base}/api/auth/sign-in`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-requested-with': 'affilia',
        cookie: `${DEVICE_COOKIE}=${device}`,
      },
      body: JSON.stringify({ email: admin?.email, password: admin?.password }),
    });
    const session = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!session) throw new Error(`sign-in: ${signIn.status}`);
    const me = (await (
      await fetch(`${b.base}/api/auth/me`, { headers: { cookie: session } })
    ).json()) as {
      companies: { id: string }[];
    };
    const ctx: LoadContext = { device, cookie: session, companyId: me.companies[0]?.id ?? '' };

    const oneSeconds = Math.round(SECONDS / 3);
    log(`phase one: ${oneSeconds} s on A`);
    await load(ctx, 'one', () => ({ write: a, read: a }), oneSeconds);
    log(`phase two: ${SECONDS - oneSeconds} s across A and B, A killed halfway`);
    let runsOfA: Record<string, number> = {};
    let killed = false;
    await load(
      ctx,
      'two',
      (i) => (i % 2 === 0 ? { write: a, read: b } : { write: b, read: a }),
      SECONDS - oneSeconds,
      () => {
        void scrapeJobRuns(a.base, metricsToken).then((r) => {
          runsOfA = r;
          a.child.kill('SIGKILL');
          killed = true;
          log('A killed (SIGKILL)');
        });
      },
    );
    if (!killed) throw new Error('A was not killed');

    log('waiting for the outbox to drain (a message A was sending is taken again after its lock)');
    const db = new pg.Client({ connectionString: dbUrl.toString() });
    await db.connect();
    let waiting = 1;
    for (let i = 0; i < 300 && waiting > 0; i += 1) {
      const r = await db.query<{ n: string }>(
        "select count(*) as n from outbox where channel = 'email' and status in ('pending', 'sending')",
      );
      waiting = Number(r.rows[0]?.n ?? 0);
      if (waiting > 0) await new Promise((r) => setTimeout(r, 1000));
    }
    const emails = await db.query<{ id: string; status: string }>(
      "select id, status from outbox where channel = 'email'",
    );
    // Nothing half-written: every conversation has its first message, every file row its object.
    const orphans = await db.query<{ n: string }>(
      'select count(*) as n from conversations c where not exists (select 1 from messages m where m.conversation_id = c.id)',
    );
    const keys = await db.query<{ storage_key: string }>('select storage_key from stored_files');
    await db.end();
    const bucket = createS3Storage(s3.settings);
    let missingFiles = 0;
    for (const { storage_key } of keys.rows) {
      if (!(await bucket.has(storage_key))) missingFiles += 1;
    }
    const halfWritten = {
      conversations_without_message: Number(orphans.rows[0]?.n ?? 0),
      stored_files: keys.rows.length,
      files_missing_in_bucket: missingFiles,
    };
    const runsOfB = await scrapeJobRuns(b.base, metricsToken);

    const expected = new Set(emails.rows.map((r) => r.id));
    const counts = new Map<string, number>();
    for (const id of smtp.received)
      counts.set(id.split('@')[0] ?? id, (counts.get(id.split('@')[0] ?? id) ?? 0) + 1);
    let delivered = 0;
    let duplicated = 0;
    for (const id of expected) {
      const n = counts.get(id) ?? 0;
      if (n > 0) delivered += 1;
      if (n > 1) duplicated += n - 1;
    }
    const deliveries = {
      expected: expected.size,
      delivered,
      duplicated,
      lost: expected.size - delivered,
      failed_for_good: emails.rows.filter((r) => r.status === 'failed').length,
      /** At most one message in flight in the killed instance's worker. */
      in_flight_bound: 1,
    };
    const periods = Math.floor((Date.now() - firstStart) / JOBS_INTERVAL_MS) + 1;
    const jobs = Object.fromEntries(
      [...new Set([...Object.keys(runsOfA), ...Object.keys(runsOfB)])].map((job) => [
        job,
        { runs: (runsOfA[job] ?? 0) + (runsOfB[job] ?? 0), periods },
      ]),
    );
    const byOutcome: Record<string, number> = {};
    for (const s of samples) byOutcome[s.outcome] = (byOutcome[s.outcome] ?? 0) + 1;
    const refusedAnswers: Record<string, number> = {};
    for (const s of samples.filter((x) => x.status && x.status >= 400)) {
      const key = `${s.kind} ${s.status}`;
      refusedAnswers[key] = (refusedAnswers[key] ?? 0) + 1;
    }
    const p99 = (phase: Sample['phase']) =>
      Object.fromEntries(
        (
          ['sign_in', 'members', 'dashboard', 'message_upload', 'conversation', 'download'] as const
        ).map((k) => {
          const ms = samples
            .filter((s) => s.kind === k && s.phase === phase && s.outcome === 'ok')
            .map((s) => s.ms);
          return [k, { n: ms.length, p50_ms: percentile(ms, 50), p99_ms: percentile(ms, 99) }];
        }),
      );
    const result = {
      bench: 'cluster',
      seconds: SECONDS,
      instances: 2,
      requests: samples.length,
      outcomes: byOutcome,
      errors_by_call: refusedAnswers,
      /** A session created on A and used on B after A's death: a 401 would be a lost session. */
      sessions_lost: samples.filter((x) => x.status === 401).length,
      half_written: halfWritten,
      deliveries,
      jobs,
      one_instance: p99('one'),
      two_instances: p99('two'),
    };
    const problems: string[] = [];
    if (deliveries.lost > 0) problems.push('emails lost');
    // Delivery is at least once (README, « Email »): the worker sends one message at a time, so
    // a kill -9 can repeat at most the one it was sending (same Message-ID, for the relay).
    if (deliveries.duplicated > deliveries.in_flight_bound) problems.push('emails duplicated');
    if ((byOutcome.server_error ?? 0) > 0) problems.push('5xx answers');
    if (result.sessions_lost > 0) problems.push('sessions lost');
    if (halfWritten.conversations_without_message > 0 || halfWritten.files_missing_in_bucket > 0) {
      problems.push('half-written data');
    }
    for (const [job, j] of Object.entries(jobs)) {
      if (j.runs > j.periods) problems.push(`${job}: ${j.runs} runs in ${j.periods} periods`);
    }
    if (expected.size === 0) problems.push('no email was sent');
    for (const p of problems) log(`PROBLEM: ${p}`);
    console.log(JSON.stringify(result));
    if (args.check && problems.length > 0) process.exitCode = 1;
  } finally {
    for (const i of instances) if (i.child.exitCode === null) i.child.kill('SIGTERM');
    await smtp.close();
    await s3.close();
    await adminQuery(postgres.adminUrl, `drop database if exists ${dbName} with (force)`).catch(
      () => undefined,
    );
    postgres.stop();
  }
}

await main();
