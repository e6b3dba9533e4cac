/**
 * « Contenus du portail » (SPEC §6): the insurer's branding and logo, the versions of the terms
 * of use, « Conseils et astuces ». Every change is one transaction with its audit line.
 */
import { DEFAULT_BRANDING } from '@affilia/shared/schemas/branding';
import {
  deleteStoredFileRow,
  deleteTipRow,
  findBrandingRow,
  findLogoFile,
  insertSettingsRow,
  saveBranding,
  setLogo,
  findTermsVersionRow,
  findTermsVersions,
  findTip,
  findTips,
  insertTermsDraft,
  insertTip,
  lastTipPosition,
  latestPublication,
  setTermsPublished,
  termsVersionExists,
  updateTipRow,
} from './content.repository';
import {
  LOGO_MAX_BYTES,
  type BrandingSettings,
  type BrandingUpdate,
  type TermsDraftSchema,
  type TermsVersion,
  type Tip,
  type TipInputSchema,
  type TipPatchSchema,
} from '@affilia/shared/schemas/content';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema';
import type { AuditAction } from '@affilia/shared/domain/audit';
import type { AppContext } from '../../lib/context';
import { badRequest, conflict, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { recordStoredFile } from '../../lib/stored-files';
import type { StaffActor } from '../backoffice/backoffice.service';
import { recordStaffAudit } from '../backoffice/staff-audit';
import { JPEG, PNG, detectFileType, fileNameFor } from '../../lib/file-types';
import { getBranding } from '../settings/settings.service';

type Ctx = Pick<AppContext, 'db' | 'config' | 'clock' | 'storage'>;

function audit(
  db: Kysely<Database>,
  now: Date,
  actor: StaffActor,
  action: AuditAction,
  target: { type: string; id: string | null },
  details?: Record<string, unknown>,
) {
  return recordStaffAudit(db, now, actor, {
    action,
    targetType: target.type,
    targetId: target.id,
    details,
  });
}

// ---------------------------------------------------------------------------------------------
// Branding

/** The branding as the back office edits it (with the values the public branding falls back to). */
export async function getBrandingSettings(ctx: Ctx): Promise<BrandingSettings> {
  const [branding, row] = await Promise.all([getBranding(ctx), findBrandingRow(ctx.db)]);
  return {
    brandName: branding.brandName,
    primaryColor: branding.primaryColor,
    supportPhone: branding.supportPhone,
    supportHours: branding.supportHours,
    supportEmail: row?.support_email ?? null,
    postalAddress: row?.postal_address ?? null,
    logo:
      branding.logoUrl && row?.original_name
        ? {
            url: branding.logoUrl,
            fileName: row.original_name,
            mimeType: row.mime_type ?? '',
            size: Number(row.size ?? 0),
          }
        : null,
    updatedAt: row?.updated_at ?? null,
  };
}

/**
 * The settings row exists from the first start (seed); if not (an empty database), it is created
 * with the branding in force, read before the transaction.
 */
export async function ensureSettingsRow(
  trx: Transaction<Database>,
  current: Awaited<ReturnType<typeof getBranding>>,
  now: string,
) {
  await insertSettingsRow(trx, {
    brandName: current.brandName,
    primaryColor: current.primaryColor,
    supportPhone: current.supportPhone,
    supportHours: current.supportHours,
    ccnName: current.ccnName || DEFAULT_BRANDING.ccnName,
    at: now,
  });
}

export async function updateBranding(
  ctx: Ctx,
  actor: StaffActor,
  input: BrandingUpdate,
): Promise<BrandingSettings> {
  const current = await getBranding(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await ensureSettingsRow(trx, current, now.toISOString());
    await saveBranding(trx, input, now.toISOString());
    await audit(
      trx,
      now,
      actor,
      'content.branding_updated',
      { type: 'settings', id: null },
      {
        brandName: input.brandName,
        primaryColor: input.primaryColor,
      },
    );
  });
  return getBrandingSettings(ctx);
}

const wrongLogo = () =>
  badRequest('logo_file_type', 'Le logo doit être une image PNG ou JPEG.', {
    file: 'Choisissez une image PNG ou JPEG',
  });

