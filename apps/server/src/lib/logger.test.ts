import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, redactUrl } from './logger';

describe('logs', () => {
  it('never contain passwords, codes, tokens, NIR or IBAN', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const log = pino({ ...(loggerOptions({ logLevel: 'info' }) as pino.LoggerOptions) }, stream);
    const app = Fastify({ loggerInstance: log });
    app.post('/api/enrolment/:token', (req) => {
      req.log.info(
        {
          password: 'Tr0ub4dor&3-horse',
          nir: '184127512345678',
          iban: 'FR7630006000011234567890189',
        },
        'object fields',
      );
      req.log.info(
        { user: { password: 'nested-secret-pw', totpSecret: 'JBSWY3DPEHPK3PXP' } },
        'nested',
      );
      req.log.info({ code: '482913' }, 'code sent');
      return { ok: true };
    });
    await app.inject({
      method: 'POST',
      url: '/api/enrolment/QmFzZTY0VG9rZW5WYWx1ZUhlcmUxMjM0NTY3ODkw?birth=1990-01-01',
      headers: {
        cookie: '__Host-affilia_session=s3cr3t-session-id',
        authorization: 'Bearer abc.def',
      },
      payload: { password: 'body-password' },
    });
    await app.close();
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const secret of [
      'Tr0ub4dor&3-horse',
      '184127512345678',
      'FR7630006000011234567890189',
      'nested-secret-pw',
      'JBSWY3DPEHPK3PXP',
      '482913',
      's3cr3t-session-id',
      'Bearer abc.def',
      'QmFzZTY0VG9rZW5WYWx1ZUhlcmUxMjM0NTY3ODkw',
      '1990-01-01',
      'body-password',
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('[REDACTED]');
  });

  it('masks long opaque URL segments and query strings', () => {
    expect(redactUrl('/api/members/7d3f0c2e-1b2a-4c3d-9e8f-0a1b2c3d4e5f')).toBe(
      '/api/members/[REDACTED]',
    );
    expect(redactUrl('/api/health')).toBe('/api/health');
    expect(redactUrl('/api/x?q=1')).toBe('/api/x?[REDACTED]');
  });
});
