import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the web app's pure pieces (colour palette, API client, branding parsing, text
 * helpers). Runs with `npx vitest run -c apps/web/vitest.config.ts`; the root config can list it
 * as a project.
 */
export default defineConfig({
  test: {
    name: 'web',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
