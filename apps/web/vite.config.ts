import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The API server the dev server and the preview forward `/api` to. */
const apiTarget = process.env.AFFILIA_API_URL ?? 'http://localhost:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes a brotli (.br, best quality) and a gzip (.gz) file beside each text file of the build
 * over 1 KB: the server sends them as they are (@fastify/static's `preCompressed`), at no CPU
 * cost per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'affilia-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const files = fs
        .readdirSync(outDir, { recursive: true, encoding: 'utf8' })
        .filter((f) => !f.startsWith('.') && /\.(?:js|mjs|css|html|svg|json|txt|xml)$/.test(f))
        .map((f) => path.join(outDir, f))
        .filter((f) => fs.statSync(f).size >= 1024);
      await Promise.all(
        files.map(async (file) => {
          const bytes = fs.readFileSync(file);
          const [br, gz] = await Promise.all([
            brotli(bytes, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            }),
            gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
          ]);
          fs.writeFileSync(`${file}.br`, br);
          fs.writeFileSync(`${file}.gz`, gz);
        }),
      );
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
  build: {
    // AFFILIA_WEB_DIST builds elsewhere (engineers running journeys side by side); the server
    // serves the same folder (apps/server/src/plugins/web.ts).
    outDir: process.env.AFFILIA_WEB_DIST ?? 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // .vite/manifest.json: the chunks and their imports, read by src/build-budget.test.ts and by
    // whoever measures what a first visit loads.
    manifest: true,
    // React, Mantine, TanStack and zod weigh about 230 kB gzipped together: split routes lazily
    // when the features grow, rather than warning on every build now.
    chunkSizeWarningLimit: 900,
  },
});
