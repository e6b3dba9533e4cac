/**
 * Permission names of the employer space, shared by the server (apps/server/src/lib/policies.ts
 * enforces them) and the web app (which shows or hides actions with them).
 *
 * A role is held per company; a permission is therefore always checked against one company.
 */
import type { CompanyRole } from './enums';

export const PERMISSIONS = [
  /** See the company, its establishments in the perimeter, its contracts. */
  'company.view',
  /** « Mes salariés »: list, detail, export. */
  'members.view',
  /** « Pré-affiliation » and « Suivi des demandes d'affiliation ». */
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
