/**
 * `npm run cli -- create-staff --email <email> --name "<Prénom Nom>" [--role admin|manager]
 *  [--mobile <+336…>]`: creates a back-office account (« invité ») and prints its
 * password-creation link, valid 72 hours (the same link is also emailed, when the server's
 * outbox sends mail). The first back-office administrator of a new deployment is created this
 * way; the role is « admin » unless `--role manager` is given.
 *
 * Without `--mobile`, the person gives their mobile number at their first sign-in, before the
 * SMS code of the second factor is sent.
 *
 * The database is the server's (DATABASE_URL, migrated if needed), the link starts with
 * PUBLIC_URL. Exit code: 0 when created, 2 on a usage error, an invalid field or an address
 * already used. Nothing secret is printed but the link itself.
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { InviteStaffRequestSchema } from '@affilia/shared/schemas/staff';
import { STAFF_ROLE_LABELS } from '@affilia/shared/domain/enums';
import { createRuntime } from '../../bootstrap';
import { loadConfig } from '../../config';
import { AppError } from '../../lib/errors';
import { cliActor, inviteStaff } from './staff.service';

const USAGE =
  'Usage : npm run cli -- create-staff --email <adresse> --name "<Prénom Nom>" [--role admin|manager] [--mobile <+336…>]';

export interface StaffCliOptions {
  /** The environment to read the configuration from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const FIELD_LABELS: Record<string, string> = {
  email: '--email',
  firstName: '--name (prénom)',
  lastName: '--name (nom)',
  role: '--role',
  mobilePhone: '--mobile',
};

/** Parses the arguments into the API's request, or a French error. */
function parse(argv: string[]) {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        mobile: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch {
    return { error: `Option inconnue ou incomplète.\n${USAGE}` };
  }
  if (values.help) return { help: true as const };
  const email = typeof values.email === 'string' ? values.email : undefined;
  const name = typeof values.name === 'string' ? values.name.trim() : '';
  if (!email || !name) return { error: `Indiquez --email et --name.\n${USAGE}` };
  const [firstName = '', ...rest] = name.split(/\s+/);
  if (rest.length === 0) {
    return { error: 'Indiquez le prénom et le nom : --name "Prénom Nom".' };
  }
  const role = typeof values.role === 'string' ? values.role : 'admin';
  if (role !== 'admin' && role !== 'manager') {
    return { error: 'Le rôle doit être « admin » (administrateur) ou « manager » (gestionnaire).' };
  }
  const parsed = InviteStaffRequestSchema.safeParse({
    firstName,
    lastName: rest.join(' '),
    email,
    mobilePhone: typeof values.mobile === 'string' ? values.mobile : null,
    role,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `${FIELD_LABELS[String(i.path[0])] ?? String(i.path[0])} : ${i.message}`,
    );
    return { error: lines.join('\n') };
  }
  return { input: parsed.data };
}

/** Command-line entry (see src/cli.ts). */
export async function run(argv: string[], opts: StaffCliOptions = {}): Promise<number> {
  const out = opts.out ?? ((line: string) => console.log(line));
  const err = opts.err ?? ((line: string) => console.error(line));
  const parsed = parse(argv);
  if ('help' in parsed) {
    out(USAGE);
    return 0;
  }
  if ('error' in parsed) {
    err(parsed.error ?? USAGE);
    return 2;
  }
  const config = loadConfig(opts.env ?? process.env);
  const runtime = await createRuntime(config, {
    seed: false,
    log: pino({ level: 'silent' }),
  });
  try {
    const { member, url } = await inviteStaff(runtime.ctx, cliActor, parsed.input);
    out(
      `Compte créé : ${member.firstName} ${member.lastName} <${member.email}>, ${STAFF_ROLE_LABELS[member.role]} (invité).`,
    );
    out('Lien de création du mot de passe (valable 72 heures, à usage unique) :');
    out(url);
    if (!member.mobilePhone) {
      out('Le numéro de mobile sera demandé à la première connexion (code de sécurité par SMS).');
    }
    return 0;
  } catch (e) {
    if (e instanceof AppError && e.statusCode < 500) {
      err(e.message);
      return 2;
    }
    throw e;
  } finally {
    await runtime.close();
  }
}
