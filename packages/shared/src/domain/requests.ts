/**
 * The kinds of request of « Suivi des demandes » (the « Type » column): the affiliation requests,
 * the radiations (issue 18) and each kind of change of a member (issue 20).
 */
import { MEMBER_CHANGE_KINDS, MEMBER_CHANGE_KIND_LABELS } from './member-change';

export const REQUEST_TYPES = ['affiliation', 'radiation', ...MEMBER_CHANGE_KINDS] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  affiliation: 'Affiliation',
  radiation: 'Radiation',
  ...MEMBER_CHANGE_KIND_LABELS,
};
