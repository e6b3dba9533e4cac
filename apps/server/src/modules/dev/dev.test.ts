import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helper';
import { seedDemoIfEmpty } from '../../db/seed/demo';
import { enqueueSms } from '../../lib/outbox/outbox';
import { getBranding } from '../settings/settings.service';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoIfEmpty({
    db: t.ctx.db,
    cipher: t.ctx.cipher,
    storage: t.ctx.storage,
    now: t.clock.now(),
    branding: await getBranding(t.ctx),
  });
});
afterAll(() => t.close());

describe('development routes', () => {
  it('GET /api/dev/demo lists the demo accounts and the activation numbers', async () => {
    const res = await t.app.inject('/api/dev/demo');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      accounts: { role: string; email: string; password: string }[];
      activation: { siret: string; companyIdentifier: string; company: string }[];
    }>();
    expect(body.accounts.map((a) => a.email)).toEqual(
      expect.arrayContaining(['admin@demo.affilia.test', 'gestionnaire@demo.affilia.test']),
    );
    expect(body.accounts.every((a) => a.password.length >= 12)).toBe(true);
    expect(body.activation).toHaveLength(3);
    for (const a of body.activation) {
      expect(a.siret).toMatch(/^\d{14}$/);
      expect(a.companyIdentifier).not.toBe('');
    }
  });

  it('GET /api/dev/outbox shows recorded messages newest first', async () => {
    await enqueueSms(t.ctx.db, {
      to: '+33612345678',
      template: 'sign_in_code',
      data: { code: '112233', brandName: 'Mutuelle Horizon Prévoyance' },
      now: t.clock.now(),
    });
    const res = await t.app.inject('/api/dev/outbox');
    const { messages } = res.json<{
      messages: { channel: string; to: string; text: string; createdAt: string }[];
    }>();
    expect(messages[0]).toMatchObject({
      channel: 'sms',
      to: '+33612345678',
      text: expect.stringContaining('112233'),
    });
  });

  it('does not exist in production', async () => {
    const prod = await buildTestApp({
      env: {
        NODE_ENV: 'production',
        DATA_ENCRYPTION_KEY: 'x'.repeat(44),
        SMTP_URL: 'smtp://127.0.0.1:2525',
        SMS_PROVIDER: 'brevo',
        SMS_API_KEY: 'test-key',
      },
    });
    expect((await prod.app.inject('/api/dev/outbox')).statusCode).toBe(404);
    expect((await prod.app.inject('/api/dev/demo')).statusCode).toBe(404);
    const docs = await prod.app.inject('/api/docs/json');
    expect(Object.keys(docs.json<{ paths: object }>().paths)).not.toContain('/api/dev/outbox');
    await prod.close();
  });
});

describe('branding', () => {
  it('serves the seeded insurer branding and its logo safely', async () => {
    const branding = (await t.app.inject('/api/branding')).json<{
      brandName: string;
      logoUrl: string | null;
    }>();
    expect(branding.brandName).toBe('Mutuelle Horizon Prévoyance');
    expect(branding.logoUrl).toMatch(/^\/api\/branding\/logo\?v=/);
    const logo = await t.app.inject('/api/branding/logo');
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toContain('image/svg+xml');
    expect(logo.headers['content-security-policy']).toContain('sandbox');
    expect(logo.body).toContain('<svg');
  });

  it('caches the logo at its versioned address for a year, and revalidates it by its ETag elsewhere', async () => {
    const { logoUrl } = (await t.app.inject('/api/branding')).json<{ logoUrl: string }>();
    const versioned = await t.app.inject(logoUrl);
    expect(versioned.statusCode).toBe(200);
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const etag = String(versioned.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);

    const bare = await t.app.inject('/api/branding/logo?v=ancienne');
    expect(bare.headers['cache-control']).toBe('no-cache');
    expect(bare.headers.etag).toBe(etag);

    const again = await t.app.inject({
      url: '/api/branding/logo',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
  });
});
