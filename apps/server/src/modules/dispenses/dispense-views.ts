/**
 * A dispense and its files as every side shows them (the insurer's detail, the employer's
 * detail, the employee's form): DispenseSummary and DispenseFile of
 * @affilia/shared/schemas/dispenses, from the rows of dispenses.repository.ts.
 */
import type { DispenseCaseCode, OtherPlanType } from '@affilia/shared/domain/dispense';
import type { DispenseFile, DispenseSummary } from '@affilia/shared/schemas/dispenses';
import type { DispenseFileRow, DispenseRow } from './dispenses.repository';

export function toDispenseSummary(row: DispenseRow): DispenseSummary {
  return {
    id: row.id,
    status: row.status,
    origin: row.origin,
    caseCode: row.case_code as DispenseCaseCode,
    otherPlanType: row.other_plan_type as OtherPlanType | null,
    justificationEndDate: row.justification_end_date,
    effectiveDate: row.effective_date,
    endDate: row.end_date,
    renewalDueDate: row.renewal_due_date,
    signedOn: row.signed_on,
    refusalReason: row.refusal_reason,
    decidedAt: row.decided_at,
    isRenewal: row.renews_dispense_id !== null,
    createdAt: row.created_at,
  };
}

/** The PDF the form made with the sworn statement, listed as the signed request. */
export interface DispensePdfRow {
  id: string;
  original_name: string;
  mime_type: string;
  size: number;
  created_at: string;
}

/**
 * The files of a dispense: its proofs and signed request (id: the dispense_files row), then the
 * request's PDF (id: its stored file), each downloadable by that id.
 */
export function toDispenseFiles(
  files: readonly DispenseFileRow[],
  pdf: DispensePdfRow | undefined,
): DispenseFile[] {
  const listed: DispenseFile[] = files.map((f) => ({
    id: f.id,
    kind: f.kind,
    originalName: f.original_name,
    mimeType: f.mime_type,
    size: Number(f.size),
    createdAt: f.created_at,
  }));
  if (pdf) {
    listed.push({
      id: pdf.id,
      kind: 'signed_request',
      originalName: pdf.original_name,
      mimeType: pdf.mime_type,
      size: Number(pdf.size),
      createdAt: pdf.created_at,
    });
  }
  return listed;
}
