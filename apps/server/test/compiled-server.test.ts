/**
 * The compiled server (scripts/build.mjs, what `npm start` and `npm run cli` run) works as the
 * TypeScript sources do: the things a bundle gets wrong are the spreadsheet worker (an entry
 * point of its own), the paths found from the module's location (the repository root), the
 * packages left external (native ones, lazily imported ones: exceljs, fontkit) and the fonts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/lib/paths';
import { freePort } from './free-port';

const serverDir = path.join(repoRoot, 'apps/server');
// Inside the repository (its root is found from the bundle's location), never in dist/, which
// `npm run build` rewrites.
const outdir = path.join(repoRoot, 'node_modules/.cache', `affilia-compiled-${process.pid}`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-compiled-'));

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_ENCRYPTION_KEY_FILE: path.join(tmp, 'data.key'),
    FILE_STORAGE_DIR: path.join(tmp, 'files'),
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

describe('the compiled server', () => {
  beforeAll(() => {
    const res = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', outdir], {
      cwd: serverDir,
      encoding: 'utf8',
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  }, 60_000);

  afterAll(() => {
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('emits the server, the command line and the spreadsheet worker as entry points', () => {
    for (const entry of ['server.js', 'cli.js', 'table-worker.js']) {
      expect(fs.existsSync(path.join(outdir, entry)), entry).toBe(true);
    }
    // @affilia/shared is TypeScript source: bundled, never imported at run time.
    const code = fs
      .readdirSync(outdir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(outdir, f), 'utf8'))
      .join('\n');
    expect(code).not.toContain('@affilia/shared');
  });

  it('loads at start neither the lazily loaded packages nor the password dictionaries', () => {
    // The static import graph of server.js: what `node dist/server.js` loads before it runs.
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = fs.readFileSync(path.join(outdir, file), 'utf8');
      for (const [, spec = ''] of code.matchAll(/^import\s(?:[^;]*?\sfrom\s)?"([^"]+)";/gms)) {
        if (spec.startsWith('./')) visit(spec.slice(2));
        else if (!spec.startsWith('node:'))
          packages.add(/^(@[^/]+\/)?[^/]+/.exec(spec)?.[0] ?? spec);
      }
    };
    visit('server.js');
    expect(seen.size).toBeGreaterThan(1);
    expect(packages).toContain('fastify');
    for (const lazy of [
      '@zxcvbn-ts/core',
      '@zxcvbn-ts/language-common',
      '@zxcvbn-ts/language-fr',
      'exceljs',
      'pdf-lib',
      '@pdf-lib/fontkit',
      'pg',
      'nodemailer',
      'qrcode',
      '@aws-sdk/client-s3',
      '@aws-sdk/lib-storage',
      'prom-client',
    ]) {
      expect(packages, lazy).not.toContain(lazy);
    }
    // Bundled (one module instead of hundreds of files), never imported at run time.
    for (const bundled of ['kysely', 'zod', 'fastify-type-provider-zod', 'libphonenumber-js']) {
      expect(packages, bundled).not.toContain(bundled);
    }
  });

  it('writes code of Latin-1 characters only, kept by V8 in one byte per character', () => {
    // One character beyond U+00FF (a ’ in a regular expression, a — in a comment) and V8 keeps
    // the whole module's source in two bytes per character: 2 MB instead of 1 for the chunk of zod.
    for (const file of fs.readdirSync(outdir).filter((f) => f.endsWith('.js'))) {
      const code = fs.readFileSync(path.join(outdir, file), 'utf8');
      expect(/[\u0100-\uffff]/.exec(code)?.[0], file).toBeUndefined();
    }
  });

  it('imports an .xlsx from the command line (worker thread, exceljs, migrations)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Entreprises');
    sheet.addRow(['SIREN', 'Raison sociale', 'Identifiant entreprise', 'CCN', 'IDCC']);
    sheet.addRow(['552100554', 'Compilée SA', 'CMP0001', 'Immobilier', '1527']);
    const file = path.join(tmp, 'entreprises.xlsx');
    const database = path.join(outdir, 'cli.db');
    await workbook.xlsx.writeFile(file);

    const res = spawnSync(
      process.execPath,
      [path.join(outdir, 'cli.js'), 'import', file, '--kind', 'companies'],
      // A relative path is the repository root's, found from the bundle's location.
      { cwd: tmp, encoding: 'utf8', env: env({ DATABASE_URL: path.relative(repoRoot, database) }) },
    );
    expect(res.stderr).toBe('');
    expect(res.stdout).toContain('1 lignes — 1 créées');
    expect(res.status).toBe(0);
    expect(fs.existsSync(database)).toBe(true);
  }, 60_000);

  async function waitHealthy(child: ChildProcess, port: number): Promise<number> {
    let health = 0;
    for (let i = 0; i < 400 && child.exitCode === null && health !== 200; i += 1) {
      health = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.status,
        () => 0,
      );
      if (health !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    return health;
  }

  it('issue 17: on SIGTERM, stops taking connections, answers the request in flight, then exits 0', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(outdir, 'server.js')], {
      cwd: tmp,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: env({
        NODE_ENV: 'development',
        SEED_DEMO: 'false',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: path.join(tmp, 'shutdown.db'),
      }),
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      expect(await waitHealthy(child, port)).toBe(200);
      // A request whose body is still arriving when the signal comes.
      const body = JSON.stringify({ email: 'personne@exemple.fr', password: 'x'.repeat(20) });
      const answer = new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/auth/sign-in',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              'x-requested-with': 'affilia',
            },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 10));
        setTimeout(() => {
          child.kill('SIGTERM');
          setTimeout(() => {
            // New connections are refused meanwhile.
            void fetch(`http://127.0.0.1:${port}/api/health`).then(
              () => reject(new Error('a new connection was accepted while closing')),
              () => req.end(body.slice(10)),
            );
          }, 300);
        }, 200);
      });
      const status = await answer;
      expect(status).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(500);
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);

  it('starts, creates the demo data (PDFs in DejaVu through fontkit) and answers', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(outdir, 'server.js')], {
      cwd: tmp,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: env({
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: path.join(tmp, 'server.db'),
      }),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const health = await waitHealthy(child, port);
      expect(stderr).toBe('');
      expect(health).toBe(200);
      const pdfs = fs.readdirSync(path.join(tmp, 'files'), { recursive: true, encoding: 'utf8' });
      expect(pdfs.filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
