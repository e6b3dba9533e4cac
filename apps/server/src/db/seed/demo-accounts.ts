/**
 * The fixed demo accounts, printed at start-up and shown by GET /api/dev/demo. Development and
 * demonstration only: the passwords are public. Phone numbers are in the range ARCEP reserves
 * for fiction (06 39 98 xx xx).
 */
import type { StaffRole, UserKind } from '../schema';

export interface DemoAccount {
  key: 'employerAdmin' | 'employerUser' | 'thirdParty' | 'staffManager' | 'staffAdmin';
  /** How the account is described to a visitor (French). */
  role: string;
  email: string;
  password: string;
  kind: UserKind;
  staffRole: StaffRole | null;
  firstName: string;
  lastName: string;
  mobilePhone: string;
  isThirdParty: boolean;
  thirdPartyFirm: string | null;
}

export const DEMO_ACCOUNTS = [
  {
    key: 'employerAdmin',
    role: 'Administrateur (2 sociétés)',
    email: 'admin@demo.affilia.test',
    password: 'Tilleul-Ardoise-47',
    kind: 'employer',
    staffRole: null,
    firstName: 'Eugénie',
    lastName: 'Marchand',
    mobilePhone: '+33639980101',
    isThirdParty: false,
    thirdPartyFirm: null,
  },
  {
    key: 'employerUser',
    role: 'Utilisateur',
    email: 'utilisateur@demo.affilia.test',
    password: 'Galet-Cerisier-83',
    kind: 'employer',
    staffRole: null,
    firstName: 'Thomas',
    lastName: 'Lefèvre',
    mobilePhone: '+33639980102',
    isThirdParty: false,
    thirdPartyFirm: null,
  },
  {
    key: 'thirdParty',
    role: 'Tiers déclarant',
    email: 'cabinet@demo.affilia.test',
    password: 'Lanterne-Bruyere-29',
    kind: 'employer',
    staffRole: null,
    firstName: 'Sophie',
    lastName: 'Durand',
    mobilePhone: '+33639980103',
    isThirdParty: true,
    thirdPartyFirm: 'Cabinet Comptable Durand & Associés',
  },
  {
    key: 'staffManager',
    role: 'Gestionnaire (back office)',
    email: 'gestionnaire@demo.affilia.test',
    password: 'Boussole-Amarante-56',
    kind: 'staff',
    staffRole: 'manager',
    firstName: 'Karim',
    lastName: 'Benali',
    mobilePhone: '+33639980104',
    isThirdParty: false,
    thirdPartyFirm: null,
  },
  {
    key: 'staffAdmin',
    role: 'Administrateur back office',
    email: 'admin.assureur@demo.affilia.test',
    password: 'Falaise-Indigo-Verger-12',
    kind: 'staff',
    staffRole: 'admin',
    firstName: 'Isabelle',
    lastName: 'Rousseau',
    mobilePhone: '+33639980105',
    isThirdParty: false,
    thirdPartyFirm: null,
  },
] as const satisfies readonly DemoAccount[];

export type DemoAccountKey = DemoAccount['key'];

export function demoAccount(key: DemoAccountKey): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.key === key);
  if (!account) throw new Error(`No demo account ${key}`);
  return account;
}
