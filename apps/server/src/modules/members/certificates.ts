/**
 * A member's certificates (issue 20), PDFs made on demand with the insurer's branding (lib/pdf.ts,
 * DejaVu Sans: every name prints): « Attestation d’affiliation » (the member, their employer, the
 * contract, the option, the date d'effet, the beneficiaries) and « Carte de tiers payant » (the
 * people covered and the validity: the calendar year, or up to the end of the cover — see
 * thirdPartyCardValidity). The member is read within the caller's perimeter (404 outside it).
 */
import { coverageStatus } from '@affilia/shared/domain/coverage';
import { BENEFICIARY_TYPE_LABELS, STAFF_CATEGORY_LABELS } from '@affilia/shared/domain/enums';
import { thirdPartyCardValidity } from '@affilia/shared/domain/member-change';
import type { CertificateKind } from '@affilia/shared/schemas/member-changes';
import { CERTIFICATE_KIND_LABELS } from '@affilia/shared/schemas/member-changes';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { recordAudit } from '../../lib/audit';
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import { AppError, conflict, notFound } from '../../lib/errors';
import { pairsTable, renderPdf, type PdfBlock } from '../../lib/pdf';
import type { EmployerActor } from '../../lib/policies';
import type { RequestMeta } from '../../lib/request-meta';
import { getBranding } from '../settings/settings.service';
import { findInsurerContact } from '../settings/settings.repository';
import { findOpenBeneficiaries } from './member-beneficiaries.repository';
import {
  findCoveragesOfMember,
  findMemberOfPerimeter,
  type MemberWithPlaces,
} from './members.repository';
import { nirWithKey, toCoverage } from './members.service';

type Ctx = Pick<AppContext, 'db' | 'cipher' | 'clock' | 'config'>;

/** What a certificate says: the member's facts, read once for either kind. */
export interface CertificateFacts {
  today: string;
  insurer: {
    brandName: string;
    primaryColor: string;
    supportPhone: string;
    supportHours: string;
    supportEmail: string | null;
    postalAddress: string | null;
  };
  member: { lastName: string; firstName: string; nir: string; birthDate: string };
  companyId: string;
  company: { name: string; siren: string };
  establishment: { name: string; siret: string };
  coverage: {
    contractNumber: string;
    contractLabel: string;
    staffCategory: keyof typeof STAFF_CATEGORY_LABELS;
    optionLabel: string;
    effectiveDate: string;
    endDate: string | null;
    portability: boolean;
  };
  beneficiaries: {
    type: keyof typeof BENEFICIARY_TYPE_LABELS;
    lastName: string;
    firstName: string;
    birthDate: string;
    startDate: string;
  }[];
}

/** Whether `err` says the member has no coverage to certify (not a failure to retry). */
export const nothingToCertify = (err: unknown): boolean =>
  err instanceof AppError && err.code === 'no_coverage_to_certify';

const NO_COVERAGE = () =>
  conflict(
    'no_coverage_to_certify',
    'Ce salarié n’a pas de couverture en cours ou à venir : aucune attestation à produire.',
  );

/** The member's facts for a certificate, within the actor's perimeter. */
export async function certificateFacts(
  ctx: Ctx,
  actor: EmployerActor,
  memberId: string,
): Promise<CertificateFacts> {
  const member = await findMemberOfPerimeter(ctx.db, actor, memberId);
  if (!member) throw notFound('Salarié introuvable.');
  return factsOfMember(ctx, member);
}

