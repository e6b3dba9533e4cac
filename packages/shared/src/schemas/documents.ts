import { z } from 'zod';
// French messages for every check these schemas do not word themselves (issue 14 #14).
import '../validators/zod-errors';
import { DOCUMENT_CATEGORIES } from '../domain/enums';

/** « Mes documents pratiques » (SPEC §5.6): the search of the employer's list. */
export const DocumentsQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.enum(DOCUMENT_CATEGORIES).optional(),
});
export type DocumentsQuery = z.infer<typeof DocumentsQuerySchema>;

/** A published document as the employer sees it (the current version's file). */
export const EmployerDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  category: z.enum(DOCUMENT_CATEGORIES),
  publishedAt: z.string().nullable(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
});
export type EmployerDocument = z.infer<typeof EmployerDocumentSchema>;

/** The list grouped by category, in the order of DOCUMENT_CATEGORIES; empty groups left out. */
export const EmployerDocumentsSchema = z.object({
  groups: z.array(
    z.object({
      category: z.enum(DOCUMENT_CATEGORIES),
      documents: z.array(EmployerDocumentSchema),
    }),
  ),
});
export type EmployerDocuments = z.infer<typeof EmployerDocumentsSchema>;

export const DocumentIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const DocumentVersionParamsSchema = DocumentIdParamsSchema.extend({
  versionId: z.string().min(1).max(64),
});

// ---------------------------------------------------------------------------------------------
// Back office (SPEC §6): the insurer's documents.

export const DOCUMENT_SCOPES = ['all', 'ccn', 'company'] as const;
export const DOCUMENT_STATUSES = ['draft', 'published', 'unpublished'] as const;

/** The metadata of a document (the fields of the multipart form, or the JSON of PATCH). */
export const DocumentMetadataSchema = z
  .object({
    title: z.string().trim().min(1, 'Indiquez un titre').max(200),
    description: z.string().trim().max(2000).nullable().optional(),
    category: z.enum(DOCUMENT_CATEGORIES, { message: 'Choisissez une catégorie' }),
    scope: z.enum(DOCUMENT_SCOPES, { message: 'Choisissez les destinataires' }),
    idcc: z.string().trim().nullable().optional(),
    companyId: z.string().trim().nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'ccn' && !/^\d{1,4}$/.test(v.idcc ?? '')) {
      ctx.addIssue({ code: 'custom', path: ['idcc'], message: 'Indiquez l’IDCC (4 chiffres)' });
    }
    if (v.scope === 'company' && !v.companyId) {
      ctx.addIssue({ code: 'custom', path: ['companyId'], message: 'Choisissez l’entreprise' });
    }
  });
export type DocumentMetadata = z.infer<typeof DocumentMetadataSchema>;

export const BackofficeDocumentVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});

export const BackofficeDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  category: z.enum(DOCUMENT_CATEGORIES),
  scope: z.enum(DOCUMENT_SCOPES),
  idcc: z.string().nullable(),
  /** The name of the collective agreement of that IDCC, as the companies carry it. */
  ccnName: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  status: z.enum(DOCUMENT_STATUSES),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  currentVersionId: z.string().nullable(),
  /** Newest first. */
  versions: z.array(BackofficeDocumentVersionSchema),
});
export type BackofficeDocument = z.infer<typeof BackofficeDocumentSchema>;

export const BackofficeDocumentsSchema = z.object({ documents: z.array(BackofficeDocumentSchema) });
export type BackofficeDocuments = z.infer<typeof BackofficeDocumentsSchema>;

/** The largest document accepted (SPEC §9). */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;
