/**
 * The employee's beneficiaries link (issue 20): its states as the employer's member page shows
 * them. No zod here: the member's page reads the labels without loading the schemas.
 */
export const MEMBER_LINK_STATES = ['active', 'expired', 'revoked'] as const;
export type MemberLinkState = (typeof MEMBER_LINK_STATES)[number];
export const MEMBER_LINK_STATE_LABELS: Record<MemberLinkState, string> = {
  active: 'Lien actif',
  expired: 'Lien expiré',
  revoked: 'Lien révoqué',
};