/** The facts of a member already read (in a perimeter, or by the system). */
export async function factsOfMember(ctx: Ctx, member: MemberWithPlaces): Promise<CertificateFacts> {
  const memberId = member.id;
  const today = parisDate(ctx.clock.now());
  const coverages = await findCoveragesOfMember(ctx.db, memberId);
  // The coverage in force, else the next one to start (a new hire's card before their first day).
  const chosen =
    coverages.find((c) => coverageStatus(c.effective_date, c.end_date, today) === 'current') ??
    coverages
      .filter((c) => coverageStatus(c.effective_date, c.end_date, today) === 'upcoming')
      .sort((a, b) => (a.effective_date < b.effective_date ? -1 : 1))[0];
  if (!chosen) throw NO_COVERAGE();
  const [branding, contact, beneficiaries] = await Promise.all([
    getBranding(ctx),
    findInsurerContact(ctx.db),
    findOpenBeneficiaries(ctx.db, memberId, today),
  ]);
  const coverage = toCoverage(chosen, today);
  return {
    today,
    insurer: {
      brandName: branding.brandName,
      primaryColor: branding.primaryColor,
      supportPhone: branding.supportPhone,
      supportHours: branding.supportHours,
      supportEmail: contact?.support_email ?? null,
      postalAddress: contact?.postal_address ?? null,
    },
    member: {
      lastName: member.last_name,
      firstName: member.first_name,
      nir: nirWithKey(ctx.cipher, member.nir_encrypted),
      birthDate: member.birth_date,
    },
    companyId: member.company_id,
    company: { name: member.company_name, siren: member.siren },
    establishment: { name: member.establishment_name, siret: member.siret },
    coverage: {
      contractNumber: chosen.number,
      contractLabel: chosen.label,
      staffCategory: chosen.staff_category,
      optionLabel: coverage.optionLabel,
      effectiveDate: chosen.effective_date,
      endDate: chosen.end_date,
      portability: chosen.kind === 'portability',
    },
    beneficiaries: beneficiaries.map((b) => ({
      type: b.type,
      lastName: b.last_name,
      firstName: b.first_name,
      birthDate: b.birth_date,
      startDate: b.start_date,
    })),
  };
}

const fr = formatFrenchDate;

function contactBlocks(f: CertificateFacts): PdfBlock[] {
  const i = f.insurer;
  return [
    { kind: 'heading', text: 'Votre complémentaire santé' },
    pairsTable([
      ['Organisme', i.brandName],
      ['Téléphone', `${i.supportPhone} (${i.supportHours})`],
      ['E-mail', i.supportEmail],
      ['Adresse', i.postalAddress],
    ]),
  ];
}

function beneficiaryRows(f: CertificateFacts, withStart: boolean): string[][] {
  return f.beneficiaries.map((b) => [
    `${b.lastName} ${b.firstName}`,
    BENEFICIARY_TYPE_LABELS[b.type],
    fr(b.birthDate),
    ...(withStart
      ? [fr(b.startDate > f.coverage.effectiveDate ? b.startDate : f.coverage.effectiveDate)]
      : []),
  ]);
}

/** « Attestation d’affiliation ». */
export function affiliationCertificate(f: CertificateFacts): {
  subtitle: string;
  blocks: PdfBlock[];
} {
  const c = f.coverage;
  const cover = c.portability
    ? 'bénéficie du maintien de ses garanties au titre de la portabilité (article L911-8 du code de la sécurité sociale) du contrat collectif'
    : 'est affilié(e) au contrat collectif obligatoire';
  return {
    subtitle: `${f.member.firstName} ${f.member.lastName}`,
    blocks: [
      {
        kind: 'paragraph',
        text: `${f.insurer.brandName} atteste que la personne désignée ci-dessous ${cover} de complémentaire santé souscrit par ${f.company.name}.`,
      },
      { kind: 'heading', text: 'Assuré(e)' },
      pairsTable([
        ['Nom', f.member.lastName],
        ['Prénom', f.member.firstName],
        ['Date de naissance', fr(f.member.birthDate)],
        ['N° de sécurité sociale', f.member.nir],
      ]),
      { kind: 'heading', text: 'Employeur' },
      pairsTable([
        ['Entreprise', `${f.company.name} (SIREN ${f.company.siren})`],
        ['Établissement', `${f.establishment.name} (SIRET ${f.establishment.siret})`],
      ]),
      { kind: 'heading', text: 'Contrat' },
      pairsTable([
        ['Contrat', `${c.contractNumber} — ${c.contractLabel}`],
        ['Collège', STAFF_CATEGORY_LABELS[c.staffCategory]],
        ['Option', c.optionLabel],
        ['Date d’effet', fr(c.effectiveDate)],
        ['Date de fin', c.endDate ? fr(c.endDate) : 'Sans date de fin'],
      ]),
      { kind: 'heading', text: 'Bénéficiaires' },
      f.beneficiaries.length === 0
        ? { kind: 'paragraph', text: 'Aucun ayant droit n’est couvert par ce contrat.' }
        : {
            kind: 'table',
            columns: [
              { title: 'Nom et prénom', width: 3 },
              { title: 'Lien', width: 2 },
              { title: 'Né(e) le', width: 2 },
              { title: 'Depuis le', width: 2 },
            ],
            rows: beneficiaryRows(f, true),
          },
      ...contactBlocks(f),
      { kind: 'spacer', height: 8 },
      {
        kind: 'paragraph',
        text: `Attestation établie le ${fr(f.today)}, pour servir et valoir ce que de droit.`,
      },
    ],
  };
}

