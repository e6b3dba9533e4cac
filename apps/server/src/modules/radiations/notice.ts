/**
 * The notice of the end of the group cover (« Radier un salarié », issue 18): the letter the
 * departing employee receives — by email with the PDF attached, or as the PDF to print when the
 * employer gave no email — and the employer downloads. Its text is the insurer's letter template
 * (`letter_templates`, kind `radiation_notice`, edited in the back office) or the built-in text
 * below, with placeholders; the portability and loi Évin paragraphs are computed from what the
 * radiation recorded at its creation:
 * - portability (Code de la sécurité sociale, article L911-8): the free continuation of the
 *   group cover, its dates and length, the dependants kept, what to send and when to warn the
 *   insurer — or why there is none;
 * - individual continuation (loi n° 89-1009 du 31 décembre 1989, dite loi Évin, article 4): to
 *   ask within six months, before the recorded deadline.
 */
import type { Kysely, Transaction } from 'kysely';
import {
  PORTABILITY_REFUSAL_LABELS,
  computePortability,
  evinDeadline,
  radiationMotif,
  type PortabilityRefusal,
  type RadiationMotif,
} from '@affilia/shared/domain/radiation';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { Database } from '../../db/schema';
import { recordAudit } from '../../lib/audit';
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import type { Branding } from '../../lib/mail/templates';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { renderPdf, type PdfBlock } from '../../lib/pdf';
import { getBranding } from '../settings/settings.service';
import { findLetterTemplate } from './letter-templates.repository';
import {
  findNoticeFacts,
  claimNotice,
  findNoticesToSend,
  type NoticeFactsRow,
} from './notice.repository';

type Db = Kysely<Database> | Transaction<Database>;

/** The placeholders of the notice, as the back office lists them to the insurer. */
export const NOTICE_PLACEHOLDERS = [
  { name: 'prenom', description: 'Prénom du salarié' },
  { name: 'nom', description: 'Nom du salarié' },
  { name: 'entreprise', description: 'Raison sociale de l’employeur' },
  { name: 'etablissement', description: 'Établissement du salarié' },
  {
    name: 'date_fin_contrat',
    description: 'Date de fin du contrat de travail (dernier jour de couverture)',
  },
  { name: 'motif', description: 'Motif de la rupture du contrat de travail' },
  {
    name: 'date_fin_portabilite',
    description: 'Dernier jour de la portabilité (vide quand il n’y en a pas)',
  },
  { name: 'assureur', description: 'Nom de l’assureur' },
  { name: 'telephone_assureur', description: 'Téléphone de l’assureur' },
  { name: 'horaires_assureur', description: 'Horaires du service de l’assureur' },
  { name: 'date_du_jour', description: 'Date du courrier' },
  {
    name: 'portabilite',
    description:
      'Paragraphe calculé : maintien gratuit des garanties au titre de la portabilité (article L911-8), ses dates et ce qu’il faut faire, ou pourquoi il ne s’applique pas',
  },
  {
    name: 'evin',
    description:
      'Paragraphe calculé : maintien à titre individuel (loi Évin, article 4) à demander dans les six mois, quand il est proposé ; rien sinon',
  },
] as const;
export type NoticePlaceholder = (typeof NOTICE_PLACEHOLDERS)[number]['name'];

/** The built-in text, when the insurer has not written theirs. */
export const DEFAULT_NOTICE_TEMPLATE = {
  subject: 'Fin de vos garanties santé collectives',
  body: [
    'Bonjour {{prenom}} {{nom}},',
    'Votre contrat de travail avec {{entreprise}} prend fin le {{date_fin_contrat}}. À cette date, votre affiliation en tant que salarié au contrat collectif de complémentaire santé de l’entreprise, assuré par {{assureur}}, prend fin.',
    '{{portabilite}}',
    '{{evin}}',
    'Pour toute question, contactez {{assureur}} au {{telephone_assureur}}, {{horaires_assureur}}.',
    'Nous vous prions d’agréer nos salutations distinguées.',
    '{{assureur}}',
  ].join('\n\n'),
};

/** `{{name}}` (spaces inside the braces tolerated). */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders of `text` the notice does not know, in order of appearance, once each. */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(NOTICE_PLACEHOLDERS.map((p) => p.name));
  const unknown = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((n) => !known.has(n));
  return [...new Set(unknown)];
}

