import type { AuditEntry } from '../../lib/audit';
import { badRequest } from '../../lib/errors';
import type { EmployerActor } from '../../lib/policies';
import type { RequestMeta } from '../../lib/request-meta';

/** What the employer's affiliation service and the pré-affiliation command both use. */
export const fieldError = (fields: Record<string, string>) =>
  badRequest(
    'validation_error',
    'Certaines informations sont invalides : vérifiez les champs signalés.',
    fields,
  );

/** The audit entry of an employer's action on a request, without its action name. */
export function auditOf(
  actor: EmployerActor,
  meta: RequestMeta,
  companyId: string,
  requestId: string,
): Omit<AuditEntry, 'action'> {
  return {
    actorUserId: actor.user.id,
    actorKind: 'employer',
    companyId,
    targetType: 'affiliation_request',
    targetId: requestId,
    ip: meta.ip,
    userAgent: meta.userAgent,
  };
}
