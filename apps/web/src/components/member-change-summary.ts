import { PROFESSIONAL_STATUS_LABELS } from '@affilia/shared/domain/enums';
import {
  BENEFICIARY_ADD_EVENT_RULES,
  BENEFICIARY_REMOVE_REASON_LABELS,
} from '@affilia/shared/domain/member-change';
import type { MemberChangeView } from '@affilia/shared/schemas/member-changes';
import { formatFrenchDate } from '@affilia/shared/validators/dates';

/*
 * A member's change (issue 20) in words, as the member's page and the back office show it: one
 * line of what it does (its status: member-change-status-badge.tsx).
 */

/** Names the change's ids where the page knows them (else the line says what it can). */
export interface ChangeNames {
  establishment?: (id: string) => string | undefined;
  option?: (code: string) => string | undefined;
}

/** « Naissance » → « naissance », « PACS » stays. */
const inSentence = (label: string) =>
  /^.[a-zà-ÿ’]/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;

/**
 * « Non cadre → Cadre au 01/04/2026 », « Ajout de Nguyễn Łucja (naissance) »…
 */
export function memberChangeSummary(
  change: Pick<MemberChangeView, 'details' | 'effectiveDate' | 'establishment'>,
  names: ChangeNames = {},
): string {
  const d = change.details;
  const on = `au ${formatFrenchDate(change.effectiveDate)}`;
  switch (d.kind) {
    case 'professional_status':
      return `${PROFESSIONAL_STATUS_LABELS[d.from]} → ${PROFESSIONAL_STATUS_LABELS[d.to]} ${on}`;
    case 'establishment': {
      const from =
        d.fromEstablishmentName ??
        names.establishment?.(d.fromEstablishmentId) ??
        change.establishment.name;
      const to =
        d.toEstablishmentName ??
        names.establishment?.(d.toEstablishmentId) ??
        'un autre établissement';
      return `${from} → ${to} ${on}`;
    }
    case 'option':
      return `${d.fromLabel ?? names.option?.(d.from) ?? d.from} → ${d.toLabel ?? names.option?.(d.to) ?? d.to} ${on}`;
    case 'beneficiary': {
      const who = `${d.lastName} ${d.firstName}`;
      if (d.action === 'add') {
        const event = d.event ? ` (${inSentence(BENEFICIARY_ADD_EVENT_RULES[d.event].label)})` : '';
        return `Ajout de ${who}${event}`;
      }
      if (d.action === 'remove') {
        const reason = d.reason
          ? ` (${inSentence(BENEFICIARY_REMOVE_REASON_LABELS[d.reason])})`
          : '';
        return `Retrait de ${who}${reason}, couvert(e) jusqu’au ${formatFrenchDate(change.effectiveDate)}`;
      }
      const before = d.previous
        ? `${d.previous.lastName} ${d.previous.firstName}, né(e) le ${formatFrenchDate(d.previous.birthDate)} → `
        : '';
      return `Correction : ${before}${who}, né(e) le ${formatFrenchDate(d.birthDate)}`;
    }
  }
}
