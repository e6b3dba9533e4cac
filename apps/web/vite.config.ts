import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { landingRoutes } from './src/app/landing-routes';

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

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
  isEntry?: boolean;
}

/**
 * Writes `route-preloads.json` beside index.html: for each landing page of
 * src/app/landing-routes.ts, the JS files (its modules and their static imports) and the CSS it
 * needs, minus what index.html already names (the entry and its imports), and the API answers
 * it asks for first. The server adds them to that page's HTML (apps/server/src/plugins/web.ts),
 * so that they come with the entry.
 */
function routePreloads(): Plugin {
  let outDir = '';
  return {
    name: 'affilia-route-preloads',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle(_options, bundle) {
      const asset = bundle['.vite/manifest.json'];
      if (!asset || asset.type !== 'asset') throw new Error('route-preloads: no Vite manifest');
      const manifest = JSON.parse(String(asset.source)) as Record<string, ManifestChunk>;
      const closure = (keys: readonly string[]) => {
        const seen = new Set<string>();
        const visit = (key: string) => {
          if (seen.has(key)) return;
          const chunk = manifest[key];
          if (!chunk) throw new Error(`route-preloads: ${key} is not in the build`);
          seen.add(key);
          for (const imported of chunk.imports ?? []) visit(imported);
        };
        keys.forEach(visit);
        const chunks = [...seen].map((key) => manifest[key]!);
        return {
          js: chunks.map((c) => `/${c.file}`),
          css: [...new Set(chunks.flatMap((c) => (c.css ?? []).map((f) => `/${f}`)))],
        };
      };
      const entry = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
      const already = closure(entry);
      const routes = landingRoutes.map(({ path: pattern, modules, api, signedIn }) => {
        const { js, css } = closure(modules);
        return {
          path: pattern,
          js: js.filter((f) => !already.js.includes(f)),
          css: css.filter((f) => !already.css.includes(f)),
          ...(api ? { api, ...(signedIn ? { signedIn } : {}) } : {}),
        };
      });
      fs.writeFileSync(path.join(outDir, 'route-preloads.json'), JSON.stringify(routes, null, 1));
    },
  };
}

/**
 * Each Mantine component's styles come with the component: the class-name module of a component
 * (`@mantine/core/esm/components/Button/Button.module.mjs`) gets an import of its stylesheet
 * (`@mantine/core/styles/Button.css`, the same name for every component). A page's chunk then
 * carries the CSS of the components it uses, dependencies included (Button imports Loader, whose
 * module imports Loader.css), instead of every page loading all of `@mantine/core/styles.css`.
 * The global part (baseline, CSS variables, global) is imported by app/providers.tsx.
 */
function mantineComponentStyles(): Plugin {
  const moduleFile = /[\\/]@mantine[\\/]core[\\/]esm[\\/].*[\\/](\w+)\.module\.mjs$/;
  return {
    name: 'affilia-mantine-component-styles',
    transform(code, id) {
      const name = moduleFile.exec(id)?.[1];
      if (!name) return null;
      return { code: `import '@mantine/core/styles/${name}.css';\n${code}`, map: null };
    },
  };
}

/**
 * Mantine's ScrollArea (inside every Table, through Table.ScrollContainer) imports a single hook
 * from @floating-ui/react, `useMergeRefs`, which merges refs: the same as Mantine's own
 * `useMergedRef`. Taking that one instead keeps the popovers' positioning code (13 KB
 * compressed) off every page with a table. Should a Mantine version import something else, the
 * import is left as it is (nothing breaks, the page is only heavier: bench:web --files shows it).
 */
function scrollAreaWithoutFloatingUi(): Plugin {
  const file = /[\\/]@mantine[\\/]core[\\/]esm[\\/]components[\\/]ScrollArea[\\/]ScrollArea\.mjs$/;
  const original = 'import { useMergeRefs } from "@floating-ui/react";';
  return {
    name: 'affilia-scroll-area-without-floating-ui',
    transform(code, id) {
      if (!file.test(id) || !code.includes(original)) return null;
      const replacement =
        'import { useMergedRef } from "@mantine/hooks";\n' +
        'const useMergeRefs = (refs) => useMergedRef(...refs);';
      return { code: code.replace(original, replacement), map: null };
    },
  };
}

export default defineConfig({
  root,
  plugins: [
    react(),
    mantineComponentStyles(),
    scrollAreaWithoutFloatingUi(),
    routePreloads(),
    precompress(),
  ],
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
    // Rolldown splits every module shared by several routes into a chunk of its own: 40–57 files
    // for one page, most under 2 KB, which a phone on HTTP/1.1 (6 connections) fetches in many
    // round trips. Shared chunks under 60 KB of source are copied into the chunks that use them:
    // a page's own code is one JS and one CSS file (its layout's another pair), where shared
    // chunks under 15 KB left 8–16 files before the sign-in page, the enrolment form or the home
    // page could paint, each competing with the entry for the six connections; a first visit of
    // any page is a few KB lighter, and each further route visited costs about 6 KB more in one
    // or two files instead of five to eight (decision record 0009, 2026-12-08). Experimental in
    // Rolldown: bench:web --files shows what it does, build-budget.test.ts holds the file counts.
    // What the entry imports statically (React, Mantine's base, the router, the query client,
    // the layouts' common parts) is loaded by every page anyway: one chunk (`$initial`, Rolldown's
    // tag for the entry's static graph) instead of 8, about 10 KB fewer compressed on every page
    // and one round trip less on a phone (issue 15).
    rolldownOptions: {
      preserveEntrySignatures: false,
      output: {
        codeSplitting: {
          groups: [{ name: 'app', tags: ['$initial'] }],
          experimentalInlineCommonChunks: { maxSize: 60_000 },
        },
      },
    },
  },
});