export const logoTooLarge = () =>
  badRequest('logo_too_large', `Logo trop volumineux (${LOGO_MAX_BYTES / 1024} ko au plus).`, {
    file: `Image trop volumineuse (${LOGO_MAX_BYTES / 1024} ko au plus)`,
  });

/** The previous logo file, removed from the storage once the change is committed. */
async function removeStoredFile(ctx: Ctx, storageKey: string | undefined) {
  if (!storageKey) return;
  try {
    await ctx.storage.remove(storageKey);
  } catch {
    // A file left behind is harmless: nothing points to it any more.
  }
}

/** Replaces the logo: PNG or JPEG from the bytes (an SVG or a disguised file is refused). */
export async function uploadLogo(
  ctx: Ctx,
  actor: StaffActor,
  file: { bytes: Buffer; fileName: string | undefined },
): Promise<BrandingSettings> {
  if (file.bytes.length > LOGO_MAX_BYTES) throw logoTooLarge();
  const mimeType = detectFileType(file.bytes, file.fileName, [PNG, JPEG]);
  if (!mimeType) throw wrongLogo();
  const fileName = fileNameFor('logo', mimeType);
  const current = await getBranding(ctx);
  const previous = await findLogoFile(ctx.db);
  const saved = await ctx.storage.save(file.bytes, { originalName: fileName, mimeType });
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await ensureSettingsRow(trx, current, now.toISOString());
      const fileId = await recordStoredFile(trx, {
        saved,
        name: fileName,
        mimeType,
        ownerKind: 'branding',
        ownerId: null,
        at: now.toISOString(),
      });
      await setLogo(trx, fileId, now.toISOString());
      if (previous) await deleteStoredFileRow(trx, previous.id);
      await audit(
        trx,
        now,
        actor,
        'content.logo_updated',
        { type: 'file', id: fileId },
        {
          mimeType,
          size: file.bytes.length,
        },
      );
    });
  } catch (err) {
    await removeStoredFile(ctx, saved.storageKey);
    throw err;
  }
  await removeStoredFile(ctx, previous?.storage_key);
  return getBrandingSettings(ctx);
}

/** Removes the logo (the portal then shows the insurer's name). */
export async function deleteLogo(ctx: Ctx, actor: StaffActor): Promise<BrandingSettings> {
  const previous = await findLogoFile(ctx.db);
  if (!previous) throw notFound('Aucun logo n’est configuré.');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await setLogo(trx, null, now.toISOString());
    await deleteStoredFileRow(trx, previous.id);
    await audit(trx, now, actor, 'content.logo_deleted', { type: 'file', id: previous.id });
  });
  await removeStoredFile(ctx, previous.storage_key);
  return getBrandingSettings(ctx);
}

// ---------------------------------------------------------------------------------------------
// Terms of use

/** Every version, newest first, with its number of acceptances. */
export async function listTermsVersions(ctx: Pick<AppContext, 'db'>): Promise<TermsVersion[]> {
  const rows = await findTermsVersions(ctx.db);
  const published = rows
    .filter((r) => r.published_at)
    .sort((a, b) => (a.published_at! < b.published_at! ? 1 : -1));
  const currentId = published[0]?.id;
  // Drafts first (the work in progress), then the published ones, newest first.
  const key = (r: (typeof rows)[number]) => r.published_at ?? `~${r.created_at}`;
  return rows
    .sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0))
    .map((r) => ({
      id: r.id,
      version: r.version,
      title: r.title,
      contentMarkdown: r.content_markdown,
      createdAt: r.created_at,
      publishedAt: r.published_at,
      current: r.id === currentId,
      acceptances: Number(r.acceptances),
    }));
}

async function termsVersion(ctx: Pick<AppContext, 'db'>, id: string): Promise<TermsVersion> {
  const found = (await listTermsVersions(ctx)).find((v) => v.id === id);
  if (!found) throw notFound('Version des conditions d’utilisation introuvable.');
  return found;
}

