/**
 * A request of dispense d'affiliation (issue 19), the one writer for its three ways in: the
 * employee's online form (the first request, or in renewal mode the yearly proof) and the
 * employer's record of a signed paper request. The rules come from @affilia/shared/domain/dispense
 * (CSS art. L911-7-1, D911-2, R242-1-6); the HTTP shapes from @affilia/shared/schemas/dispenses.
 */
import {
  dispenseCase,
  dispenseConditionError,
  dispenseEndDate,
  renewalDueDate,
  swornStatement,
  type DispenseCaseCode,
  type DispenseOrigin,
} from '@affilia/shared/domain/dispense';
import { nextDay } from '@affilia/shared/domain/radiation';
import type { AffiliationRequest } from '../db/schema';
import { recordAudit } from '../lib/audit';
import type { CheckedFile } from '../lib/checked-file';
import { parisDate } from '../lib/clock';
import type { AppContext } from '../lib/context';
import { AppError, badRequest, conflict } from '../lib/errors';
import { newId } from '../lib/ids';
import type { RequestMeta } from '../lib/request-meta';
import { recordStoredFile } from '../lib/stored-files';
import { loadRequest } from '../modules/affiliations/affiliations.repository';
import { recordStatusChange } from '../modules/affiliations/status';
import {
  attachPendingProofs,
  findContractDispenseCases,
  findRequestDispense,
  insertDispense,
  insertDispenseFile,
  updateDispense,
  type DispenseRow,
} from '../modules/dispenses/dispenses.repository';

/** The statuses from which a first dispense may be asked (the form is still the employee's). */
const FIRST_REQUEST_FROM = ['sent', 'started', 'returned'] as const;

export interface DispenseCaseInput {
  caseCode: DispenseCaseCode;
  otherPlanType: string | null;
  justificationEndDate: string | null;
}

export type DispenseActor = { kind: 'employee' } | { kind: 'employer'; userId: string };

export interface RequestDispenseInput {
  /** The request as loaded by the caller (through the employee's link or the perimeter). */
  request: AffiliationRequest;
  fields: DispenseCaseInput;
  origin: DispenseOrigin;
  actor: DispenseActor;
  /** Paper: the date on the signed form. Online: today (Europe/Paris). */
  signedOn?: string;
  /** Files already stored by the caller (lib/checked-file.ts), recorded in the transaction. */
  files?: readonly (CheckedFile & { kind: 'proof' | 'signed_request' })[];
  /** The request's PDF with the sworn statement (online), stored by the caller. */
  pdf?: CheckedFile;
  meta?: RequestMeta;
  /**
   * Run in the transaction after the dispense is written (notify the employer, the link's end):
   * the caller's part of the same all-or-nothing change.
   */
  then?: (trx: AppContext['db'], dispense: DispenseRow) => Promise<void>;
}

/**
 * Checks the case against the contract and the employment, then in one transaction: the dispense
 * (its end and renewal dates computed, the sworn statement's text as signed), its files (the
 * pending proofs of the form, the given ones, the PDF), the request « Dispense demandée » (first
 * request) with its history row, the audit line, and the caller's `then`. A renewal (the request
 * is « Dispensé ») starts where the dispense in force is due. On a failure nothing is written;
 * the caller removes the files it stored.
 */
export async function requestDispense(
  ctx: AppContext,
  input: RequestDispenseInput,
): Promise<DispenseRow> {
  const { request, fields } = input;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const today = parisDate(now);
  await checkCase(ctx, request, fields);
  const signedOn = checkSignedOn(input.signedOn ?? today, today);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await loadRequest(trx, request.id);
    const renewed =
      current.status === 'dispensed'
        ? await findRequestDispense(trx, request.id, 'validated')
        : undefined;
    if (current.status !== 'dispensed' && !isOneOf(FIRST_REQUEST_FROM, current.status))
      throw dispenseNotPossible();
    if (current.status === 'dispensed' && !renewed) throw dispenseNotPossible();
    if (await findRequestDispense(trx, request.id, 'requested')) throw dispenseAlreadyRequested();

    const effectiveDate = renewed ? renewalStart(renewed) : request.affiliation_date;
    const endDate = dispenseEndDate(fields.caseCode, {
      justificationEndDate: fields.justificationEndDate,
      employmentEndDate: request.employment_end_date,
    });
    if (endDate && endDate < effectiveDate) throw endBeforeStart(fields.caseCode);
    const row: DispenseRow = {
      id: newId(),
      request_id: request.id,
      company_id: request.company_id,
      establishment_id: request.establishment_id,
      renews_dispense_id: renewed?.id ?? null,
      status: 'requested',
      origin: input.origin,
      case_code: fields.caseCode,
      other_plan_type: dispenseCase(fields.caseCode).asksOtherPlan ? fields.otherPlanType : null,
      justification_end_date: fields.justificationEndDate,
      effective_date: effectiveDate,
      end_date: endDate,
      renewal_due_date: renewalDueDate(fields.caseCode, effectiveDate, endDate),
      signed_on: signedOn,
      sworn_statement: swornStatement({
        fullName: `${request.first_name} ${request.last_name}`,
        caseLabel: dispenseCase(fields.caseCode).label,
      }),
      pdf_file_id: null,
      created_by_user_id: input.actor.kind === 'employer' ? input.actor.userId : null,
      decided_at: null,
      decided_by: null,
      refusal_reason: null,
      reminded_deadline: null,
      reminded_at: null,
      expired_at: null,
      ended_at: null,
      created_at: at,
      updated_at: at,
    };
    await insertDispense(trx, row);
    const proofs = await recordFiles(trx, input, row, at);
    if (dispenseCase(fields.caseCode).proof && proofs === 0) throw proofRequired();
    if (!renewed) {
      await recordStatusChange(trx, {
        requestId: request.id,
        from: current.status,
        to: 'dispense_requested',
        actor: input.actor,
        now,
      });
    }
    await recordAudit(trx, now, {
      action: renewed
        ? 'dispense.renewal_requested'
        : input.origin === 'paper'
          ? 'dispense.recorded'
          : 'dispense.requested',
      actorKind: input.actor.kind,
      actorUserId: input.actor.kind === 'employer' ? input.actor.userId : null,
      companyId: request.company_id,
      targetType: 'dispense',
      targetId: row.id,
      ip: input.meta?.ip ?? null,
      userAgent: input.meta?.userAgent ?? null,
      details: { dispenseCase: fields.caseCode, endDate, deadline: row.renewal_due_date },
    });
    await input.then?.(trx, row);
    return row;
  });
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** A renewal takes over on the day the dispense in force is due (or the day after it ends). */
function renewalStart(renewed: DispenseRow): string {
  if (renewed.renewal_due_date) return renewed.renewal_due_date;
  return renewed.end_date ? nextDay(renewed.end_date) : renewed.effective_date;
}

