/**
 * The letters the insurer writes once and the application fills in (issue 18): for now the
 * notice of the end of the group cover (`radiation_notice`). Back-office administrators read,
 * change and preview them; an unknown placeholder is refused with its name.
 */
import type {
  LETTER_TEMPLATE_KINDS,
  LetterTemplateAnswer,
  LetterTemplateInput,
} from '@affilia/shared/schemas/radiations';
import type { AppContext } from '../../lib/context';
import { badRequest } from '../../lib/errors';
import type { StaffActor } from '../../lib/policies';
import { recordStaffAudit } from '../backoffice/staff-audit';
import {
  DEFAULT_NOTICE_TEMPLATE,
  NOTICE_PLACEHOLDERS,
  sampleNoticePdf,
  unknownPlaceholders,
} from './notice';
import {
  deleteLetterTemplate,
  findLetterTemplate,
  saveLetterTemplate,
} from './letter-templates.repository';

export type LetterTemplateKind = (typeof LETTER_TEMPLATE_KINDS)[number];
type Text = { subject: string; body: string };

/** What each kind of letter knows: its placeholders, its built-in text, its sample. */
const LETTERS: Record<
  LetterTemplateKind,
  {
    placeholders: readonly { name: string; description: string }[];
    defaultText: Text;
    preview: (ctx: AppContext, text: Text) => Promise<{ fileName: string; bytes: Buffer }>;
  }
> = {
  radiation_notice: {
    placeholders: NOTICE_PLACEHOLDERS,
    defaultText: DEFAULT_NOTICE_TEMPLATE,
    preview: sampleNoticePdf,
  },
};

export async function getLetterTemplate(
  ctx: AppContext,
  kind: LetterTemplateKind,
): Promise<LetterTemplateAnswer> {
  const letter = LETTERS[kind];
  const row = await findLetterTemplate(ctx.db, kind);
  return {
    kind,
    subject: row?.subject ?? letter.defaultText.subject,
    body: row?.body ?? letter.defaultText.body,
    isDefault: !row,
    updatedAt: row?.updated_at ?? null,
    placeholders: letter.placeholders.map((p) => ({ name: p.name, description: p.description })),
  };
}

/** 400 `letter_template_unknown_placeholder` naming the first unknown `{{…}}` of each field. */
function checkPlaceholders(kind: LetterTemplateKind, text: Text): void {
  const known = new Set(LETTERS[kind].placeholders.map((p) => p.name));
  const fields: Record<string, string> = {};
  for (const field of ['subject', 'body'] as const) {
    const unknown = unknownPlaceholders(text[field]).filter((n) => !known.has(n));
    if (unknown.length > 0) {
      fields[field] =
        unknown.length === 1
          ? `Le champ {{${unknown[0]}}} n’existe pas`
          : `Les champs ${unknown.map((n) => `{{${n}}}`).join(', ')} n’existent pas`;
    }
  }
  const first = Object.values(fields)[0];
  if (first) {
    throw badRequest(
      'letter_template_unknown_placeholder',
      `${first} : utilisez les champs de la liste.`,
      fields,
    );
  }
}

export async function updateLetterTemplate(
  ctx: AppContext,
  actor: StaffActor,
  kind: LetterTemplateKind,
  input: LetterTemplateInput,
): Promise<LetterTemplateAnswer> {
  checkPlaceholders(kind, input);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await saveLetterTemplate(trx, {
      kind,
      subject: input.subject,
      body: input.body,
      updatedBy: actor.userId,
      at: now.toISOString(),
    });
    await recordStaffAudit(trx, now, actor, {
      action: 'content.letter_template_updated',
      targetType: 'letter_template',
      targetId: kind,
      details: { kind, subject: input.subject },
    });
  });
  return getLetterTemplate(ctx, kind);
}

/** « Revenir au texte par défaut »: the insurer's text removed, the built-in one applies. */
export async function resetLetterTemplate(
  ctx: AppContext,
  actor: StaffActor,
  kind: LetterTemplateKind,
): Promise<LetterTemplateAnswer> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await deleteLetterTemplate(trx, kind))) return;
    await recordStaffAudit(trx, now, actor, {
      action: 'content.letter_template_updated',
      targetType: 'letter_template',
      targetId: kind,
      details: { kind, source: 'default' },
    });
  });
  return getLetterTemplate(ctx, kind);
}

/** The letter of a sample person with this text (saved or not), as a PDF. */
export async function previewLetterTemplate(
  ctx: AppContext,
  kind: LetterTemplateKind,
  input: LetterTemplateInput,
): Promise<{ fileName: string; bytes: Buffer }> {
  checkPlaceholders(kind, input);
  return LETTERS[kind].preview(ctx, input);
}
