/**
 * The dispense part of the employee's form (issue 19, decision 0012): the cases the contract
 * allows with whether this employment fits each (`EnrolmentDispense`), and the proofs uploaded
 * before « Envoyer ma demande de dispense » (`dispense_files` without a dispense yet). The rules
 * are @affilia/shared/domain/dispense's; the request itself is written by
 * commands/request-dispense.ts.
 */
import {
  allowedDispenseCases,
  dispenseConditionError,
  type DispenseCaseCode,
} from '@affilia/shared/domain/dispense';
import type { DispenseFile, EnrolmentDispense } from '@affilia/shared/schemas/dispenses';
import type { AffiliationRequest } from '../../db/schema';
import { storeCheckedProof } from '../../lib/checked-file';
import type { AppContext } from '../../lib/context';
import { badRequest, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { recordStoredFile } from '../../lib/stored-files';
import { toDispenseFiles, toDispenseSummary } from '../dispenses/dispense-views';
import {
  findContractDispenseCases,
  insertDispenseFile,
  listPendingProofs,
  listRequestDispenses,
} from '../dispenses/dispenses.repository';
import { linkRequestIn } from './form-access';
import { deletePendingProof } from './dispense-form.repository';

/** Proofs waiting in the form at most (the BIA's attachments allow as many). */
export const DISPENSE_PROOFS_MAX = 10;

/**
 * The form's `dispense`: `renewal` for a request already « Dispensé » (the link was sent to renew
 * it), else `choice`; the contract's cases, each with `conditionError` on this employment; the
 * latest dispense of the request (in force, waiting, or refused with its reason); the proofs
 * uploaded and not yet sent.
 */
export async function getEnrolmentDispense(
  ctx: Pick<AppContext, 'db'>,
  request: AffiliationRequest,
): Promise<EnrolmentDispense> {
  const [contractCases, dispenses, pending] = await Promise.all([
    findContractDispenseCases(ctx.db, request.contract_id),
    listRequestDispenses(ctx.db, request.id),
    listPendingProofs(ctx.db, request.id),
  ]);
  const employment = {
    contractType: request.employment_contract_type,
    startDate: request.employment_start_date,
    endDate: request.employment_end_date,
  };
  const latest = dispenses[0];
  return {
    mode: request.status === 'dispensed' ? 'renewal' : 'choice',
    cases: allowedDispenseCases(contractCases).map((c) => ({
      code: c.code as DispenseCaseCode,
      label: c.label,
      legalSource: c.legalSource,
      source: c.source,
      proof: c.proof,
      yearlyRenewal: c.yearlyRenewal,
      endRule: c.endRule,
      asksOtherPlan: c.asksOtherPlan,
      conditionError: dispenseConditionError(c.code as DispenseCaseCode, employment),
    })),
    employmentEndDate: request.employment_end_date,
    current: latest ? toDispenseSummary(latest) : null,
    pendingProofs: toDispenseFiles(pending, undefined),
  };
}

/** Adds one proof to the form (bytes read within the size limit), while the link is open. */
export async function addDispenseProof(
  ctx: AppContext,
  request: AffiliationRequest,
  input: { bytes: Buffer; fileName: string | undefined },
): Promise<DispenseFile> {
  const { saved, originalName, mimeType } = await storeCheckedProof(ctx.storage, input);
  const at = ctx.clock.now().toISOString();
  const id = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await linkRequestIn(trx, request);
      if ((await listPendingProofs(trx, request.id)).length >= DISPENSE_PROOFS_MAX) {
        throw badRequest(
          'too_many_attachments',
          `${DISPENSE_PROOFS_MAX} justificatifs au plus : supprimez-en un avant d’en ajouter.`,
          { file: `${DISPENSE_PROOFS_MAX} justificatifs au plus` },
        );
      }
      const fileId = await recordStoredFile(trx, {
        saved,
        name: originalName,
        mimeType,
        ownerKind: 'dispense',
        ownerId: request.id,
        at,
      });
      await insertDispenseFile(trx, {
        id,
        request_id: request.id,
        dispense_id: null,
        file_id: fileId,
        kind: 'proof',
        created_at: at,
      });
    });
  } catch (err) {
    await ctx.storage.remove(saved.storageKey);
    throw err;
  }
  return { id, kind: 'proof', originalName, mimeType, size: saved.size, createdAt: at };
}

/** Removes a proof not yet sent (one already sent with a request stays: 404). */
export async function removeDispenseProof(
  ctx: AppContext,
  request: AffiliationRequest,
  proofId: string,
): Promise<void> {
  const storageKey = await ctx.db.transaction().execute(async (trx) => {
    await linkRequestIn(trx, request);
    const key = await deletePendingProof(trx, request.id, proofId);
    if (key === undefined) throw notFound('Ce justificatif est introuvable.');
    return key;
  });
  await ctx.storage.remove(storageKey);
}
