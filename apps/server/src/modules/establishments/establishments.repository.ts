import { sql, type Kysely } from 'kysely';
import type { PerimeterEstablishment } from '@affilia/shared/schemas/establishments';
import type { CompanyRole, Database, Establishment } from '../../db/schema';
import { inPerimeter, type EmployerActor } from '../../lib/policies';

type Db = Kysely<Database>;

/** Rows per `in (…)` list and per multi-row insert: well within both dialects' limits. */
const CHUNK = 500;

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const establishmentColumns = [
  'e.id',
  'e.siret',
  'e.name',
  'e.address_line1',
  'e.address_line2',
  'e.postal_code',
  'e.city',
  'c.id as company_id',
  'c.name as company_name',
  'c.siren as company_siren',
] as const;

type EstablishmentRow = Pick<
  Establishment,
  'id' | 'siret' | 'name' | 'address_line1' | 'address_line2' | 'postal_code' | 'city'
> & { company_id: string; company_name: string; company_siren: string };

export function toPerimeterEstablishment(row: EstablishmentRow): PerimeterEstablishment {
  return {
    id: row.id,
    siret: row.siret,
    name: row.name,
    addressLine1: row.address_line1,
    addressLine2: row.address_line2,
    postalCode: row.postal_code,
    city: row.city,
    company: { id: row.company_id, name: row.company_name, siren: row.company_siren },
  };
}

/** The establishments of the actor's perimeter, by company name then establishment name. */
export async function listPerimeterEstablishments(
  db: Db,
  actor: EmployerActor,
): Promise<PerimeterEstablishment[]> {
  const rows = await db
    .selectFrom('establishments as e')
    .innerJoin('companies as c', 'c.id', 'e.company_id')
    .select(establishmentColumns)
    .where((eb) =>
      inPerimeter(eb, actor, 'company.view', { establishment: 'e.id', company: 'e.company_id' }),
    )
    .orderBy('c.name')
    .orderBy('c.id')
    .orderBy('e.name')
    .orderBy('e.siret')
    .execute();
  return rows.map(toPerimeterEstablishment);
}

export interface EstablishmentWithProof extends EstablishmentRow {
  /** The insurer's « code identifiant »: compared, never sent to the client. */
  insurer_identifier: string;
}

/** The establishments with these SIRETs (any company: the caller checks the identifier). */
export async function findEstablishmentsBySiret(
  db: Db,
  sirets: readonly string[],
): Promise<Map<string, EstablishmentWithProof>> {
  const out = new Map<string, EstablishmentWithProof>();
  for (const part of chunks(sirets)) {
    const rows = await db
      .selectFrom('establishments as e')
      .innerJoin('companies as c', 'c.id', 'e.company_id')
      .select([...establishmentColumns, 'e.insurer_identifier'])
      .where('e.siret', 'in', part)
      .execute();
    for (const r of rows) out.set(r.siret, r);
  }
  return out;
}

export interface StoredGrant {
  role: CompanyRole;
  allEstablishments: boolean;
}

/** The user's roles as the database holds them now (read again inside a transaction). */
export async function loadGrants(db: Db, userId: string): Promise<Map<string, StoredGrant>> {
  const rows = await db
    .selectFrom('user_company_roles')
    .select(['company_id', 'role', 'all_establishments'])
    .where('user_id', '=', userId)
    .execute();
  return new Map(
    rows.map((r) => [
      r.company_id,
      { role: r.role, allEstablishments: r.all_establishments === 1 },
    ]),
  );
}

/** Among `establishmentIds`, those listed for the user in `user_establishments`. */
export async function followedAmong(
  db: Db,
  userId: string,
  establishmentIds: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(establishmentIds)) {
    const rows = await db
      .selectFrom('user_establishments')
      .select('establishment_id')
      .where('user_id', '=', userId)
      .where('establishment_id', 'in', part)
      .execute();
    for (const r of rows) out.add(r.establishment_id);
  }
  return out;
}

/**
 * Locks these companies' rows until the transaction ends (PostgreSQL; SQLite runs one writer at a
 * time), so that two users cannot both become the first administrator of the same company.
 */
export async function lockCompanies(db: Db, companyIds: readonly string[]): Promise<void> {
  for (const part of chunks(companyIds)) {
    await db
      .updateTable('companies')
      .set({ updated_at: sql<string>`updated_at` })
      .where('id', 'in', part)
      .execute();
  }
}

/** Among `companyIds`, those that have an active administrator. */
export async function companiesWithActiveAdmin(
  db: Db,
  companyIds: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(companyIds)) {
    const rows = await db
      .selectFrom('user_company_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select('r.company_id')
      .distinct()
      .where('r.company_id', 'in', part)
      .where('r.role', '=', 'admin')
      .where('u.status', '=', 'active')
      .execute();
    for (const r of rows) out.add(r.company_id);
  }
  return out;
}

export async function insertAdminRoles(
  db: Db,
  rows: { id: string; userId: string; companyId: string; at: string }[],
): Promise<void> {
  for (const part of chunks(rows)) {
    await db
      .insertInto('user_company_roles')
      .values(
        part.map((r) => ({
          id: r.id,
          user_id: r.userId,
          company_id: r.companyId,
          role: 'admin' as const,
          all_establishments: 1 as const,
          granted_by: null,
          created_at: r.at,
          updated_at: r.at,
        })),
      )
      .execute();
  }
}

export async function insertFollowedEstablishments(
  db: Db,
  userId: string,
  establishmentIds: readonly string[],
  at: string,
): Promise<void> {
  for (const part of chunks(establishmentIds)) {
    await db
      .insertInto('user_establishments')
      .values(
        part.map((id) => ({
          user_id: userId,
          establishment_id: id,
          added_by_user_id: userId,
          created_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['user_id', 'establishment_id']).doNothing())
      .execute();
  }
}

export const IMPORT_REPORT_OWNER_KIND = 'establishment_import_report';

/** The stored report of an import, only for the user who imported the file. */
export async function findImportReport(db: Db, userId: string, reportId: string) {
  return db
    .selectFrom('stored_files')
    .select(['id', 'storage_key', 'original_name'])
    .where('id', '=', reportId)
    .where('owner_kind', '=', IMPORT_REPORT_OWNER_KIND)
    .where('owner_id', '=', userId)
    .executeTakeFirst();
}

/** Adds `n` to a fixed-window counter of `rate_limits` (the windows of lib/rate-limit.ts). */
export async function addToCounter(
  db: Db,
  key: string,
  n: number,
  windowStart: string,
): Promise<void> {
  if (n <= 0) return;
  await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, count: n })
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + ${n}` }),
    )
    .execute();
}
