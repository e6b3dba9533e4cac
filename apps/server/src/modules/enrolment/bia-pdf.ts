/**
 * The « Bulletin individuel d'affiliation » (BIA) as a PDF (pdf-lib, through the demo's small
 * writer `lib/pdf.ts`): pre-filled with what the employer entered (to print in mode
 * « Courrier »), or completed with everything the employee gave online (SPEC §5.5).
 */
import {
  BENEFICIARY_TYPE_LABELS,
  EMPLOYMENT_CONTRACT_TYPE_LABELS,
  PROFESSIONAL_STATUS_LABELS,
  type EmploymentContractType,
} from '@affilia/shared/domain/enums';
import { ATTACHMENT_KIND_LABELS } from '@affilia/shared/schemas/enrolment';
import type { AttachmentKind, BeneficiaryType, ContractOption } from '../../db/schema';
import {
  pairsTable,
  renderPdf,
  renderPdfDocuments,
  type PdfBlock,
  type PdfContent,
} from '../../lib/pdf';
import type { EnrolmentAddress } from '@affilia/shared/schemas/enrolment';

/** A beneficiary as the BIA prints it (numbers decrypted, 13 characters). */
export interface BiaBeneficiary {
  type: BeneficiaryType;
  lastName: string;
  firstName: string;
  birthDate: string;
  nir: string | null;
  attachedToNir: string | null;
}

export interface BiaPdfInput {
  brandName: string;
  primaryColor: string;
  /** Where a paper BIA is sent (insurer settings), if known. */
  postalAddress: string | null;
  company: { name: string; siren: string; insurerIdentifier: string };
  establishment: { name: string; siret: string };
  contract: { number: string; label: string; options: ContractOption[] };
  employee: {
    lastName: string;
    firstName: string;
    birthDate: string;
    /** Formatted with its key, e.g. "1 85 06 75 123 456 78". */
    nir: string;
    email: string | null;
    hireDate: string;
    affiliationDate: string;
    professionalStatus: string;
    employmentContractType: string;
    employmentStartDate: string;
    employmentEndDate: string | null;
  };
  /** Null: the pre-filled BIA with blanks to fill in by hand. */
  completed: {
    address: EnrolmentAddress;
    optionCode: string | null;
    maskedIban: string | null;
    bic: string | null;
    noemieConsent: boolean;
    beneficiaries: BiaBeneficiary[];
    attachments: { kind: AttachmentKind; originalName: string }[];
    certifiedAt: string;
  } | null;
}

/** '2026-03-02' → '02/03/2026'. */
function frDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** The BIA's title, subtitle and blocks. */
export function biaContent(input: BiaPdfInput): PdfContent {
  const e = input.employee;
  const c = input.completed;
  return {
    title: 'Bulletin individuel d’affiliation',
    subtitle: c
      ? `Complété en ligne par ${e.firstName} ${e.lastName}`
      : `Pré-rempli pour ${e.firstName} ${e.lastName}`,
    blocks: [
      ...companyAndEmployeeBlocks(input),
      ...(c ? completedBlocks(input, c) : blankBlocks(input)),
    ],
  };
}

export function renderBiaPdf(input: BiaPdfInput, now: Date): Promise<Buffer> {
  return renderPdf(biaContent(input), input, now);
}

/**
 * The pre-filled BIAs of several requests in one PDF to print (« Pré-affilier par fichier »),
 * each from a new page. The branding is the first's: one insurer per deployment.
 */
export function renderBiaBatchPdf(inputs: readonly BiaPdfInput[], now: Date): Promise<Buffer> {
  const first = inputs[0];
  if (!first) throw new Error('No BIA to render');
  return renderPdfDocuments(
    inputs.map(biaContent),
    first,
    now,
    'Bulletins individuels d’affiliation pré-remplis',
  );
}

/**
 * What the employer entered: the company, the establishment, the contract, the employee (the
 * BIA's, and the dispense request's, issue 19).
 */
export function companyAndEmployeeBlocks(
  input: Pick<BiaPdfInput, 'company' | 'establishment' | 'contract' | 'employee'>,
): PdfBlock[] {
  const e = input.employee;
  return [
    { kind: 'heading', text: 'Entreprise' },
    pairsTable([
      ['Raison sociale', input.company.name],
      ['SIREN', input.company.siren],
      ['Identifiant entreprise', input.company.insurerIdentifier],
      ['Établissement', input.establishment.name],
      ['SIRET', input.establishment.siret],
      ['Contrat', `${input.contract.number} - ${input.contract.label}`],
    ]),
    { kind: 'heading', text: 'Salarié' },
    pairsTable([
      ['Nom', e.lastName],
      ['Prénom', e.firstName],
      ['Date de naissance', frDate(e.birthDate)],
      ['Numéro de Sécurité sociale', e.nir],
      ['Adresse e-mail', e.email],
      [
        'Statut professionnel',
        PROFESSIONAL_STATUS_LABELS[e.professionalStatus as 'cadre'] ?? e.professionalStatus,
      ],
      [
        'Type de contrat de travail',
        EMPLOYMENT_CONTRACT_TYPE_LABELS[e.employmentContractType as EmploymentContractType] ??
          e.employmentContractType,
      ],
      ['Date d’entrée dans l’entreprise', frDate(e.hireDate)],
      ['Début du contrat de travail', frDate(e.employmentStartDate)],
      ['Fin du contrat de travail', frDate(e.employmentEndDate)],
      ['Date d’affiliation au contrat Frais de Santé', frDate(e.affiliationDate)],
    ]),
  ];
}