async function checkCase(ctx: AppContext, request: AffiliationRequest, fields: DispenseCaseInput) {
  const rule = dispenseCase(fields.caseCode);
  if (rule.source === 'founding_act') {
    const allowed = await findContractDispenseCases(ctx.db, request.contract_id);
    if (!allowed.includes(fields.caseCode)) {
      throw badRequest(
        'dispense_case_not_allowed',
        'Le contrat de votre entreprise ne prévoit pas ce cas de dispense.',
        { caseCode: 'Ce cas n’est pas prévu par le contrat' },
      );
    }
  }
  const conditionError = dispenseConditionError(fields.caseCode, {
    contractType: request.employment_contract_type,
    startDate: request.employment_start_date,
    endDate: request.employment_end_date,
  });
  if (conditionError)
    throw badRequest('dispense_condition_unmet', conditionError, { caseCode: conditionError });
}

function checkSignedOn(signedOn: string, today: string): string {
  if (signedOn > today) {
    throw badRequest('validation_error', 'La date de signature ne peut pas être dans le futur.', {
      signedOn: 'La date de signature ne peut pas être dans le futur',
    });
  }
  return signedOn;
}

/** Records the files; gives how many proofs the dispense has. */
async function recordFiles(
  trx: AppContext['db'],
  input: RequestDispenseInput,
  row: DispenseRow,
  at: string,
): Promise<number> {
  let proofs = await attachPendingProofs(trx, input.request.id, row.id);
  const record = async (file: CheckedFile, ownerKind: string) =>
    recordStoredFile(trx, {
      saved: file.saved,
      name: file.originalName,
      mimeType: file.mimeType,
      ownerKind,
      ownerId: row.id,
      at,
    });
  for (const file of input.files ?? []) {
    const fileId = await record(file, 'dispense');
    await insertDispenseFile(trx, {
      id: newId(),
      request_id: input.request.id,
      dispense_id: row.id,
      file_id: fileId,
      kind: file.kind,
      created_at: at,
    });
    if (file.kind === 'proof') proofs += 1;
  }
  if (input.pdf) {
    const fileId = await record(input.pdf, 'dispense_pdf');
    await updateDispense(trx, row.id, { pdf_file_id: fileId });
    row.pdf_file_id = fileId;
  }
  return proofs;
}

const dispenseNotPossible = () =>
  new AppError(
    'invalid_transition',
    409,
    'Une dispense ne peut plus être demandée pour cette demande d’affiliation dans son état actuel.',
  );
const dispenseAlreadyRequested = () =>
  conflict(
    'dispense_already_requested',
    'Une demande de dispense attend déjà la vérification de l’assureur.',
  );
const proofRequired = () =>
  badRequest(
    'dispense_proof_required',
    'Joignez le justificatif demandé pour ce cas de dispense.',
    {
      proofs: 'Joignez le justificatif demandé',
    },
  );
function endBeforeStart(code: DispenseCaseCode) {
  const field =
    dispenseCase(code).endRule === 'justification_end' ? 'justificationEndDate' : 'caseCode';
  return badRequest(
    'dispense_already_ended',
    'La justification se termine avant la date à laquelle la dispense prendrait effet : l’adhésion est obligatoire.',
    { [field]: 'Cette date précède la date d’affiliation' },
  );
}
