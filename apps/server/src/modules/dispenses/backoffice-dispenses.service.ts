/**
 * The insurer's « Dispenses » queue (issue 19): the requests of dispense by status, one with the
 * employee's identity, contract and employment, whether the contract provides the case and the
 * employment fits it, its files and the request's earlier dispenses; « Valider la dispense » and
 * « Refuser » (commands/decide-dispense.ts). Staff see every company.
 */
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import {
  dispenseCase,
  dispenseConditionError,
  type DispenseCaseCode,
  type OtherPlanType,
} from '@affilia/shared/domain/dispense';
import type {
  BackofficeDispense,
  BackofficeDispenseQueue,
  BackofficeDispenseQueueQuerySchema,
} from '@affilia/shared/schemas/dispenses';
import {
  decideDispense as decideDispenseCommand,
  dispenseNotFound,
  type DispenseDecision,
} from '../../commands/decide-dispense';
import type { AppContext } from '../../lib/context';
import type { StaffActor } from '../backoffice/backoffice.service';
import { returnLinkDays } from '../backoffice/return-to-employee';
import { displayNir } from '../enrolment/enrolment.repository';
import { employerRecipients } from '../enrolment/enrolment.service';
import { getBranding } from '../settings/settings.service';
import {
  findBackofficeDispense,
  findDispenseQueue,
  type BackofficeDispenseRow,
} from './backoffice-dispenses.repository';
import { toDispenseFiles, toDispenseSummary } from './dispense-views';
import {
  findContractDispenseCases,
  findDispenseDownload,
  findDispensePdf,
  listDispenseFiles,
  listRequestDispenses,
} from './dispenses.repository';
import { openStoredFile } from '../../lib/stored-files';

const QUEUE_LIMIT = 500;

type QueueRow = Awaited<ReturnType<typeof findDispenseQueue>>[number];

function queueItem(r: QueueRow) {
  return {
    id: r.id,
    requestId: r.request_id,
    status: r.status,
    origin: r.origin,
    isRenewal: r.renews_dispense_id !== null,
    caseCode: r.case_code as DispenseCaseCode,
    lastName: r.last_name,
    firstName: r.first_name,
    companyName: r.company_name,
    siren: r.siren,
    establishmentName: r.establishment_name,
    siret: r.siret,
    createdAt: r.created_at,
  };
}

/** GET /api/backoffice/dispenses — 500 at most (`truncated` beyond). */
export async function listDispenseQueue(
  ctx: AppContext,
  query: z.output<typeof BackofficeDispenseQueueQuerySchema>,
): Promise<BackofficeDispenseQueue> {
  const rows = await findDispenseQueue(ctx.db, query.status, QUEUE_LIMIT + 1);
  return {
    truncated: rows.length > QUEUE_LIMIT,
    items: rows.slice(0, QUEUE_LIMIT).map(queueItem),
  };
}

async function loadDispense(ctx: AppContext, id: string): Promise<BackofficeDispenseRow> {
  const row = await findBackofficeDispense(ctx.db, id);
  if (!row) throw dispenseNotFound();
  return row;
}

/** GET /api/backoffice/dispenses/:id */
export async function getBackofficeDispense(
  ctx: AppContext,
  id: string,
): Promise<BackofficeDispense> {
  const r = await loadDispense(ctx, id);
  const code = r.case_code as DispenseCaseCode;
  const [allowed, files, pdf, history] = await Promise.all([
    findContractDispenseCases(ctx.db, r.contract_id),
    listDispenseFiles(ctx.db, r.id),
    findDispensePdf(ctx.db, r),
    listRequestDispenses(ctx.db, r.request_id),
  ]);
  return {
    ...queueItem(r),
    nir: displayNir(ctx.cipher.decrypt(r.nir_encrypted)),
    birthDate: r.birth_date,
    email: r.email,
    contractLabel: r.contract_label,
    contractNumber: r.contract_number,
    employmentContractType: r.employment_contract_type,
    employmentStartDate: r.employment_start_date,
    employmentEndDate: r.employment_end_date,
    affiliationDate: r.affiliation_date,
    otherPlanType: r.other_plan_type as OtherPlanType | null,
    justificationEndDate: r.justification_end_date,
    effectiveDate: r.effective_date,
    endDate: r.end_date,
    renewalDueDate: r.renewal_due_date,
    signedOn: r.signed_on,
    swornStatement: r.sworn_statement,
    caseAllowed: dispenseCase(code).source === 'de_droit' || allowed.includes(code),
    conditionError: dispenseConditionError(code, {
      contractType: r.employment_contract_type,
      startDate: r.employment_start_date,
      endDate: r.employment_end_date,
    }),
    refusalReason: r.refusal_reason,
    decidedAt: r.decided_at,
    files: toDispenseFiles(files, pdf),
    history: history.map(toDispenseSummary),
  };
}

/** GET /api/backoffice/dispenses/:id/files/:fileId — a proof, the signed request or the PDF. */
export async function getDispenseFile(
  ctx: AppContext,
  id: string,
  fileId: string,
): Promise<{ bytes: Readable; fileName: string; mimeType: string }> {
  const r = await loadDispense(ctx, id);
  return openStoredFile(ctx.storage, await findDispenseDownload(ctx.db, r, fileId));
}

/** POST /api/backoffice/dispenses/:id/validate and /refuse. */
export async function decideDispense(
  ctx: AppContext,
  actor: StaffActor,
  id: string,
  decision: DispenseDecision,
): Promise<BackofficeDispense> {
  const r = await loadDispense(ctx, id);
  // Read before the transaction (reading ctx.db inside one waits on SQLite).
  const recipients = await employerRecipients(ctx, r.company_id, r.establishment_id);
  const branding = await getBranding(ctx);
  const expiryDays = await returnLinkDays(ctx);
  await decideDispenseCommand(ctx, actor, {
    dispenseId: id,
    decision,
    recipients,
    branding,
    expiryDays,
  });
  ctx.outboxWorker?.wake();
  return getBackofficeDispense(ctx, id);
}