/** What the notice says of one departure (from a radiation, or the preview's sample). */
export interface NoticeFacts {
  firstName: string;
  lastName: string;
  companyName: string;
  establishmentName: string;
  motif: RadiationMotif;
  contractEndDate: string;
  portability: { months: number; start: string; end: string } | { refusal: PortabilityRefusal };
  /** Loi Évin offered: the day by which it must be asked; null when not offered. */
  evinDeadline: string | null;
  contactAddress: string | null;
}

const fr = formatFrenchDate;

/**
 * L911-8: the former employee keeps the group cover for free, from the day after the contract
 * for as long as the last contract(s), at most 12 months; the dependants too; the insurer needs
 * the proof of unemployment benefits and is told of a new job (which ends it).
 */
function portabilityParagraph(f: NoticeFacts, b: Branding): string {
  const p = f.portability;
  if ('refusal' in p) {
    return `Le maintien de vos garanties au titre de la portabilité (article L911-8 du Code de la sécurité sociale) ne s’applique pas : ${PORTABILITY_REFUSAL_LABELS[p.refusal]}.`;
  }
  return [
    `Vous bénéficiez du maintien gratuit de vos garanties santé au titre de la portabilité (article L911-8 du Code de la sécurité sociale) du ${fr(p.start)} au ${fr(p.end)} (${p.months} mois). Vos ayants droit couverts à la fin de votre contrat de travail conservent aussi leurs garanties pendant cette période. Ce maintien ne vous coûte rien.\n`,
    'Ce qu’il faut faire :',
    `- adressez à ${b.brandName} l’attestation de vos droits à l’allocation chômage délivrée par France Travail (ex-Pôle emploi), puis chaque mois le justificatif de son versement ;`,
    `- prévenez ${b.brandName} sans attendre en cas de reprise d’emploi ou de fin de votre indemnisation : le maintien prend fin à cette date.`,
  ].join('\n');
}

/**
 * Loi n° 89-1009 du 31 décembre 1989 (loi Évin), article 4: the individual continuation, asked
 * within six months of the end of the contract or of the portability.
 */
function evinParagraph(f: NoticeFacts, b: Branding): string {
  if (!f.evinDeadline) return '';
  return `Vous pouvez demander à ${b.brandName} le maintien de votre couverture santé à titre individuel, sans questionnaire médical ni délai d’attente, à un tarif encadré (loi n° 89-1009 du 31 décembre 1989, dite loi Évin, article 4). Ce maintien est à demander dans les six mois, avant le ${fr(f.evinDeadline)}.`;
}

function placeholderValues(
  f: NoticeFacts,
  b: Branding,
  today: string,
): Record<NoticePlaceholder, string> {
  return {
    prenom: f.firstName,
    nom: f.lastName,
    entreprise: f.companyName,
    etablissement: f.establishmentName,
    date_fin_contrat: fr(f.contractEndDate),
    motif: radiationMotif(f.motif).label,
    date_fin_portabilite: 'end' in f.portability ? fr(f.portability.end) : '',
    assureur: b.brandName,
    telephone_assureur: b.supportPhone,
    horaires_assureur: b.supportHours,
    date_du_jour: fr(today),
    portabilite: portabilityParagraph(f, b),
    evin: evinParagraph(f, b),
  };
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** A paragraph of the letter: text, or a list (its lines starting with « - »). */
type LetterPart = { kind: 'paragraph'; text: string } | { kind: 'bullets'; items: string[] };

/** Paragraphs are separated by a blank line; the empty ones (`{{evin}}` not offered) vanish. */
function parts(body: string): LetterPart[] {
  const out: LetterPart[] = [];
  for (const block of body.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    let previous: LetterPart | undefined;
    for (const line of block.split('\n').map((l) => l.trim())) {
      if (line === '') continue;
      if (line.startsWith('- ')) {
        if (previous?.kind === 'bullets') previous.items.push(line.slice(2).trim());
        else out.push((previous = { kind: 'bullets', items: [line.slice(2).trim()] }));
      } else if (previous?.kind === 'paragraph') {
        previous.text += `\n${line}`;
      } else {
        out.push((previous = { kind: 'paragraph', text: line }));
      }
    }
  }
  return out;
}

/** The letter filled in for one departure: its subject and paragraphs. */
export interface NoticeLetter {
  subject: string;
  parts: LetterPart[];
}

export function composeNotice(
  template: { subject: string; body: string },
  facts: NoticeFacts,
  branding: Branding,
  today: string,
): NoticeLetter {
  const values = placeholderValues(facts, branding, today);
  return {
    subject: fill(template.subject, values).replace(/\s+/g, ' ').trim(),
    parts: parts(fill(template.body, values)),
  };
}

/** The letter as a PDF: the addressee, the date, then the text (DejaVu Sans, lib/pdf.ts). */
export async function renderNoticePdf(
  letter: NoticeLetter,
  facts: NoticeFacts,
  branding: Branding & { primaryColor: string },
  now: Date,
): Promise<Buffer> {
  const addressee = [`${facts.firstName} ${facts.lastName}`, facts.contactAddress ?? '']
    .join('\n')
    .trim();
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: addressee },
    { kind: 'paragraph', text: `Le ${fr(parisDate(now))}` },
    { kind: 'spacer', height: 8 },
    ...letter.parts.map((p): PdfBlock =>
      p.kind === 'bullets' ? { kind: 'bullets', items: p.items } : p,
    ),
  ];
  return renderPdf(
    { title: letter.subject, subtitle: facts.companyName, blocks },
    { brandName: branding.brandName, primaryColor: branding.primaryColor },
    now,
  );
}

