/**
 * `npm run bench:web`: what the first visit of a page costs a person, in Debian's Chromium.
 *
 * 1. Builds the web app (`npm run build`; `--skip-build` reuses apps/web/dist);
 * 2. starts the server in production mode on a free port with the demo data (SEED_DEMO on a
 *    fresh temporary database and file store), a dummy SMTP URL and SMS provider: nothing is sent;
 * 3. signs in as the demo administrator from a trusted device (as members-bench.ts: no SMS code)
 *    and gives a demo request « Envoyé à l’employé » a fresh form link (the token is stored hashed);
 * 4. for each page, in a fresh browser context (empty cache): the JavaScript and CSS requested
 *    and transferred (compressed, as served: Playwright's encoded body sizes) until the page is
 *    usable (its `<h1>` visible and the network idle);
 * 5. Lighthouse 12.2.3 in its default mobile emulation on the sign-in page, the home page and
 *    the enrolment form: scores and LCP, TBT, CLS (median of `--runs`, default 1);
 * 6. prints one JSON line (the last line of stdout) and writes it to the « ## Web » section of
 *    docs/performance.md (the other sections are kept).
 *
 * Options: --runs N (Lighthouse runs per page, default 1), --skip-build, --no-lighthouse,
 * --files (each page's JS and CSS files with their sizes), --reports DIR (keeps the Lighthouse
 * reports).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import Database from 'better-sqlite3';
import { resolveFromRoot } from '../src/lib/paths';
import { replaceSection } from './report-section';
import { freePort, signInDemoAdmin, trustDemoAdminDevice } from './support';
import { hashToken, newSecretToken } from '../src/lib/tokens';
import { SESSION_COOKIE } from '../src/modules/auth/cookies';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    'skip-build': { type: 'boolean', default: false },
    'no-lighthouse': { type: 'boolean', default: false },
    // Prints every JS and CSS file each page requested, with its size: what to cut next.
    files: { type: 'boolean', default: false },
    // Keeps each Lighthouse report (JSON) in this folder: its audits say what delays a page.
    reports: { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const CHROMIUM = '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const TARGETS = {
  transfer_kb: 200,
  performance: 95,
  accessibility: 100,
  best_practices: 95,
  lcp_s: 2,
  cls: 0.05,
};
const root = resolveFromRoot('.');
const serverDir = resolveFromRoot('apps/server');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-web-bench-'));
const dbPath = path.join(workDir, 'affilia.db');

function log(message: string) {
  process.stderr.write(`bench:web — ${message}\n`);
}

async function startServer(port: number): Promise<ChildProcess> {
  // The compiled server when the build made one (dist/server.js), as `npm start` runs it.
  const compiled = fs.existsSync(path.join(serverDir, 'dist/server.js'));
  const child = spawn(
    process.execPath,
    compiled ? ['dist/server.js'] : ['--import', 'tsx', 'src/server.ts'],
    {
      cwd: serverDir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        // The demo data, on the fresh database (off by default in production).
        SEED_DEMO: 'true',
        PORT: String(port),
        // Both ::1 and 127.0.0.1: the browser opens http://localhost, where Secure cookies work.
        HOST: 'localhost',
        DATABASE_URL: dbPath,
        FILE_STORAGE_DIR: path.join(workDir, 'files'),
        DATA_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
        // Mail is never needed here: a closed port, the outbox keeps the messages.
        SMTP_URL: 'smtp://127.0.0.1:9',
        // Nor SMS: production needs a real provider; nothing is sent during the bench.
        SMS_PROVIDER: 'brevo',
        SMS_API_KEY: 'bench',
        SMS_API_URL: 'http://127.0.0.1:9/sms',
        LOG_LEVEL: 'error',
        PUBLIC_URL: `http://localhost:${port}`,
      },
    },
  );
  const base = `http://localhost:${port}`;
  for (let i = 0; i < 600; i += 1) {
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

/**
 * A usable link to the form of a demo request « Envoyé à l’employé »: the seed keeps only the
 * token's hash (and mails the link, which production does not show), so a new token replaces it.
 * The request is marked sent now: a demo request sent days ago is due for a reminder, and the
 * reminder job (every few seconds in the bench's server) would give it a new link, ending ours
 * (« Ce lien n’est pas valide », seen once in a run).
 */
