import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrandingSettings, TermsVersions, Tip } from '@affilia/shared/schemas/content';
import {
  browser,
  buildTestApp,
  lastMessageTo,
  signInAs,
  type Browser,
  type TestApp,
} from '../../../test/helper';
import {
  createCompany,
  createEmployerUser,
  createStaffUser,
  publishTerms,
} from '../../../test/factories';
import { solveCaptcha } from '../../../test/captcha';
import type { ApiErrorBody } from '../../lib/errors';

const boundary = 'content-boundary';
/** A multipart body with one file (binary-safe). */
function multipart(file: { name: string; bytes: Buffer; type?: string }) {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'image/png'}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 3)]);
const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  'utf8',
);

const branding = {
  brandName: 'Mutuelle Azur Santé',
  primaryColor: '#0B5A3C',
  supportPhone: '04 11 22 33 44',
  supportHours: 'du lundi au jeudi de 9h à 18h',
  supportEmail: 'Contact@Azur-Sante.fr',
  postalAddress: '10 quai des Assurances\n69002 Lyon',
};

type ErrorBody = ApiErrorBody;

describe('Contenus du portail (/api/backoffice/content)', () => {
  let t: TestApp;
  let admin: Browser;
  let manager: Browser;
  let employer: Browser;
  let employerUser: Awaited<ReturnType<typeof createEmployerUser>>;
  let ip = 0;
  const newBrowser = () => browser(t.app, { ip: `198.51.100.${++ip}` });

  const upload = (b: Browser, file: { name: string; bytes: Buffer; type?: string }) =>
    t.app.inject({
      method: 'POST',
      url: '/api/backoffice/content/branding/logo',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'x-requested-with': 'affilia',
        cookie: b.jar.header(),
      },
      payload: multipart(file),
    });

  beforeAll(async () => {
    t = await buildTestApp();
    await publishTerms(t.ctx.db, '2026-01');
    const company = await createCompany(t.ctx.db, { name: 'Immobilière Test' });
    employerUser = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }], {
      email: 'rh@immobiliere.fr',
    });
    admin = newBrowser();
    await signInAs(admin, t.ctx, await createStaffUser(t.ctx.db, 'admin'), 'backoffice');
    manager = newBrowser();
    await signInAs(manager, t.ctx, await createStaffUser(t.ctx.db, 'manager'), 'backoffice');
    employer = newBrowser();
    await signInAs(employer, t.ctx, employerUser);
  });
  afterAll(() => t.close());

  describe('branding', () => {
    it('saves the name, colour and contacts; the public branding and the emails use them', async () => {
      const before = await manager.get('/api/backoffice/content/branding');
      expect(before.statusCode).toBe(200);
      expect(before.json<BrandingSettings>().logo).toBeNull();

      const res = await admin.put('/api/backoffice/content/branding', branding);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<BrandingSettings>()).toMatchObject({
        brandName: 'Mutuelle Azur Santé',
        primaryColor: '#0b5a3c',
        supportEmail: 'contact@azur-sante.fr',
        postalAddress: '10 quai des Assurances\n69002 Lyon',
      });

      const pub = await newBrowser().get('/api/branding');
      expect(pub.json()).toMatchObject({
        brandName: 'Mutuelle Azur Santé',
        primaryColor: '#0b5a3c',
        supportPhone: '04 11 22 33 44',
        supportHours: 'du lundi au jeudi de 9h à 18h',
      });

      const forgot = await newBrowser().post('/api/auth/password/forgot', {
        email: employerUser.email,
        captcha: await solveCaptcha(t.app),
      });
      expect(forgot.statusCode).toBe(202);
      const mail = await lastMessageTo(t.ctx, employerUser.email, 'email');
      expect(mail?.body_text).toContain('Mutuelle Azur Santé');

      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'actor_kind'])
        .where('action', '=', 'content.branding_updated')
        .execute();
      expect(audit).toEqual([{ action: 'content.branding_updated', actor_kind: 'staff' }]);
    });

    it('refuses a colour too light for white text, or malformed, with a French field error', async () => {
      for (const primaryColor of ['#ffd700', '#7fb3ff', 'bleu', '#12345']) {
        const res = await admin.put('/api/backoffice/content/branding', {
          ...branding,
          primaryColor,
        });
        expect(res.statusCode, primaryColor).toBe(400);
        expect(res.json<ErrorBody>().error.fields?.primaryColor).toMatch(/couleur|Couleur/);
      }
      const empty = await admin.put('/api/backoffice/content/branding', {
        ...branding,
        brandName: ' ',
        supportEmail: 'pas-un-email',
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.json<ErrorBody>().error.fields).toMatchObject({
        brandName: 'Ce champ est obligatoire',
        supportEmail: expect.stringMatching(/e-mail/) as unknown,
      });
      const still = await newBrowser().get('/api/branding');
      expect(still.json<{ primaryColor: string }>().primaryColor).toBe('#0b5a3c');
    });

    it('is changed by back-office administrators only', async () => {
      const res = await manager.put('/api/backoffice/content/branding', branding);
      expect(res.statusCode).toBe(403);
      expect(res.json<ErrorBody>().error.code).toBe('staff_admin_required');
      expect((await employer.get('/api/backoffice/content/branding')).statusCode).toBe(403);
      expect((await upload(manager, { name: 'logo.png', bytes: PNG })).statusCode).toBe(403);
    });

    it('takes a PNG or JPEG logo, served with a new address each time, and removes it', async () => {
      const png = await upload(admin, { name: 'logo.png', bytes: PNG });
      expect(png.statusCode, png.body).toBe(200);
      const first = png.json<BrandingSettings>().logo;
      expect(first).toMatchObject({ mimeType: 'image/png', size: PNG.length });
      const pub = (await newBrowser().get('/api/branding')).json<{ logoUrl: string }>();
      expect(pub.logoUrl).toBe(first?.url);
      const image = await t.app.inject(pub.logoUrl);
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/png');
      expect(image.headers['x-content-type-options']).toBe('nosniff');
      expect(image.rawPayload.equals(PNG)).toBe(true);

      // Disguised as a PNG but a JPEG: the type comes from the bytes.
      const jpeg = await upload(admin, { name: 'logo.png', bytes: JPEG });
      expect(jpeg.statusCode).toBe(200);
      const second = jpeg.json<BrandingSettings>().logo;
      expect(second?.mimeType).toBe('image/jpeg');
      expect(second?.url).not.toBe(first?.url);
      const files = await t.ctx.db
        .selectFrom('stored_files')
        .select(['id', 'original_name', 'storage_key'])
        .where('owner_kind', '=', 'branding')
        .execute();
      expect(files).toHaveLength(1);
      // Named and stored after the type of its bytes, not the name it came with.
      expect(files[0]!.original_name).toBe('logo.jpg');
      expect(files[0]!.storage_key).toMatch(/\.jpg$/);

      const removed = await admin.delete('/api/backoffice/content/branding/logo');
      expect(removed.statusCode).toBe(200);
      expect(removed.json<BrandingSettings>().logo).toBeNull();
      expect((await newBrowser().get('/api/branding')).json()).toMatchObject({ logoUrl: null });
      expect((await admin.delete('/api/backoffice/content/branding/logo')).statusCode).toBe(404);
    });

    it('refuses an SVG, a disguised file and a logo over 500 kB', async () => {
      const svg = await upload(admin, { name: 'logo.svg', bytes: SVG, type: 'image/svg+xml' });
      expect(svg.statusCode).toBe(400);
      expect(svg.json<ErrorBody>().error.code).toBe('logo_file_type');
      const exe = await upload(admin, {
        name: 'logo.png',
        bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]),
      });
      expect(exe.statusCode).toBe(400);
      expect(exe.json<ErrorBody>().error.fields?.file).toMatch(/PNG ou JPEG/);
      const big = await upload(admin, {
        name: 'logo.png',
        bytes: Buffer.concat([PNG, Buffer.alloc(500 * 1024)]),
      });
      expect(big.statusCode).toBe(400);
      expect(big.json<ErrorBody>().error.code).toBe('logo_too_large');
      const stored = await t.ctx.db
        .selectFrom('stored_files')
        .select('id')
        .where('owner_kind', '=', 'branding')
        .execute();
      expect(stored).toHaveLength(0);
    });
  });

  describe('terms of use', () => {
    it('lists the versions with their acceptances; drafts, then publication by an administrator', async () => {
      const list = await manager.get('/api/backoffice/content/terms');
      expect(list.statusCode).toBe(200);
      const [current] = list.json<TermsVersions>().versions;
      expect(current).toMatchObject({ version: '2026-01', current: true, acceptances: 1 });

      const draft = await manager.post('/api/backoffice/content/terms', {
        version: '2026-06',
        title: 'Conditions générales d’utilisation',
        contentMarkdown: '## Article 1\n\nTexte mis à jour.',
      });
      expect(draft.statusCode, draft.body).toBe(201);
      const id = draft.json<{ id: string }>().id;
      expect(draft.json()).toMatchObject({ publishedAt: null, current: false, acceptances: 0 });

      const taken = await manager.post('/api/backoffice/content/terms', {
        version: '2026-06',
        title: 'Autre',
        contentMarkdown: 'Texte.',
      });
      expect(taken.statusCode).toBe(400);
      expect(taken.json<ErrorBody>().error.fields?.version).toMatch(/existe déjà/);
      const empty = await manager.post('/api/backoffice/content/terms', {
        version: '',
        title: '',
        contentMarkdown: '',
      });
      expect(Object.keys(empty.json<ErrorBody>().error.fields ?? {}).sort()).toEqual([
        'contentMarkdown',
        'title',
        'version',
      ]);

      // Still the old version in force until publication.
      expect((await employer.get('/api/dashboard')).statusCode).toBe(200);

      expect((await manager.post(`/api/backoffice/content/terms/${id}/publish`)).statusCode).toBe(
        403,
      );
      const published = await admin.post(`/api/backoffice/content/terms/${id}/publish`);
      expect(published.statusCode).toBe(200);
      expect(published.json()).toMatchObject({ current: true });
      expect((await admin.post(`/api/backoffice/content/terms/${id}/publish`)).statusCode).toBe(
        409,
      );
      const versions = (await admin.get('/api/backoffice/content/terms')).json<TermsVersions>();
      expect(versions.versions.map((v) => [v.version, v.current])).toEqual([
        ['2026-06', true],
        ['2026-01', false],
      ]);
      const current2 = await newBrowser().get('/api/auth/terms/current');
      expect(current2.json()).toMatchObject({ version: '2026-06' });
    });

    it('makes the employer user accept the new version before using the employer API', async () => {
      // The session open before the publication is stopped too.
      const blocked = await employer.get('/api/dashboard');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json<ErrorBody>().error.code).toBe('terms_acceptance_required');

      // At the next sign-in: the session opens, the step « Conditions d'utilisation mises à jour ».
      const b = newBrowser();
      const signedIn = await signInAs(b, t.ctx, employerUser);
      expect(signedIn.json()).toMatchObject({ status: 'signed_in' });
      expect((await b.get('/api/auth/me')).statusCode).toBe(200);
      expect((await b.get('/api/dashboard')).statusCode).toBe(403);
      const pending = await b.get('/api/auth/terms/pending');
      expect(pending.statusCode).toBe(200);
      const terms = pending.json<{ terms: { id: string; version: string } | null }>().terms;
      expect(terms?.version).toBe('2026-06');

      const stale = await b.post('/api/auth/terms/accept', { termsVersionId: 'ancienne' });
      expect(stale.statusCode).toBe(409);
      const accepted = await b.post('/api/auth/terms/accept', { termsVersionId: terms?.id });
      expect(accepted.statusCode).toBe(200);
      expect(
        (await b.post('/api/auth/terms/accept', { termsVersionId: terms?.id })).statusCode,
      ).toBe(200);
      expect((await b.get('/api/auth/terms/pending')).json()).toEqual({ terms: null });
      expect((await b.get('/api/dashboard')).statusCode).toBe(200);
      expect((await employer.get('/api/dashboard')).statusCode).toBe(200);

      const rows = await t.ctx.db
        .selectFrom('terms_acceptances')
        .select(['terms_version_id', 'ip'])
        .where('user_id', '=', employerUser.id)
        .execute();
      expect(rows.map((r) => r.terms_version_id)).toContain(terms?.id);
      expect(rows).toHaveLength(2);
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'auth.terms_accepted')
        .execute();
      expect(audit.map((a) => JSON.parse(a.details ?? '{}') as unknown)).toEqual([
        { termsVersion: '2026-06' },
      ]);
      const list = (await admin.get('/api/backoffice/content/terms')).json<TermsVersions>();
      expect(list.versions[0]).toMatchObject({ version: '2026-06', acceptances: 1 });
    });

    it('answers 404 for an unknown version', async () => {
      const res = await admin.post('/api/backoffice/content/terms/inconnue/publish');
      expect(res.statusCode).toBe(404);
    });
  });

  describe('« Conseils et astuces »', () => {
    it('adds, edits, orders and deletes tips; the home page shows the published ones in order', async () => {
      const add = async (title: string, extra: Record<string, unknown> = {}) => {
        const res = await manager.post('/api/backoffice/content/tips', {
          title,
          body: `Texte de ${title}.`,
          ...extra,
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json<Tip>();
      };
      const a = await add('Astuce A', { published: true });
      const b = await add('Astuce B', { published: true });
      const c = await add('Astuce C');
      expect([a.position, b.position, c.position]).toEqual([1, 2, 3]);
      expect(c.published).toBe(false);

      const moved = await manager.patch(`/api/backoffice/content/tips/${b.id}`, { position: 0 });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ title: 'Astuce B', position: 0, published: true });

      const home = async () =>
        (await employer.get('/api/dashboard')).json<{ tips: { title: string }[] }>().tips;
      expect((await home()).map((x) => x.title)).toEqual(['Astuce B', 'Astuce A']);

      await manager.patch(`/api/backoffice/content/tips/${c.id}`, {
        published: true,
        title: 'Astuce C modifiée',
      });
      await manager.patch(`/api/backoffice/content/tips/${a.id}`, { published: false });
      expect((await home()).map((x) => x.title)).toEqual(['Astuce B', 'Astuce C modifiée']);

      const bad = await manager.patch(`/api/backoffice/content/tips/${a.id}`, {
        title: '',
        position: -1,
      });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json<ErrorBody>().error.fields ?? {}).sort()).toEqual([
        'position',
        'title',
      ]);

      expect((await manager.delete(`/api/backoffice/content/tips/${b.id}`)).statusCode).toBe(200);
      expect((await manager.delete(`/api/backoffice/content/tips/${b.id}`)).statusCode).toBe(404);
      expect(
        (await manager.patch(`/api/backoffice/content/tips/${b.id}`, { title: 'x' })).statusCode,
      ).toBe(404);
      const list = (await manager.get('/api/backoffice/content/tips')).json<{ tips: Tip[] }>();
      expect(list.tips.map((x) => x.title)).toEqual(['Astuce A', 'Astuce C modifiée']);
      expect(await home()).toHaveLength(1);

      const actions = await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'content.tip_%')
        .execute();
      expect(actions.length).toBe(3 + 3 + 1);
      expect(
        (await employer.post('/api/backoffice/content/tips', { title: 'x', body: 'y' })).statusCode,
      ).toBe(403);
    });
  });
});
