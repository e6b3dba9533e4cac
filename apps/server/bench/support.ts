/**
 * What the benchmarks share: a free port, and the demo administrator signed in without an SMS
 * (a trusted device written in the database, as a second visit from a known browser would be).
 */
import { openDatabase } from '../src/db/database';
import { DEMO_ACCOUNTS } from '../src/db/seed/demo-accounts';
import { newId } from '../src/lib/ids';
import { hashToken, newSecretToken } from '../src/lib/tokens';
import { insertTrustedDevice } from '../src/modules/auth/auth.repository';
import { findAccountByEmail } from '../src/modules/users/users.repository';
import { DEVICE_COOKIE, SESSION_COOKIE } from '../src/modules/auth/cookies';

export { freePort } from '../test/free-port';

function demoAdmin() {
  const account = DEMO_ACCOUNTS.find((a) => a.key === 'employerAdmin');
  if (!account) throw new Error('no demo administrator');
  return account;
}

/**
 * Marks this machine as a known browser of the demo administrator, in the database at
 * `databaseUrl` (SQLite or PostgreSQL, through the application's repositories); returns the
 * device token.
 */
export async function trustDemoAdminDevice(databaseUrl: string): Promise<string> {
  const { db, close } = openDatabase(databaseUrl);
  try {
    const user = await findAccountByEmail(db, demoAdmin().email);
    if (!user) throw new Error(`no demo administrator in ${databaseUrl}`);
    const token = newSecretToken();
    const now = new Date();
    await insertTrustedDevice(db, {
      id: newId(),
      user_id: user.id,
      device_token_hash: hashToken(token),
      user_agent: 'bench',
      last_ip: '127.0.0.1',
      last_seen_at: now.toISOString(),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
      revoked_at: null,
    });
    return token;
  } finally {
    await close();
  }
}

/** Signs in as the demo administrator from that device; returns the session cookie's value. */
export async function signInDemoAdmin(base: string, deviceToken: string): Promise<string> {
  const account = demoAdmin();
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-requested-with': 'affilia',
      cookie: `${DEVICE_COOKIE}=${deviceToken}`,
    },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const body = (await res.json()) as { status?: string };
  if (!res.ok || body.status !== 'signed_in') {
    throw new Error(`sign-in: ${res.status} ${JSON.stringify(body)}`);
  }
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error('no session cookie');
  return session.slice(SESSION_COOKIE.length + 1);
}