function enrolmentLinkToken(): string {
  const db = new Database(dbPath);
  try {
    const request = db
      .prepare(`select id from affiliation_requests where status = 'sent' order by id limit 1`)
      .get() as { id: string } | undefined;
    if (!request) throw new Error('no demo request « Envoyé à l’employé »');
    const token = newSecretToken();
    const now = new Date();
    db.prepare(
      `update affiliation_requests set form_token_hash = ?, form_token_expires_at = ?,
         sent_at = ?, last_reminder_at = null, reminder_count = 0 where id = ?`,
    ).run(
      hashToken(token),
      new Date(now.getTime() + 7 * 86_400_000).toISOString(),
      now.toISOString(),
      request.id,
    );
    return token;
  } finally {
    db.close();
  }
}

interface PageTarget {
  name: string;
  path: string;
  /** The page's `<h1>`: usable once it is visible (not a loader or another page's). */
  heading: RegExp;
  signedIn: boolean;
  lighthouse: boolean;
}

interface Transfer {
  js_kb: number;
  css_kb: number;
  total_kb: number;
  js_requests: number;
  css_requests: number;
  usable_ms: number;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

/** JS and CSS requested and transferred until the page's `<h1>` is visible and the network idle. */
async function measureTransfer(
  browser: Browser,
  base: string,
  page: PageTarget,
  session: string,
): Promise<Transfer> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 800 },
  });
  if (page.signedIn) {
    await context.addCookies([
      {
        name: SESSION_COOKIE,
        value: session,
        domain: 'localhost',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);
  }
  const tab = await context.newPage();
  const bytes = { script: 0, stylesheet: 0 };
  const counts = { script: 0, stylesheet: 0 };
  const pending: Promise<void>[] = [];
  const files: string[] = [];
  tab.on('requestfinished', (request) => {
    const type = request.resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    counts[type] += 1;
    pending.push(
      request.sizes().then((s) => {
        bytes[type] += s.responseBodySize;
        files.push(`${(s.responseBodySize / 1024).toFixed(1).padStart(6)} KB ${request.url()}`);
      }),
    );
  });
  const started = performance.now();
  await tab.goto(`${base}${page.path}`);
  const h1 = tab.getByRole('heading', { level: 1, name: page.heading });
  try {
    await h1.waitFor({ state: 'visible', timeout: 30_000 });
  } catch (err) {
    const shown = await tab.locator('h1').allTextContents();
    throw new Error(`${page.name}: no <h1> ${page.heading} (shown: ${JSON.stringify(shown)})`, {
      cause: err,
    });
  }
  const usable = performance.now() - started;
  await tab.waitForLoadState('networkidle');
  await Promise.all(pending);
  const title = (await h1.textContent()) ?? '';
  log(`${page.name}: « ${title.trim()} », ${counts.script} scripts, ${counts.stylesheet} CSS`);
  if (values.files)
    files
      .sort()
      .reverse()
      .forEach((line) => log(`  ${line}`));
  await context.close();
  return {
    js_kb: kb(bytes.script),
    css_kb: kb(bytes.stylesheet),
    total_kb: kb(bytes.script + bytes.stylesheet),
    js_requests: counts.script,
    css_requests: counts.stylesheet,
    usable_ms: Math.round(usable),
  };
}

interface LighthouseResult {
  performance: number;
  accessibility: number;
  best_practices: number;
  lcp_s: number;
  tbt_ms: number;
  cls: number;
  fcp_s: number;
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

interface LighthouseReport {
  categories: Record<string, { score: number | null }>;
  audits: Record<string, { numericValue?: number }>;
  runtimeError?: { code: string; message: string };
  finalDisplayedUrl?: string;
}

/** One Lighthouse run (CLI, mobile emulation by default) on a URL. */
function lighthouseOnce(url: string, cookie: string | null): LighthouseResult {
  const out = path.join(workDir, `lighthouse-${Date.now()}.json`);
  const bin = resolveFromRoot('node_modules/.bin/lighthouse');
  const args = [
    url,
    '--output=json',
    `--output-path=${out}`,
    '--only-categories=performance,accessibility,best-practices',
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
    '--quiet',
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ];
  const res = spawnSync(bin, args, {
    cwd: workDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CHROME_PATH: CHROMIUM },
  });
  if (res.status !== 0 || !fs.existsSync(out)) throw new Error(`lighthouse failed on ${url}`);
  if (values.reports) {
    fs.mkdirSync(values.reports, { recursive: true });
    const name = new URL(url).pathname.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
    fs.copyFileSync(out, path.join(values.reports, `lighthouse${name}${path.basename(out)}`));
  }
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as LighthouseReport;
  if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.message}`);
  // A signed-in page measured signed out would be the sign-in page again.
  const shown = new URL(report.finalDisplayedUrl ?? url).pathname;
  if (shown !== new URL(url).pathname) throw new Error(`lighthouse: ${url} showed ${shown}`);
  const score = (id: string) => Math.round((report.categories[id]?.score ?? 0) * 100);
  const value = (id: string) => report.audits[id]?.numericValue ?? NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    best_practices: score('best-practices'),
    lcp_s: Math.round(value('largest-contentful-paint') / 10) / 100,
    tbt_ms: Math.round(value('total-blocking-time')),
    cls: Math.round(value('cumulative-layout-shift') * 1000) / 1000,
    fcp_s: Math.round(value('first-contentful-paint') / 10) / 100,
  };
}

/** Median of each figure over `--runs` runs. */
function lighthouse(url: string, cookie: string | null): LighthouseResult {
  const runs: LighthouseResult[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    // On a loaded machine Lighthouse sometimes sees no paint at all (NO_FCP): try again.
    for (let attempt = 1; ; attempt += 1) {
      try {
        runs.push(lighthouseOnce(url, cookie));
        break;
      } catch (err) {
        if (attempt === 3) throw err;
        log(`${err instanceof Error ? err.message : String(err)}: again`);
      }
    }
  }
  const pick = (key: keyof LighthouseResult) => median(runs.map((r) => r[key]));
  return {
    performance: pick('performance'),
    accessibility: pick('accessibility'),
    best_practices: pick('best_practices'),
    lcp_s: pick('lcp_s'),
    tbt_ms: pick('tbt_ms'),
    cls: pick('cls'),
    fcp_s: pick('fcp_s'),
  };
}

function gitCommit(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: root,
    encoding: 'utf8',
  });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? ' (with uncommitted changes)' : ''}`;
}

