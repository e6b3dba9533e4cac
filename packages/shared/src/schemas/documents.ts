import { z } from 'zod';
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