/** A new draft; its label must be new. */
export async function createTermsDraft(
  ctx: Ctx,
  actor: StaffActor,
  input: z.output<typeof TermsDraftSchema>,
): Promise<TermsVersion> {
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    if (await termsVersionExists(trx, input.version)) {
      throw badRequest('terms_version_taken', 'Ce numéro de version existe déjà.', {
        version: 'Ce numéro de version existe déjà',
      });
    }
    await insertTermsDraft(trx, { id, ...input, at: now.toISOString() });
    await audit(
      trx,
      now,
      actor,
      'content.terms_created',
      { type: 'terms', id },
      {
        version: input.version,
      },
    );
  });
  return termsVersion(ctx, id);
}

/**
 * Publishes a draft: it becomes the version in force, and every employer user accepts it at
 * their next sign-in (modules/auth/terms.service.ts).
 */
export async function publishTermsVersion(
  ctx: Ctx,
  actor: StaffActor,
  id: string,
): Promise<TermsVersion> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findTermsVersionRow(trx, id);
    if (!row) throw notFound('Version des conditions d’utilisation introuvable.');
    if (row.published_at) {
      throw conflict('terms_already_published', 'Cette version est déjà publiée.');
    }
    // Published strictly after the version in force, even when the clock has not moved.
    const latest = await latestPublication(trx);
    const at =
      latest && latest >= now.toISOString()
        ? new Date(new Date(latest).getTime() + 1).toISOString()
        : now.toISOString();
    await setTermsPublished(trx, id, at);
    await audit(
      trx,
      now,
      actor,
      'content.terms_published',
      { type: 'terms', id },
      {
        version: row.version,
      },
    );
  });
  return termsVersion(ctx, id);
}

// ---------------------------------------------------------------------------------------------
// « Conseils et astuces »

function toTip(r: {
  id: string;
  title: string;
  body: string;
  position: number;
  published: number;
  updated_at: string;
}): Tip {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    position: Number(r.position),
    published: Number(r.published) === 1,
    updatedAt: r.updated_at,
  };
}

/** Every tip, in the order of the home page. */
export async function listTips(ctx: Pick<AppContext, 'db'>): Promise<Tip[]> {
  return (await findTips(ctx.db)).map(toTip);
}

async function oneTip(ctx: Pick<AppContext, 'db'>, id: string): Promise<Tip> {
  const row = await findTip(ctx.db, id);
  if (!row) throw notFound('Conseil introuvable.');
  return toTip(row);
}

/** A new tip; without a position, it goes last. */
export async function createTip(
  ctx: Ctx,
  actor: StaffActor,
  input: z.output<typeof TipInputSchema>,
): Promise<Tip> {
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const position = input.position ?? ((await lastTipPosition(trx)) ?? 0) + 1;
    await insertTip(trx, {
      id,
      title: input.title,
      body: input.body,
      position,
      published: input.published,
      at: now.toISOString(),
    });
    await audit(
      trx,
      now,
      actor,
      'content.tip_created',
      { type: 'tip', id },
      {
        title: input.title,
        published: input.published,
      },
    );
  });
  return oneTip(ctx, id);
}

export async function updateTip(
  ctx: Ctx,
  actor: StaffActor,
  id: string,
  patch: z.output<typeof TipPatchSchema>,
): Promise<Tip> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await findTip(trx, id))) throw notFound('Conseil introuvable.');
    const set: Updateable<Database['tips']> = { updated_at: now.toISOString() };
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.body !== undefined) set.body = patch.body;
    if (patch.position !== undefined) set.position = patch.position;
    if (patch.published !== undefined) set.published = patch.published ? 1 : 0;
    await updateTipRow(trx, id, set);
    await audit(
      trx,
      now,
      actor,
      'content.tip_updated',
      { type: 'tip', id },
      {
        changed: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined),
      },
    );
  });
  return oneTip(ctx, id);
}

export async function deleteTip(ctx: Ctx, actor: StaffActor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const found = await findTip(trx, id);
    if (!found) throw notFound('Conseil introuvable.');
    await deleteTipRow(trx, id);
    await audit(
      trx,
      now,
      actor,
      'content.tip_deleted',
      { type: 'tip', id },
      {
        title: found.title,
      },
    );
  });
}