interface Output {
  commit: string;
  lighthouse_runs: number;
  pages: Record<string, Transfer & { path: string; lighthouse?: LighthouseResult }>;
}

async function main() {
  if (!values['skip-build']) {
    log('npm run build…');
    const build = spawnSync('npm', ['run', 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const port = await freePort();
  const base = `http://localhost:${port}`;
  log(`server in production mode on ${base}, data in ${workDir}`);
  const server = await startServer(port);
  let browser: Browser | undefined;
  try {
    const session = await signInDemoAdmin(base, await trustDemoAdminDevice(dbPath));
    const formToken = enrolmentLinkToken();
    const pages: PageTarget[] = [
      {
        name: 'sign_in',
        path: '/connexion',
        heading: /^Connexion/,
        signedIn: false,
        lighthouse: true,
      },
      { name: 'home', path: '/', heading: /^Bienvenue/, signedIn: true, lighthouse: true },
      {
        name: 'members',
        path: '/salaries',
        heading: /^Mes salariés/,
        signedIn: true,
        lighthouse: false,
      },
      {
        name: 'enrolment_form',
        path: `/formulaire/${formToken}`,
        heading: /date de naissance/,
        signedIn: false,
        lighthouse: true,
      },
      {
        name: 'back_office_sign_in',
        path: '/back-office/connexion',
        heading: /^Connexion/,
        signedIn: false,
        lighthouse: false,
      },
    ];
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS.slice(1) });
    const output: Output = { commit: gitCommit(), lighthouse_runs: RUNS, pages: {} };
    for (const page of pages) {
      output.pages[page.name] = {
        path: page.path.replace(formToken, '…'),
        ...(await measureTransfer(browser, base, page, session)),
      };
    }
    await browser.close();
    browser = undefined;
    if (!values['no-lighthouse']) {
      for (const page of pages.filter((p) => p.lighthouse)) {
        log(`lighthouse (${RUNS} run${RUNS > 1 ? 's' : ''}): ${page.name}`);
        const entry = output.pages[page.name];
        if (entry) {
          entry.lighthouse = lighthouse(
            `${base}${page.path}`,
            page.signedIn ? `${SESSION_COOKIE}=${session}` : null,
          );
        }
      }
    }
    writeReport(output);
    console.log(JSON.stringify(output));
  } finally {
    await browser?.close();
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const HEADING = '## Web (npm run bench:web)';

function writeReport(output: Output) {
  const cpus = os.cpus();
  const mark = (ok: boolean) => (ok ? '' : ' ✗');
  const rows = Object.entries(output.pages).map(([name, p]) => {
    const lh = p.lighthouse;
    const cells = lh
      ? [
          `${lh.performance}${mark(lh.performance >= TARGETS.performance)}`,
          `${lh.accessibility}${mark(lh.accessibility >= TARGETS.accessibility)}`,
          `${lh.best_practices}${mark(lh.best_practices >= TARGETS.best_practices)}`,
          `${lh.lcp_s}${mark(lh.lcp_s <= TARGETS.lcp_s)}`,
          String(lh.tbt_ms),
          `${lh.cls}${mark(lh.cls <= TARGETS.cls)}`,
        ]
      : ['—', '—', '—', '—', '—', '—'];
    return `| ${name} (\`${p.path}\`) | ${p.js_kb} | ${p.css_kb} | ${p.total_kb}${mark(p.total_kb <= TARGETS.transfer_kb)} | ${p.js_requests} + ${p.css_requests} | ${p.usable_ms} | ${cells.join(' | ')} |`;
  });
  const section = [
    HEADING,
    '',
    'Written by `npm run bench:web` (apps/server/bench/web-bench.ts): the built web app served by',
    'the server in production mode (demo data on a fresh SQLite database), Debian’s Chromium. Each',
    'page in a fresh browser context (empty cache): the JavaScript and CSS transferred (compressed,',
    'as served) and requested until the page is usable (its `<h1>` visible and the network idle);',
    '« usable » is the time to the `<h1>` (KB of 1,024 bytes).',
    `Then Lighthouse 12.2.3, mobile emulation, median of ${output.lighthouse_runs} run(s).`,
    '',
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${os.type()} ${os.release()},`,
    `Node.js ${process.version}. Commit ${output.commit}, measured ${new Date().toISOString()}.`,
    '',
    `Targets (✗ when missed): ≤ ${TARGETS.transfer_kb} KB of JS+CSS compressed before usable;`,
    `Lighthouse performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, best practices ≥ ${TARGETS.best_practices},`,
    `LCP ≤ ${TARGETS.lcp_s} s, CLS ≤ ${TARGETS.cls}.`,
    '',
    '| page | JS (KB) | CSS (KB) | JS+CSS (KB) | requests JS + CSS | usable (ms) | perf. | a11y | best pr. | LCP (s) | TBT (ms) | CLS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    '```json',
    JSON.stringify(output),
    '```',
    '',
  ].join('\n');
  // Replace only this section; members-bench.ts rewrites the part before the first « ## » and
  // keeps the later sections, this one included.
  const file = resolveFromRoot('docs/performance.md');
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Performance\n';
  fs.writeFileSync(file, replaceSection(previous, HEADING, section));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
