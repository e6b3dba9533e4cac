import type { RadiationDetail } from '@affilia/shared/schemas/radiations';
import {
  EVIN_ANSWER_LABELS,
  PORTABILITY_REFUSAL_LABELS,
  radiationMotif,
} from '@affilia/shared/domain/radiation';
import { formatFrenchDate } from '@affilia/shared/validators/dates';

/*
 * What the back office's radiation page says of a departure (issue 18), in words: the motif with
 * its DSN code, the portability computed by the server, the loi Évin offer, and what « Traiter la
 * radiation » will do before it is done.
 */

type Detail = Pick<
  RadiationDetail,
  'member' | 'contractEndDate' | 'motif' | 'portability' | 'newJobDate' | 'evin'
>;

const day = (iso: string) => formatFrenchDate(iso.slice(0, 10));
const months = (n: number) => `${n} mois`;

/** « Rupture conventionnelle (code DSN 043) ». */
export function motifLine(detail: Pick<RadiationDetail, 'motif' | 'dsnMotifCode'>): string {
  return `${radiationMotif(detail.motif).label} (code DSN ${detail.dsnMotifCode})`;
}

/** « 8 mois, du 01/04/2026 au 30/11/2026 » or « Pas de portabilité : … ». */
export function portabilityLine(detail: Pick<Detail, 'portability'>): string {
  const p = detail.portability;
  if (!p.eligible) return `Pas de portabilité : ${PORTABILITY_REFUSAL_LABELS[p.reason]}`;
  return `${months(p.months)}, du ${day(p.start)} au ${day(p.end)}`;
}

/** « Terminée par une reprise d’emploi le 15/06/2026 », when the former employee found a job. */
export function newJobLine(detail: Pick<Detail, 'newJobDate'>): string | null {
  return detail.newJobDate
    ? `Terminée par une reprise d’emploi le ${day(detail.newJobDate)}`
    : null;
}

/** « Proposé : à demander au plus tard le 31/05/2027 », the answer once recorded. */
export function evinLine(detail: Pick<Detail, 'evin'>): string {
  const { offered, deadline, answer } = detail.evin;
  if (!offered) return 'Non proposé pour ce départ';
  if (answer) return EVIN_ANSWER_LABELS[answer];
  return deadline
    ? `Proposé : à demander au plus tard le ${day(deadline)}`
    : 'Proposé : en attente de la réponse de l’ancien salarié';
}

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
