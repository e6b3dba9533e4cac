import type { Kysely } from 'kysely';
import type { Me } from '@affilia/shared/schemas/auth';
import { maskPhone } from '@affilia/shared/validators/phone';
import type { Database, User, UserKind } from '../../db/schema';

export function findUserByEmail(db: Kysely<Database>, email: string, kind: UserKind) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .where('kind', '=', kind)
    .executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The signed-in user as the web app sees it, with the companies they hold a role on. */
export async function toMe(db: Kysely<Database>, user: User): Promise<Me> {
  const companies =
    user.kind === 'employer'
      ? await db
          .selectFrom('user_company_roles as r')
          .innerJoin('companies as c', 'c.id', 'r.company_id')
          .select(['c.id', 'c.name', 'c.siren', 'r.role'])
          .where('r.user_id', '=', user.id)
          .orderBy('c.name')
          .execute()
      : [];
  return {
    id: user.id,
    kind: user.kind,
    email: user.email,
    firstName: user.first_name,
    lastName: user.last_name,
    maskedPhone: user.mobile_phone ? maskPhone(user.mobile_phone) : null,
    staffRole: user.staff_role,
    isThirdParty: user.is_third_party === 1,
    thirdPartyFirm: user.third_party_firm,
    secondFactor: user.totp_enabled_at ? 'totp' : 'sms',
    companies,
    lastSignInAt: user.last_sign_in_at,
  };
}
