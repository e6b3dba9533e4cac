/**
 * The « Demande de dispense d'adhésion » as a PDF (issue 19): what the employee sent from the
 * online form, with the sworn statement checked, the date and « Signé électroniquement le … ».
 * The employer keeps it for an URSSAF audit (the register's zip), the insurer checks it, the
 * employee receives a copy. Same writer and Unicode font as the BIA (lib/pdf.ts).
 */
import {
  OTHER_PLAN_TYPE_LABELS,
  dispenseCase,
  type DispenseCaseCode,
  type OtherPlanType,
} from '@affilia/shared/domain/dispense';
import {
  EMPLOYMENT_CONTRACT_TYPE_LABELS,
  type EmploymentContractType,
} from '@affilia/shared/domain/enums';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { renderPdf, type PdfBlock } from '../../lib/pdf';
import type { BiaPdfInput } from './bia-pdf';

export interface DispensePdfInput {
  brandName: string;
  primaryColor: string;
  company: BiaPdfInput['company'];
  establishment: BiaPdfInput['establishment'];
  contract: { number: string; label: string };
  employee: Omit<BiaPdfInput['employee'], 'professionalStatus'>;
  dispense: {
    caseCode: DispenseCaseCode;
    otherPlanType: string | null;
    /** dispenseEndDate(): the last day it is justified, if it has one. */
    endDate: string | null;
    /** A yearly renewal of a dispense in force. */
    isRenewal: boolean;
    swornStatement: string;
    proofNames: string[];
  };
}

const date = (iso: string | null | undefined) => (iso ? formatFrenchDate(iso.slice(0, 10)) : '-');

function rows(pairs: [string, string | null | undefined][]): PdfBlock {
  return {
    kind: 'table',
    columns: [
      { title: 'Rubrique', width: 2 },
      { title: 'Valeur', width: 3 },
    ],
    rows: pairs.map(([label, value]) => [label, value && value !== '' ? value : '-']),
  };
}

/** The time of the signature in Paris, « 14:05 ». */
function parisTime(at: Date): string {
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/** `signedOn`: the day in Paris; `at`: the instant it was sent. */
export async function renderDispensePdf(
  input: DispensePdfInput,
  signed: { on: string; at: Date },
): Promise<Buffer> {
  const e = input.employee;
  const d = input.dispense;
  const rule = dispenseCase(d.caseCode);
  const fullName = `${e.firstName} ${e.lastName}`;
  const blocks: PdfBlock[] = [
    { kind: 'heading', text: 'Entreprise' },
    rows([
      ['Raison sociale', input.company.name],
      ['SIREN', input.company.siren],
      ['Établissement', input.establishment.name],
      ['SIRET', input.establishment.siret],
      ['Contrat', `${input.contract.number} - ${input.contract.label}`],
    ]),
    { kind: 'heading', text: 'Salarié' },
    rows([
      ['Nom', e.lastName],
      ['Prénom', e.firstName],
      ['Date de naissance', date(e.birthDate)],
      ['Numéro de Sécurité sociale', e.nir],
      [
        'Type de contrat de travail',
        EMPLOYMENT_CONTRACT_TYPE_LABELS[e.employmentContractType as EmploymentContractType] ??
          e.employmentContractType,
      ],
      ['Début du contrat de travail', date(e.employmentStartDate)],
      ['Fin du contrat de travail', date(e.employmentEndDate)],
      ['Date d’affiliation au contrat Frais de Santé', date(e.affiliationDate)],
    ]),
    { kind: 'heading', text: 'Motif de la dispense' },
    rows([
      ['Cas de dispense', rule.label],
      ['Source', rule.legalSource],
      ...(rule.asksOtherPlan
        ? [
            [
              'Type de l’autre régime',
              OTHER_PLAN_TYPE_LABELS[d.otherPlanType as OtherPlanType] ?? d.otherPlanType,
            ] as [string, string | null],
          ]
        : []),
      ['Fin de la justification', d.endDate ? date(d.endDate) : 'Sans date de fin'],
      ['Renouvellement annuel', rule.yearlyRenewal ? 'Oui, chaque année' : 'Non'],
    ]),
    { kind: 'heading', text: 'Justificatifs joints' },
    d.proofNames.length > 0
      ? { kind: 'bullets', items: d.proofNames }
      : { kind: 'paragraph', text: 'Aucun justificatif n’est demandé pour ce cas.' },
    { kind: 'heading', text: 'Déclaration sur l’honneur' },
    { kind: 'paragraph', text: `☑ ${d.swornStatement}` },
    {
      kind: 'paragraph',
      text: `Fait le ${date(signed.on)}. Signé électroniquement le ${date(signed.on)} à ${parisTime(signed.at)} (heure de Paris) par ${fullName}, après confirmation de sa date de naissance, depuis le formulaire en ligne.`,
    },
  ];
  return renderPdf(
    {
      title: 'Demande de dispense d’adhésion',
      subtitle: d.isRenewal
        ? `Renouvellement envoyé en ligne par ${fullName}`
        : `Envoyée en ligne par ${fullName}`,
      blocks,
    },
    { brandName: input.brandName, primaryColor: input.primaryColor },
    signed.at,
  );
}
