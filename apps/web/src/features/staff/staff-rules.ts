import type { StaffMember } from '@affilia/shared/schemas/staff';

/* What a back-office administrator may do with a staff account, as the API allows it. */

export type StaffActionKind =
  'edit' | 'resend-invitation' | 'suspend' | 'reactivate' | 'deactivate';

export const STAFF_ACTION_LABELS: Record<StaffActionKind, string> = {
  edit: 'Modifier',
  'resend-invitation': 'Renvoyer le lien',
  suspend: 'Suspendre',
  reactivate: 'Réactiver',
  deactivate: 'Désactiver définitivement',
};

export function staffName(member: Pick<StaffMember, 'firstName' | 'lastName'>): string {
  return `${member.firstName} ${member.lastName}`.trim();
}

/** Active back-office administrators. */
function activeAdmins(members: StaffMember[]): number {
  return members.filter((m) => m.role === 'admin' && m.status === 'active').length;
}

/** Why this account cannot be suspended or deactivated, if it cannot. */
export function staffBlocker(member: StaffMember, members: StaffMember[]): string | undefined {
  if (member.isSelf) return 'Vous ne pouvez pas suspendre ni désactiver votre propre compte.';
  if (member.role === 'admin' && member.status === 'active' && activeAdmins(members) <= 1)
    return 'Le back-office doit garder au moins un administrateur actif.';
  return undefined;
}

export interface StaffActionEntry {
  kind: StaffActionKind;
  label: string;
  danger?: boolean;
  disabled?: boolean;
}

/** Nothing on a permanently deactivated account; the link for an invited account only. */
export function staffActions(member: StaffMember, members: StaffMember[]): StaffActionEntry[] {
  if (member.status === 'deactivated') return [];
  const blocked = Boolean(staffBlocker(member, members));
  const entries: StaffActionEntry[] = [{ kind: 'edit', label: STAFF_ACTION_LABELS.edit }];
  if (member.status === 'invited')
    entries.push({ kind: 'resend-invitation', label: STAFF_ACTION_LABELS['resend-invitation'] });
  if (member.status === 'suspended')
    entries.push({ kind: 'reactivate', label: STAFF_ACTION_LABELS.reactivate });
  else entries.push({ kind: 'suspend', label: STAFF_ACTION_LABELS.suspend, disabled: blocked });
  entries.push({
    kind: 'deactivate',
    label: STAFF_ACTION_LABELS.deactivate,
    danger: true,
    disabled: blocked,
  });
  return entries;
}
