import { paths } from '../../config/paths';

export interface NavItem {
  label: string;
  to: (typeof paths)[keyof typeof paths];
}

/** The employer header's links (SPEC §5), shared by the desktop bar and the mobile drawer. */
export const employerNavigation = {
  main: [
    { label: 'Mes salariés', to: paths.members },
    { label: 'Mes documents pratiques', to: paths.documents },
    // Administrators only, once permissions exist (next issue).
    { label: 'Mes habilitations', to: paths.users },
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

/** The back office's links. */
export const backOfficeNavigation = [
  { label: 'Accueil', to: paths.backOffice },
  { label: 'Affiliations', to: paths.backOfficeAffiliations },
  { label: 'Messages', to: paths.backOfficeMessages },
  { label: 'Documents', to: paths.backOfficeDocuments },
  { label: 'Référentiel', to: paths.backOfficeReferenceData },
  { label: "Journal d'audit", to: paths.backOfficeAudit },
] satisfies NavItem[];