/** « Carte de tiers payant »: null validity refused by the caller. */
export function thirdPartyCard(
  f: CertificateFacts,
  validity: { from: string; to: string },
): { subtitle: string; blocks: PdfBlock[] } {
  return {
    subtitle: `Valable du ${fr(validity.from)} au ${fr(validity.to)}`,
    blocks: [
      {
        kind: 'paragraph',
        text: 'Présentez cette carte avec votre carte Vitale à votre pharmacien, laboratoire, hôpital ou professionnel de santé : vous n’avancez pas la part prise en charge par votre complémentaire santé.',
      },
      { kind: 'heading', text: 'Assuré(e)' },
      pairsTable([
        ['Nom et prénom', `${f.member.lastName} ${f.member.firstName}`],
        ['N° de sécurité sociale', f.member.nir],
        ['Date de naissance', fr(f.member.birthDate)],
        ['Contrat', `${f.coverage.contractNumber} — ${f.company.name}`],
        ['Option', f.coverage.optionLabel],
      ]),
      { kind: 'heading', text: 'Personnes couvertes' },
      {
        kind: 'table',
        columns: [
          { title: 'Nom et prénom', width: 3 },
          { title: 'Qualité', width: 2 },
          { title: 'Né(e) le', width: 2 },
        ],
        rows: [
          [`${f.member.lastName} ${f.member.firstName}`, 'Assuré(e)', fr(f.member.birthDate)],
          ...beneficiaryRows(f, false),
        ],
      },
      ...contactBlocks(f),
    ],
  };
}

/** The file's name: « Attestation-affiliation-Nguyễn-Łucja.pdf ». */
function fileNameOf(kind: CertificateKind, f: CertificateFacts): string {
  const base = kind === 'affiliation' ? 'Attestation-affiliation' : 'Carte-tiers-payant';
  return `${base}-${f.member.lastName}-${f.member.firstName}.pdf`.replace(/\s+/g, '-');
}

/** The PDF of one certificate of `facts`; the card refused when the cover has ended. */
export async function renderCertificate(
  kind: CertificateKind,
  facts: CertificateFacts,
  now: Date,
): Promise<{ bytes: Buffer; fileName: string }> {
  let content: { subtitle: string; blocks: PdfBlock[] };
  if (kind === 'affiliation') content = affiliationCertificate(facts);
  else {
    const validity = thirdPartyCardValidity(
      { effective_date: facts.coverage.effectiveDate, end_date: facts.coverage.endDate },
      facts.today,
    );
    if (!validity) throw NO_COVERAGE();
    content = thirdPartyCard(facts, validity);
  }
  const bytes = await renderPdf(
    { title: CERTIFICATE_KIND_LABELS[kind], ...content },
    { brandName: facts.insurer.brandName, primaryColor: facts.insurer.primaryColor },
    now,
  );
  return { bytes, fileName: fileNameOf(kind, facts) };
}

/** GET /api/members/:memberId/certificates/:kind — made on demand, audited. */
export async function memberCertificate(
  ctx: Ctx,
  actor: EmployerActor,
  input: { memberId: string; kind: CertificateKind },
  meta: RequestMeta,
): Promise<{ bytes: Buffer; fileName: string }> {
  const facts = await certificateFacts(ctx, actor, input.memberId);
  const now = ctx.clock.now();
  const file = await renderCertificate(input.kind, facts, now);
  await recordAudit(ctx.db, now, {
    action: 'members.certificate_downloaded',
    actorUserId: actor.user.id,
    actorKind: 'employer',
    companyId: facts.companyId,
    targetType: 'member',
    targetId: input.memberId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    details: { kind: input.kind },
  });
  return file;
}
