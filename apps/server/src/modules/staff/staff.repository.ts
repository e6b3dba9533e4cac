import type { Kysely } from 'kysely';
import type { StaffListQuery, StaffMember } from '@affilia/shared/schemas/staff';
import { matchesSearch } from '@affilia/shared/validators/search';
import type { Database, User } from '../../db/schema';

/** A staff account as the back office lists it (employer accounts never appear). */
export function toStaffMember(user: User, callerId: string | null): StaffMember {
  return {
    id: user.id,
    firstName: user.first_name,
    lastName: user.last_name,
    email: user.email,
    mobilePhone: user.mobile_phone,
    role: user.staff_role ?? 'manager',
    status: user.status,
    lastSignInAt: user.last_sign_in_at,
    createdAt: user.created_at,
    isSelf: user.id === callerId,
  };
}

/** The staff accounts, filtered by status and by a text found in the names or the email. */
export async function findStaff(
  db: Kysely<Database>,
  filter: StaffListQuery,
  callerId: string | null,
): Promise<StaffMember[]> {
  let q = db.selectFrom('users').selectAll().where('kind', '=', 'staff');
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('last_name').orderBy('first_name').orderBy('id').execute();
  // A few dozen accounts: the text is matched here, by the search rule of every list
  // (@affilia/shared/validators/search), in names or email.
  const text = filter.q ?? '';
  return rows
    .filter((u) => matchesSearch(text, u.first_name, u.last_name, u.email))
    .map((u) => toStaffMember(u, callerId));
}

/** One staff account, or undefined (an employer account's id is unknown here). */
export function findStaffUser(db: Kysely<Database>, id: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('kind', '=', 'staff')
    .executeTakeFirst();
}

/** Active back-office administrators other than `exceptId`. */
export async function countOtherActiveStaffAdmins(
  db: Kysely<Database>,
  exceptId: string,
): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('kind', '=', 'staff')
    .where('staff_role', '=', 'admin')
    .where('status', '=', 'active')
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const count = (row: { n: string | number | bigint } | undefined) => Number(row?.n ?? 0);

/** The counts of the back office's work queues (« Espace assureur »). */
export async function countWorkQueues(db: Kysely<Database>) {
  const [toValidate, paper, messages, drafts, dispenses] = await Promise.all([
    // « À valider »: finalised by the employee.
    db
      .selectFrom('affiliation_requests')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', '=', 'finalised')
      .executeTakeFirst(),
    // « Courriers attendus »: paper BIAs sent or started, not received yet.
    db
      .selectFrom('affiliation_requests')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('mode', '=', 'mail')
      .where('status', 'in', ['sent', 'started'])
      .executeTakeFirst(),
    // Conversations not answered yet: new ones, and open ones with unread employer messages.
    db
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', '!=', 'closed')
      .where((eb) => eb.or([eb('status', '=', 'sent'), eb('staff_unread', '>', 0)]))
      .executeTakeFirst(),
    // Documents not published yet.
    db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', '=', 'draft')
      .executeTakeFirst(),
    // Requests of dispense to check (« À vérifier » of « Dispenses »).
    db
      .selectFrom('dispenses')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', '=', 'requested')
      .executeTakeFirst(),
  ]);
  return {
    toValidate: count(toValidate),
    paper: count(paper),
    messages: count(messages),
    drafts: count(drafts),
    dispenses: count(dispenses),
  };
}