/** The completed BIA: everything the employee gave online, and their certification. */
function completedBlocks(input: BiaPdfInput, c: NonNullable<BiaPdfInput['completed']>): PdfBlock[] {
  const optionLabel = (code: string | null) =>
    input.contract.options.find((o) => o.code === code)?.label ?? code ?? '';
  const blocks: PdfBlock[] = [];
  blocks.push(
    { kind: 'heading', text: 'Adresse' },
    pairsTable([
      ['Adresse', c.address.addressLine1],
      ['Complément d’adresse', c.address.addressLine2],
      ['Code postal', c.address.postalCode],
      ['Ville', c.address.city],
      ['Pays', c.address.country],
      ['Téléphone', c.address.phone],
    ]),
    { kind: 'heading', text: 'Ayants droit' },
  );
  if (c.beneficiaries.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'Aucun ayant droit déclaré.' });
  } else {
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Lien', width: 2 },
        { title: 'Nom et prénom', width: 3 },
        { title: 'Naissance', width: 2 },
        { title: 'N° Sécurité sociale', width: 3 },
        { title: 'Rattaché au NIR', width: 3 },
      ],
      rows: c.beneficiaries.map((b) => [
        BENEFICIARY_TYPE_LABELS[b.type],
        `${b.lastName} ${b.firstName}`,
        frDate(b.birthDate),
        b.nir ?? '-',
        b.attachedToNir ?? '-',
      ]),
    });
  }
  blocks.push(
    { kind: 'heading', text: 'Option et remboursements' },
    pairsTable([
      ['Option choisie', optionLabel(c.optionCode) || 'Base obligatoire'],
      ['IBAN', c.maskedIban],
      ['BIC', c.bic],
      ['Télétransmission Noémie', c.noemieConsent ? 'Acceptée' : 'Refusée'],
    ]),
    { kind: 'heading', text: 'Pièces jointes' },
    c.attachments.length > 0
      ? {
          kind: 'bullets',
          items: c.attachments.map((a) => `${ATTACHMENT_KIND_LABELS[a.kind]} : ${a.originalName}`),
        }
      : { kind: 'paragraph', text: 'Aucune pièce jointe.' },
    {
      kind: 'paragraph',
      text: `Le salarié a certifié l’exactitude des informations ci-dessus le ${frDate(c.certifiedAt)} (formulaire en ligne).`,
    },
  );
  return blocks;
}

/** The pre-filled BIA: blanks to fill in by hand, the pieces to join, where to send it. */
function blankBlocks(input: BiaPdfInput): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  blocks.push(
    { kind: 'heading', text: 'Adresse' },
    { kind: 'fields', labels: ['Adresse', 'Code postal et ville', 'Téléphone'] },
    { kind: 'heading', text: 'Ayants droit (conjoint, concubin, enfants)' },
    {
      kind: 'fields',
      labels: [
        'Nom, prénom, date de naissance, N° Sécurité sociale',
        'Nom, prénom, date de naissance, N° Sécurité sociale',
        'Nom, prénom, date de naissance, N° Sécurité sociale',
      ],
    },
    { kind: 'heading', text: 'Option et remboursements' },
    {
      kind: 'paragraph',
      text: `Options du contrat : ${input.contract.options.map((o) => o.label).join(', ') || 'base obligatoire'}.`,
    },
    { kind: 'fields', labels: ['Option choisie', 'IBAN', 'BIC'] },
    {
      kind: 'paragraph',
      text: 'J’accepte la télétransmission Noémie avec ma caisse d’assurance maladie : oui / non',
    },
    { kind: 'heading', text: 'Pièces à joindre' },
    {
      kind: 'bullets',
      items: [
        'Un relevé d’identité bancaire (RIB)',
        'Votre attestation de droits Sécurité sociale',
      ],
    },
    { kind: 'fields', labels: ['Fait à', 'Le', 'Signature du salarié'] },
  );
  if (input.postalAddress) {
    blocks.push({
      kind: 'paragraph',
      text: `À renvoyer complété et signé à : ${input.postalAddress.replace(/\s*\n\s*/g, ', ')}`,
    });
  }
  return blocks;
}