export function noticeFileName(facts: { lastName: string; firstName: string }): string {
  return `Notice-fin-des-garanties-${facts.lastName}-${facts.firstName}.pdf`;
}

function factsOf(row: NoticeFactsRow): NoticeFacts {
  return {
    firstName: row.first_name,
    lastName: row.last_name,
    companyName: row.company_name,
    establishmentName: row.establishment_name,
    motif: row.motif as RadiationMotif,
    contractEndDate: row.contract_end_date,
    portability:
      row.portability_start_date && row.portability_end_date
        ? {
            months: row.portability_months ?? 0,
            start: row.portability_start_date,
            end: row.portability_end_date,
          }
        : { refusal: (row.portability_refusal ?? 'no_unemployment_rights') as PortabilityRefusal },
    evinDeadline: Number(row.evin_offered) === 1 ? row.evin_deadline : null,
    contactAddress: row.contact_address,
  };
}

/** The insurer's text of the notice, else the built-in one. */
export async function noticeTemplate(db: Db): Promise<{ subject: string; body: string }> {
  return (await findLetterTemplate(db, 'radiation_notice')) ?? DEFAULT_NOTICE_TEMPLATE;
}

interface ComposedNotice {
  row: NoticeFactsRow;
  facts: NoticeFacts;
  letter: NoticeLetter;
  branding: Awaited<ReturnType<typeof getBranding>>;
}

async function composeRadiationNotice(
  ctx: AppContext,
  db: Db,
  radiationId: string,
): Promise<ComposedNotice> {
  const row = await findNoticeFacts(db, radiationId);
  if (!row) throw notFound('Cette radiation est introuvable.');
  // Through `db`: inside the caller's transaction, reading ctx.db would wait on SQLite.
  const branding = await getBranding({ db, config: ctx.config });
  const facts = factsOf(row);
  const letter = composeNotice(
    await noticeTemplate(db),
    facts,
    branding,
    parisDate(ctx.clock.now()),
  );
  return { row, facts, letter, branding };
}

/** The notice of a radiation as a PDF (the employer's download, the email's attachment). */
export async function radiationNoticePdf(
  ctx: AppContext,
  db: Db,
  radiationId: string,
): Promise<{ fileName: string; bytes: Buffer }> {
  const { facts, letter, branding } = await composeRadiationNotice(ctx, db, radiationId);
  return {
    fileName: noticeFileName(facts),
    bytes: await renderNoticePdf(letter, facts, branding, ctx.clock.now()),
  };
}

/**
 * Sends the notice of a radiation once its row is committed (never inside the transaction that
 * wrote it: rendering the PDF takes tens of milliseconds, which a transaction of 200 radiations
 * would hold SQLite's write lock for). With an email: the PDF rendered and stored first, then
 * one short transaction claims the notice (`notice_sent_at`, at most once however many callers)
 * and queues the email with the PDF attached in the outbox, with its audit line — 'email';
 * already claimed — 'already' (the stored PDF removed); without an email, nothing is written:
 * the employer prints the PDF — 'print'. A process stopped between the radiation's commit and
 * this call leaves the notice to the `radiations.notices` job (sendPendingNotices).
 */
