import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { run } from './staff.cli';

describe('npm run cli -- create-staff', () => {
  let database: TestDatabase;
  let tmp: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    database = await createTestDatabase();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-cli-'));
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      FILE_STORAGE_DIR: tmp,
      DATA_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
      PUBLIC_URL: 'https://portail.assureur.fr/',
    };
  });
  afterAll(async () => {
    await database.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(argv, {
      env,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('creates the first administrator and prints the password-creation link', async () => {
    const res = await cli('--email', ' Alice.Martin@Assureur.fr', '--name', 'Alice  Martin');
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain('Administrateur back-office');
    const link = /(https:\/\/\S+)/.exec(res.out)?.[1] ?? '';
    expect(link).toMatch(/^https:\/\/portail\.assureur\.fr\/creer-mot-de-passe\/[\w-]{30,}$/);

    const db = database.handle.db;
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'alice.martin@assureur.fr')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      kind: 'staff',
      staff_role: 'admin',
      status: 'invited',
      first_name: 'Alice',
      last_name: 'Martin',
      mobile_phone: null,
      password_hash: null,
    });
    // The same link is emailed; the command-line creation is audited.
    const mail = await db
      .selectFrom('outbox')
      .select('body_text')
      .where('recipient', '=', 'alice.martin@assureur.fr')
      .executeTakeFirstOrThrow();
    expect(mail.body_text).toContain(link);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind'])
      .where('target_id', '=', user.id)
      .execute();
    expect(audit).toEqual([{ action: 'staff.invited', actor_kind: 'system' }]);
  });

  it('creates a « gestionnaire » with a mobile', async () => {
    const res = await cli(
      '--email',
      'gaston@assureur.fr',
      '--name',
      'Gaston Le Gall',
      '--role',
      'manager',
      '--mobile',
      '06 12 34 56 78',
    );
    expect(res.code).toBe(0);
    expect(res.out).toContain('Gestionnaire');
    const user = await database.handle.db
      .selectFrom('users')
      .select(['staff_role', 'last_name', 'mobile_phone'])
      .where('email', '=', 'gaston@assureur.fr')
      .executeTakeFirstOrThrow();
    expect(user).toEqual({
      staff_role: 'manager',
      last_name: 'Le Gall',
      mobile_phone: '+33612345678',
    });
  });

  it('refuses a used address, a bad email, a single name, a bad role (exit code 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['--email', 'alice.martin@assureur.fr', '--name', 'Alice Autre'], /déjà utilisée/],
      [['--email', 'pas-une-adresse', '--name', 'Alice Martin'], /adresse e-mail valide/],
      [['--email', 'x@assureur.fr', '--name', 'Alice'], /prénom et le nom/],
      [['--email', 'x@assureur.fr', '--name', 'A B', '--role', 'chef'], /rôle/],
      [['--email', 'x@assureur.fr'], /--name/],
      [['--email', 'x@assureur.fr', '--name', 'A B', '--password', 'x'], /Option inconnue/],
    ];
    for (const [argv, message] of cases) {
      const res = await cli(...argv);
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.err).toMatch(message);
      expect(res.out).toBe('');
    }
    const count = await database.handle.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });
});
