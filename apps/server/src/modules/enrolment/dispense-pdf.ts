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
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { pairsTable, renderPdf, type PdfBlock } from '../../lib/pdf';
import { companyAndEmployeeBlocks, type BiaPdfInput } from './bia-pdf';

export type DispensePdfInput = Pick<
  BiaPdfInput,
  'brandName' | 'primaryColor' | 'company' | 'establishment' | 'contract' | 'employee'
> & {
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
};

const date = (iso: string | null | undefined) => (iso ? formatFrenchDate(iso.slice(0, 10)) : '-');

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
    ...companyAndEmployeeBlocks(input),
    { kind: 'heading', text: 'Motif de la dispense' },
    pairsTable([
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
