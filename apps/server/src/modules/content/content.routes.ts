import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BrandingSettingsSchema,
  BrandingUpdateSchema,
  ContentIdParamsSchema,
  LOGO_MAX_BYTES,
  TermsDraftSchema,
  TermsVersionSchema,
  TermsVersionsSchema,
  TipInputSchema,
  TipPatchSchema,
  TipSchema,
  TipsSchema,
} from '@affilia/shared/schemas/content';
import { badRequest } from '../../lib/errors';
import { readUpload } from '../../lib/upload';
import {
  createTermsDraft,
  createTip,
  deleteLogo,
  deleteTip,
  getBrandingSettings,
  listTermsVersions,
  listTips,
  logoTooLarge,
  publishTermsVersion,
  updateBranding,
  updateTip,
  uploadLogo,
} from './content.service';

const tags = ['backoffice'];
const Ok = z.object({ ok: z.literal(true) });

const noFile = () =>
  badRequest('logo_file_missing', 'Choisissez une image à envoyer.', {
    file: 'Choisissez une image PNG ou JPEG',
  });

/** The one image of a multipart upload (field `file`). */
const readLogo = (request: FastifyRequest) =>
  readUpload(request, {
    maxBytes: LOGO_MAX_BYTES,
    maxFields: 2,
    noFile,
    tooLarge: logoTooLarge,
    tooMany: () =>
      badRequest('logo_too_many_files', 'Envoyez une seule image.', {
        file: 'Une seule image à la fois',
      }),
  });

/** The insurer’s branding and logo (administrators change them). */
const brandingRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'The insurer’s branding as the back office edits it',
        response: { 200: BrandingSettingsSchema },
      },
    },
    async () => getBrandingSettings(ctx),
  );

  app.put(
    '',
    {
      config: { staffPermission: 'backoffice.administer' },
      schema: {
        tags,
        summary: 'Change the name, colour and support contacts (back-office administrators)',
        body: BrandingUpdateSchema,
        response: { 200: BrandingSettingsSchema },
      },
    },
    async (request) => updateBranding(ctx, request.staff, request.body),
  );

  app.post(
    '/logo',
    {
      config: { staffPermission: 'backoffice.administer' },
      schema: {
        tags,
        summary: `Replace the logo (multipart: file; PNG or JPEG, ${LOGO_MAX_BYTES / 1024} kB at most)`,
        consumes: ['multipart/form-data'],
        response: { 200: BrandingSettingsSchema },
      },
    },
    async (request) => {
      const actor = request.staff;
      return uploadLogo(ctx, actor, await readLogo(request));
    },
  );

  app.delete(
    '/logo',
    {
      config: { staffPermission: 'backoffice.administer' },
      schema: {
        tags,
        summary: 'Remove the logo (back-office administrators)',
        response: { 200: BrandingSettingsSchema },
      },
    },
    async (request) => deleteLogo(ctx, request.staff),
  );
};

/** The versions of the terms of use (administrators publish them). */
const termsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Every version of the terms of use, with its number of acceptances',
        response: { 200: TermsVersionsSchema },
      },
    },
    async () => ({ versions: await listTermsVersions(ctx) }),
  );

  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'A new version of the terms of use, as a draft (published by an administrator)',
        body: TermsDraftSchema,
        response: { 201: TermsVersionSchema },
      },
    },
    async (request, reply) => {
      const actor = request.staff;
      return reply.code(201).send(await createTermsDraft(ctx, actor, request.body));
    },
  );

  app.post(
    '/:id/publish',
    {
      config: { staffPermission: 'backoffice.administer' },
      schema: {
        tags,
        summary: 'Publish a version: every employer user accepts it at their next sign-in',
        params: ContentIdParamsSchema,
        response: { 200: TermsVersionSchema },
      },
    },
    async (request) => publishTermsVersion(ctx, request.staff, request.params.id),
  );
};

/** « Conseils et astuces » of the employer home page. */
const tipsRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '',
    {
      schema: {
        tags,
        summary: '« Conseils et astuces », in the order of the home page',
        response: { 200: TipsSchema },
      },
    },
    async () => ({ tips: await listTips(ctx) }),
  );

  app.post(
    '',
    {
      schema: { tags, summary: 'Add a tip', body: TipInputSchema, response: { 201: TipSchema } },
    },
    async (request, reply) => {
      const actor = request.staff;
      return reply.code(201).send(await createTip(ctx, actor, request.body));
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a tip (title, text, position, published)',
        params: ContentIdParamsSchema,
        body: TipPatchSchema,
        response: { 200: TipSchema },
      },
    },
    async (request) => updateTip(ctx, request.staff, request.params.id, request.body),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a tip',
        params: ContentIdParamsSchema,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await deleteTip(ctx, request.staff, request.params.id);
      return { ok: true as const };
    },
  );
};

/** Back office: branding, versions of the terms of use, « Conseils et astuces » (under /api/backoffice/content). */
export const contentRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(brandingRoutes, { prefix: '/branding' });
  await app.register(termsRoutes, { prefix: '/terms' });
  await app.register(tipsRoutes, { prefix: '/tips' });
};
