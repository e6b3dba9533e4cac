import { describe, expect, it } from 'vitest';
import { browser, errorOf, useTestApp } from '../../../test/helper';

/*
 * Sign-in attempts from one IP address in 15 minutes (SIGN_IN_PER_IP_PER_15_MIN, 50 by default;
 * the browser journeys raise it, all their browsers sharing 127.0.0.1). Here 3.
 */
const t = useTestApp({ env: { SIGN_IN_PER_IP_PER_15_MIN: '3' } });

describe('sign-in attempts per IP address', () => {
  it('refuses the attempt over the limit from that address only, for 15 minutes', async () => {
    const attempt = (ip: string) =>
      browser(t.app, { ip }).post('/api/auth/sign-in', {
        email: 'personne@example.test',
        password: 'Pas-le-bon-mot-de-passe-1',
      });
    for (let i = 0; i < 3; i += 1) {
      expect((await attempt('198.51.100.7')).statusCode).not.toBe(429);
    }
    const over = await attempt('198.51.100.7');
    expect(over.statusCode).toBe(429);
    expect(errorOf(over).code).toBe('too_many_attempts');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt('198.51.100.8')).statusCode).not.toBe(429);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await attempt('198.51.100.7')).statusCode).not.toBe(429);
  });
});
