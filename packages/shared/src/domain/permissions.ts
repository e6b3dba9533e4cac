/**
 * Permission names of the employer space and of the back office, in one place: shared by the
 * server (apps/server/src/lib/policies.ts and the route scopes enforce them) and the web app
 * (which shows or hides actions with them).
 *
 * An employer role is held per company; an employer permission is therefore always checked
 * against one company. A staff role holds for every company.
 */
import type { CompanyRole, StaffRole } from './enums';

export const PERMISSIONS = [
  /** See the company, its establishments in the perimeter, its contracts. */
  'company.view',
  /** « Mes salariés »: list, detail, export. */
  'members.view',
  /**
   * « Pré-affiliation », « Radier un salarié » and « Suivi des demandes » (every request of a
   * member's working life: affiliations, radiations…).
   */
  'affiliations.manage',
  /** « Mes documents pratiques ». */
  'documents.view',
  /** « Nous contacter » and the messages. */
  'messages.manage',
  /** « Mes habilitations / Gestion des habilitations ». */
  'users.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const USER_PERMISSIONS: readonly Permission[] = [
  'company.view',
  'members.view',
  'affiliations.manage',
  'documents.view',
  'messages.manage',
];

export const ROLE_PERMISSIONS: Record<CompanyRole, readonly Permission[]> = {
  user: USER_PERMISSIONS,
  admin: [...USER_PERMISSIONS, 'users.manage'],
};

/** True when `role` grants `permission`. */
export function roleCan(role: CompanyRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** True when one of the companies' roles grants `permission` (to show a menu entry). */
export function canOnAnyCompany(
  companies: readonly { role: CompanyRole }[],
  permission: Permission,
): boolean {
  return companies.some((c) => roleCan(c.role, permission));
}

/**
 * Permission names of the back office. The insurer's staff act on every company: a staff role
 * grants them whole (« gestionnaire » or back-office administrator). A back-office route names
 * the one it needs (`config.staffPermission`, default `backoffice.work`); the back-office scope
 * checks it (apps/server/src/modules/auth/scopes.ts).
 */
export const STAFF_PERMISSIONS = [
  /** The work of the back office: queues, inbox, documents, reference data, tips, audit log. */
  'backoffice.work',
  /** Staff accounts, branding, terms of use, the audit log's retention. */
  'backoffice.administer',
] as const;
export type StaffPermission = (typeof STAFF_PERMISSIONS)[number];

export const STAFF_ROLE_PERMISSIONS: Record<StaffRole, readonly StaffPermission[]> = {
  manager: ['backoffice.work'],
  admin: ['backoffice.work', 'backoffice.administer'],
};

/** True when the staff `role` grants `permission`. */
export function staffCan(role: StaffRole, permission: StaffPermission): boolean {
  return STAFF_ROLE_PERMISSIONS[role].includes(permission);
}
