import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, redactUrl, RequestLogController } from './logger';

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
    const app = Fastify({ loggerInstance: log, logController: new RequestLogController() });
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
      req.log.error(
        {
          err: Object.assign(new Error('failed'), {
            token: 'err-token-value',
            detail: { iban: 'FR76err' },
          }),
        },
        'error fields',
      );
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
      'err-token-value',
      'FR76err',
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('[REDACTED]');
  });

  it('hold one line per request, written when it is answered: method, masked URL, status, duration', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        cb();
      },
    });
    const log = pino({ ...(loggerOptions({ logLevel: 'warn' }) as pino.LoggerOptions) }, stream);
    const app = Fastify({ loggerInstance: log, logController: new RequestLogController() });
    app.get('/api/ok', () => ({ ok: true }));
    app.get('/api/broken', () => {
      throw new Error('broken');
    });
    await app.inject('/api/ok');
    expect(lines).toEqual([]); // `info`: below the level
    log.level = 'info';
    await app.inject({ url: '/api/ok?q=Dupont', headers: { 'user-agent': 'test' } });
    await app.inject('/api/broken');
    await app.close();
    const requests = lines.filter((l) => String(l.msg).startsWith('request'));
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      level: 30,
      msg: 'request',
      req: { method: 'GET', url: '/api/ok?[REDACTED]', userAgent: 'test' },
      statusCode: 200,
    });
    expect(typeof requests[0]?.ms).toBe('number');
    expect(requests[1]).toMatchObject({ level: 50, msg: 'request failed', statusCode: 500 });
  });

  it('masks long opaque URL segments and query strings', () => {
    expect(redactUrl('/api/members/7d3f0c2e-1b2a-4c3d-9e8f-0a1b2c3d4e5f')).toBe(
      '/api/members/[REDACTED]',
    );
    expect(redactUrl('/api/health')).toBe('/api/health');
    expect(redactUrl('/api/x?q=1')).toBe('/api/x?[REDACTED]');
  });
});
