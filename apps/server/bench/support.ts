/**
 * What the benchmarks share: a free port, and the demo administrator signed in without an SMS
 * (a trusted device written in the database, as a second visit from a known browser would be).
 */
import Database from 'better-sqlite3';
import { DEMO_ACCOUNTS } from '../src/db/seed/demo-accounts';
import { newId } from '../src/lib/ids';
import { hashToken, newSecretToken } from '../src/lib/tokens';
import { DEVICE_COOKIE, SESSION_COOKIE } from '../src/modules/auth/cookies';

export { freePort } from '../test/free-port';

function demoAdmin() {
  const account = DEMO_ACCOUNTS.find((a) => a.key === 'employerAdmin');
  if (!account) throw new Error('no demo administrator');
  return account;
}

/** Marks this machine as a known browser of the demo administrator; returns the device token. */
export function trustDemoAdminDevice(dbPath: string): string {
  const db = new Database(dbPath);
  try {
    const user = db.prepare('select id from users where email = ?').get(demoAdmin().email) as
      { id: string } | undefined;
    if (!user) throw new Error(`no demo administrator in ${dbPath}`);
    const token = newSecretToken();
    const now = new Date();
    db.prepare(
      `insert into trusted_devices (id, user_id, device_token_hash, user_agent, last_ip, last_seen_at, created_at, expires_at, revoked_at)
       values (?, ?, ?, 'bench', '127.0.0.1', ?, ?, ?, null)`,
    ).run(
      newId(),
      user.id,
      hashToken(token),
      now.toISOString(),
      now.toISOString(),
      new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    );
    return token;
  } finally {
    db.close();
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
