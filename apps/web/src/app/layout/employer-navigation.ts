import { paths } from '../../config/paths';

export interface NavItem {
  label: string;
  to: (typeof paths)[keyof typeof paths];
  /** Shown only to administrators of at least one company. */
  adminOnly?: boolean;
}

/** The employer header's links (SPEC §5), shared by the desktop bar and the mobile drawer. */
export const employerNavigation = {
  main: [
    { label: 'Mes salariés', to: paths.members },
    { label: 'Mes documents pratiques', to: paths.documents },
    { label: 'Mes habilitations', to: paths.users, adminOnly: true },
  ],
  procedures: {
    label: 'Mes démarches',
    items: [
      { label: 'Pré-affiliation', to: paths.preAffiliation },
      { label: "Suivi des demandes d'affiliation", to: paths.affiliations },
      { label: 'Nous contacter', to: paths.messages },
    ],
  },
} satisfies { main: NavItem[]; procedures: { label: string; items: NavItem[] } };

/** The links a user may see: « Mes habilitations » only for a company administrator. */
export function visibleItems<Item extends NavItem>(
  items: readonly Item[],
  isAdmin: boolean,
): Item[] {
  return items.filter((item) => isAdmin || !item.adminOnly);
}

/** The back office's links. */
export const backOfficeNavigation = [
  { label: 'Accueil', to: paths.backOffice },
  { label: 'Affiliations', to: paths.backOfficeAffiliations },
  { label: 'Messages', to: paths.backOfficeMessages },
  { label: 'Documents', to: paths.backOfficeDocuments },
  { label: 'Référentiel', to: paths.backOfficeReferenceData },
  { label: "Journal d'audit", to: paths.backOfficeAudit },
] satisfies NavItem[];
