import type { RadiationDetail } from '@affilia/shared/schemas/radiations';
import { PORTABILITY_REFUSAL_LABELS } from '@affilia/shared/domain/radiation';
import { formatFrenchDate } from '@affilia/shared/validators/dates';

/*
 * What « Traiter la radiation » does (issue 18), said before it is done and once done: the end of
 * the coverage and the portability computed by the server. The radiation itself is shown by the
 * shared RadiationSummary.
 */

type Detail = Pick<RadiationDetail, 'member' | 'contractEndDate' | 'portability'>;

const day = (iso: string) => formatFrenchDate(iso.slice(0, 10));
const months = (n: number) => `${n} mois`;

/** What « Traiter la radiation » does, said before it is done. */
export function processConsequences(detail: Detail): string[] {
  const name = `${detail.member.firstName} ${detail.member.lastName}`;
  const lines = [`La couverture de ${name} prendra fin le ${day(detail.contractEndDate)}.`];
  const p = detail.portability;
  lines.push(
    p.eligible
      ? `La portabilité sera ouverte du ${day(p.start)} au ${day(p.end)} (${months(p.months)}), sans cotisation ; ses ayants droit restent couverts.`
      : `Pas de portabilité : ${PORTABILITY_REFUSAL_LABELS[p.reason]}.`,
  );
  lines.push('L’employeur sera informé que la radiation est traitée.');
  return lines;
}

/** What the page says once the radiation is processed. */
export function processedMessage(detail: Pick<Detail, 'contractEndDate' | 'portability'>): string {
  const p = detail.portability;
  return `La radiation est traitée : couverture terminée le ${day(detail.contractEndDate)}${
    p.eligible ? `, portabilité jusqu’au ${day(p.end)}` : ''
  }.`;
}
