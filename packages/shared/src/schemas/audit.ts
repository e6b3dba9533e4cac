/** The back office's « Journal d'audit » (SPEC §8): filters, rows, retention. */
import { z } from 'zod';
import { CompanyRefSchema } from './fields';
// French messages for every check these schemas do not word themselves (issue 14 #14).
import '../validators/zod-errors';

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Saisissez une date (AAAA-MM-JJ)' })
  .optional()
  .or(z.literal('').transform(() => undefined));

const filterText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${max} caractères au plus` })
    .optional()
    .transform((v) => (v ? v : undefined));

/** The filters of the viewer and of its export: dates are Paris calendar days, inclusive. */
export const AuditFiltersSchema = z.object({
  /** An email (exact, any case) or a user id. */
  actor: filterText(254),
  /** A SIREN (spaces allowed) or a company id. */
  company: filterText(64),
  /** An action or its beginning, e.g. « auth. » or « users.invited ». */
  action: filterText(100),
  from: isoDate,
  to: isoDate,
});
export type AuditFilters = z.output<typeof AuditFiltersSchema>;

export const AUDIT_PAGE_SIZE = 50;

export const AuditQuerySchema = AuditFiltersSchema.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(10).max(200).default(AUDIT_PAGE_SIZE),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorKind: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  company: CompanyRefSchema.nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** « Chrome sur Windows »: the browser and OS family read from `userAgent`. */
  browser: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Newest first; `hasMore` says whether a next page exists. */
export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  page: z.number(),
  pageSize: z.number(),
  hasMore: z.boolean(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const AUDIT_RETENTION_MIN_DAYS = 30;
export const AUDIT_RETENTION_MAX_DAYS = 3650;

export const AuditRetentionSchema = z.object({
  days: z.coerce
    .number({ error: 'Saisissez un nombre de jours' })
    .int({ error: 'Saisissez un nombre entier de jours' })
    .min(AUDIT_RETENTION_MIN_DAYS, { error: `${AUDIT_RETENTION_MIN_DAYS} jours au moins` })
    .max(AUDIT_RETENTION_MAX_DAYS, { error: `${AUDIT_RETENTION_MAX_DAYS} jours au plus (10 ans)` }),
});
export type AuditRetention = z.output<typeof AuditRetentionSchema>;
