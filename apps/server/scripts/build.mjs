/**
 * `npm run build -w @affilia/server`: the server compiled into apps/server/dist (gitignored), the
 * code production runs (`npm start`, `npm run cli`, the benchmark); tsx stays for development
 * and the tests, which run the TypeScript sources.
 *
 * One esbuild bundle, ES modules, with code splitting: the entry points share their chunks and
 * every `import()` of the sources (exceljs' callers, the demo seed, the CLI's commands) stays a
 * lazily loaded chunk. The workspace package @affilia/shared is TypeScript source and is bundled,
 * and so are the ES-module packages the server loads at start (BUNDLED_PACKAGES: one module each,
 * tree-shaken, instead of hundreds of files — kysely alone is 263 — about 3.5 MB less heap held
 * at rest and a faster start). The other packages of node_modules stay external: native ones
 * (better-sqlite3, @node-rs/argon2), pino (starts its transports by name), the CommonJS ones
 * (fastify and its plugins), and those loaded on first use (exceljs, pdf-lib, pg, nodemailer,
 * qrcode, the password dictionaries of @zxcvbn-ts).
 *
 * Everything lands flat in dist/ (or --outdir), so that `new URL('./table-worker.js', import.meta.url)` in
 * read-table.ts finds the spreadsheet worker, an entry point of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const serverDir = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
// --outdir: elsewhere than dist/ (the test of the compiled server builds its own copy).
const outdir = path.resolve(values.outdir ?? path.join(serverDir, 'dist'));
const sharedDir = path.resolve(serverDir, '../../packages/shared');
// zod with fastify-type-provider-zod, which must see the same zod (its `instanceof` checks).
const BUNDLED_PACKAGES =
  /^(?:kysely|zod|fastify-type-provider-zod|libphonenumber-js|otpauth|altcha-lib|csv-parse)(?:\/|$)/;

const started = performance.now();
const result = await build({
  absWorkingDir: serverDir,
  entryPoints: {
    server: 'src/server.ts',
    cli: 'src/cli.ts',
    'table-worker': 'src/lib/spreadsheet/table-worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  plugins: [
    {
      name: 'external-packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@affilia/shared/') || BUNDLED_PACKAGES.test(args.path)
            ? undefined
            : { path: args.path, external: true },
        );
      },
    },
    {
      // @affilia/shared is a workspace link to TypeScript sources: bundled, like its package.json's
      // exports (`./*` → `./src/*.ts`) say.
      name: 'bundle-affilia-shared',
      setup(b) {
        b.onResolve({ filter: /^@affilia\/shared\// }, (args) => ({
          path: path.join(sharedDir, 'src', `${args.path.slice('@affilia/shared/'.length)}.ts`),
        }));
      },
    },
  ],
  chunkNames: 'chunk-[hash]',
  // Source maps beside the code, not loaded by default (--enable-source-maps costs ~12 MB of
  // resident memory): `NODE_OPTIONS=--enable-source-maps npm start` for stack traces in the sources.
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
// esbuild writes ASCII (\u escapes) except in regular expressions and comments, where a few
// characters beyond U+00FF stay (a ’ in a pattern, a — in zod's comments): one of them and V8 keeps
// the whole module's source, held as long as the process runs, in two bytes per character (2 MB
// instead of 1 for the chunk of zod and kysely). The same escape is valid in a regular expression
// (a surrogate pair for a character beyond U+FFFF, as a `u` pattern reads it too), a string, a
// template and a comment; the source maps' columns shift on those few lines only.
for (const file of Object.keys(result.metafile.outputs)) {
  if (!file.endsWith('.js')) continue;
  const code = fs.readFileSync(path.resolve(serverDir, file), 'utf8');
  if (!/[\u0100-\uffff]/.test(code)) continue;
  fs.writeFileSync(
    path.resolve(serverDir, file),
    code.replace(/[\u0100-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}
// Files of an earlier build that this one did not write (its chunks have other hashes). Written
// over rather than emptied first, so that a server running from dist/ meanwhile keeps finding
// the lazily loaded chunks of an unchanged build.
const written = new Set(
  Object.keys(result.metafile.outputs).map((f) => path.resolve(serverDir, f)),
);
for (const file of fs.readdirSync(outdir)) {
  if (!written.has(path.join(outdir, file)))
    fs.rmSync(path.join(outdir, file), { recursive: true });
}
console.log(
  `server built into ${path.relative(process.cwd(), outdir) || '.'} in ${Math.round(performance.now() - started)} ms`,
);
