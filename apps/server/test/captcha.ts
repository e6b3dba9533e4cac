import type { FastifyInstance } from 'fastify';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';

/** Does what the widget does: fetches a challenge, solves it, returns the base64 payload. */
export async function solveCaptcha(app: FastifyInstance): Promise<string> {
  const challenge = (await app.inject('/api/captcha/challenge')).json<Challenge>();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('captcha not solved');
  const { codeChallenge: _omit, ...rest } = challenge as Challenge & { codeChallenge?: unknown };
  return Buffer.from(JSON.stringify({ challenge: rest, solution })).toString('base64');
}
