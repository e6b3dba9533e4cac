import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { landingRoutes } from './landing-routes';

const webRoot = path.resolve(__dirname, '../..');
const router = fs.readFileSync(path.join(webRoot, 'src/app/router.tsx'), 'utf8');

describe('landingRoutes', () => {
  it.each(landingRoutes.flatMap((r) => r.modules.map((m) => [r.path, m] as const)))(
    '%s: %s exists and is loaded lazily by the router',
    (_path, module) => {
      expect(fs.existsSync(path.join(webRoot, module))).toBe(true);
      // router.tsx imports '../features/x/routes/y-page' or './layout/z' without the extension.
      const specifier = path
        .relative(path.join(webRoot, 'src/app'), path.join(webRoot, module))
        .replace(/\.tsx?$/, '');
      const relative = specifier.startsWith('.') ? specifier : `./${specifier}`;
      expect(router).toContain(`import('${relative}')`);
    },
  );
});