export async function sendRadiationNotice(
  ctx: AppContext,
  radiationId: string,
): Promise<'email' | 'print' | 'already'> {
  const notice = await composeRadiationNotice(ctx, ctx.db, radiationId);
  const { row, facts, letter, branding } = notice;
  const to = row.contact_email;
  if (!to) return 'print';
  if (row.notice_sent_at) return 'already';
  const now = ctx.clock.now();
  const fileName = noticeFileName(facts);
  const pdf = await renderNoticePdf(letter, facts, branding, now);
  const saved = await ctx.storage.save(pdf, {
    originalName: fileName,
    mimeType: 'application/pdf',
  });
  const queued = await ctx.db.transaction().execute(async (trx) => {
    if (!(await claimNotice(trx, radiationId, now.toISOString()))) return false;
    await enqueueEmail(trx, {
      to,
      template: 'radiation_notice',
      data: { subject: letter.subject, paragraphs: emailParagraphs(letter) },
      branding,
      now,
      attachments: [{ fileName, mimeType: 'application/pdf', storageKey: saved.storageKey }],
    });
    await recordAudit(trx, now, {
      action: 'radiation.notice_sent',
      actorKind: 'system',
      companyId: row.company_id,
      targetType: 'radiation',
      targetId: radiationId,
      details: { memberId: row.member_id, emailed: true },
    });
    return true;
  });
  if (!queued) {
    await ctx.storage.remove(saved.storageKey).catch(() => undefined);
    return 'already';
  }
  ctx.outboxWorker?.wake();
  return 'email';
}

/** Notices whose radiation is older than this and still unsent are the job's to send. */
const NOTICE_GRACE_MS = 60_000;

/**
 * The `radiations.notices` job: every notice to email that has not left a minute after its
 * radiation was written (the process stopped in between), sent now; the count sent.
 */
export async function sendPendingNotices(ctx: AppContext, now: Date): Promise<number> {
  const before = new Date(now.getTime() - NOTICE_GRACE_MS).toISOString();
  let sent = 0;
  for (const id of await findNoticesToSend(ctx.db, before, 200)) {
    if ((await sendRadiationNotice(ctx, id)) === 'email') sent += 1;
  }
  return sent;
}

/** The letter's paragraphs as the email's (a list item each, with its bullet). */
function emailParagraphs(letter: NoticeLetter): string[] {
  return letter.parts.flatMap((p) =>
    p.kind === 'bullets' ? p.items.map((item) => `• ${item}`) : [p.text],
  );
}

/** The sample person of the preview: a « rupture conventionnelle » after 7 months 3 days. */
export const SAMPLE_FACTS: NoticeFacts = (() => {
  const motif: RadiationMotif = 'rupture_conventionnelle';
  const contractEndDate = '2026-08-03';
  const portability = computePortability({
    motif,
    unemploymentRights: true,
    periods: [{ start: '2026-01-01', end: contractEndDate }],
  });
  if (!portability.eligible) throw new Error('the sample departure opens portability');
  return {
    firstName: 'Łukasz Ștefan',
    lastName: 'Nguyễn-Wójcik',
    companyName: 'Exemple Immobilier SAS',
    establishmentName: 'Siège',
    motif,
    contractEndDate,
    portability,
    evinDeadline: evinDeadline(contractEndDate, portability.end),
    contactAddress: '12 rue des Lilas\n69003 Lyon',
  };
})();

/** The preview of a template (back office): the letter of a sample departure. */
export async function sampleNoticePdf(
  ctx: AppContext,
  template: { subject: string; body: string },
): Promise<{ fileName: string; bytes: Buffer }> {
  const branding = await getBranding(ctx);
  const now = ctx.clock.now();
  const letter = composeNotice(template, SAMPLE_FACTS, branding, parisDate(now));
  return {
    fileName: 'Apercu-notice-fin-des-garanties.pdf',
    bytes: await renderNoticePdf(letter, SAMPLE_FACTS, branding, now),
  };
}
