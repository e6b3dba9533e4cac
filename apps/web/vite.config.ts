import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The API server the dev server and the preview forward `/api` to. */
const apiTarget = process.env.AFFILIA_API_URL ?? 'http://localhost:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  root,
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
  build: {
    // AFFILIA_WEB_DIST builds elsewhere (engineers running journeys side by side); the server
    // serves the same folder (apps/server/src/plugins/web.ts).
    outDir: process.env.AFFILIA_WEB_DIST ?? 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // React, Mantine, TanStack and zod weigh about 230 kB gzipped together: split routes lazily
    // when the features grow, rather than warning on every build now.
    chunkSizeWarningLimit: 900,
  },
});
