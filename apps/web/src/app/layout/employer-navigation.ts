import { canOnAnyCompany, type Permission } from '@affilia/shared/domain/permissions';
import type { CompanyRole } from '@affilia/shared/domain/enums';
import { paths } from '../../config/paths';

export interface NavItem {
  label: string;
  to: (typeof paths)[keyof typeof paths];
  /** Shown only to users whose role on at least one company grants this permission. */
  permission?: Permission;
}

/** The employer header's links (SPEC §5), shared by the desktop bar and the mobile drawer. */
export const employerNavigation = {
  main: [
    { label: 'Mes salariés', to: paths.members },
    { label: 'Dispenses', to: paths.dispenses, permission: 'affiliations.manage' },
    { label: 'Mes documents pratiques', to: paths.documents },
    { label: 'Mes habilitations', to: paths.users, permission: 'users.manage' },
  ],
  procedures: {
    label: 'Mes démarches',
    items: [
      { label: 'Pré-affiliation', to: paths.preAffiliation },
      { label: 'Suivi des demandes', to: paths.affiliations },
      { label: 'Nous contacter', to: paths.messages },
    ],
  },
} satisfies { main: NavItem[]; procedures: { label: string; items: NavItem[] } };

/** The links a user may see, from their roles (« Mes habilitations » for administrators). */
export function visibleItems<Item extends NavItem>(
  items: readonly Item[],
  companies: readonly { role: CompanyRole }[],
): Item[] {
  return items.filter((item) => !item.permission || canOnAnyCompany(companies, item.permission));
}

/** The back office's links. */
export const backOfficeNavigation = [
  { label: 'Accueil', to: paths.backOffice },
  { label: 'Affiliations', to: paths.backOfficeAffiliations },
  { label: 'Radiations', to: paths.backOfficeRadiations },
  { label: 'Dispenses', to: paths.backOfficeDispenses },
  { label: 'Changements', to: paths.backOfficeMemberChanges },
  { label: 'Messages', to: paths.backOfficeMessages },
  { label: 'Documents', to: paths.backOfficeDocuments },
  { label: 'Référentiel', to: paths.backOfficeReferenceData },
  { label: 'Contenus', to: paths.backOfficeContent },
  { label: 'Équipe', to: paths.backOfficeStaff },
  { label: 'Audit', to: paths.backOfficeAudit },
] satisfies NavItem[];
