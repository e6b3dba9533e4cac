import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MeSchema } from '@affilia/shared/schemas/auth';
import {
  ChangeEmailRequestSchema,
  ChangeEmailResultSchema,
  ChangePasswordRequestSchema,
  ChangePasswordResultSchema,
  ConfirmEmailChangeRequestSchema,
  ConfirmEmailChangeResultSchema,
  UpdateProfileRequestSchema,
  VerifyPhoneCodeRequestSchema,
} from '@affilia/shared/schemas/profile';
import {
  SendPhoneCodeRequestSchema,
  SendPhoneCodeResultSchema,
} from '@affilia/shared/schemas/profile-phone';
import { requestMeta } from '../../lib/request-meta';
import {
  changePassword,
  confirmEmailChange,
  requestEmailChange,
  sendPhoneChangeCode,
  updateProfile,
  verifyPhoneChange,
} from './profile.service';

const tags = ['profile'];

/** « Mon profil » (SPEC §4.4), under /api/profile (account scope). */
export const profileRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.patch(
    '',
    {
      schema: {
        tags,
        summary: 'Change my names',
        body: UpdateProfileRequestSchema,
        response: { 200: MeSchema },
      },
    },
    async (request) => updateProfile(ctx, request.account.user, request.body, requestMeta(request)),
  );

  app.post(
    '/email',
    {
      schema: {
        tags,
        summary: 'Change my email: a link to the new address (after my password)',
        body: ChangeEmailRequestSchema,
        response: { 200: ChangeEmailResultSchema },
      },
    },
    async (request) =>
      requestEmailChange(ctx, request.account.user, request.body, requestMeta(request)),
  );

  app.post(
    '/phone/send-code',
    {
      schema: {
        tags,
        summary: 'Change my mobile: a code by SMS to the new number (after my password)',
        body: SendPhoneCodeRequestSchema,
        response: { 200: SendPhoneCodeResultSchema },
      },
    },
    async (request) =>
      sendPhoneChangeCode(ctx, request.account, request.body, requestMeta(request)),
  );

  app.post(
    '/phone/verify',
    {
      schema: {
        tags,
        summary: 'Check the code of the new number; the number is replaced',
        body: VerifyPhoneCodeRequestSchema,
        response: { 200: MeSchema },
      },
    },
    async (request) =>
      verifyPhoneChange(ctx, request.account, request.body.code, requestMeta(request)),
  );

  app.post(
    '/password',
    {
      schema: {
        tags,
        summary: 'Change my password (my other sessions end)',
        body: ChangePasswordRequestSchema,
        response: { 200: ChangePasswordResultSchema },
      },
    },
    async (request) => changePassword(ctx, request.account, request.body, requestMeta(request)),
  );
};

/** The link of the email that confirms a new address, under /api/profile/email (public scope: the link is the proof). */
export const profileEmailLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.post(
    '/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm the new email address from the link (public)',
        body: ConfirmEmailChangeRequestSchema,
        response: { 200: ConfirmEmailChangeResultSchema },
      },
    },
    async (request) => confirmEmailChange(ctx, request.body.token, requestMeta(request)),
  );
};
