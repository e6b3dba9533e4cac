import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_FAMILIES,
  AUDIT_ACTION_LABELS,
  auditActionLabel,
  auditDetailLabel,
  auditTargetLabel,
  formatAuditValue,
} from './audit';

describe('the audit log in French (issue 14 #21)', () => {
  it('labels every action code, and shows an unknown one as it is', () => {
    expect(auditActionLabel('auth.sign_in')).toBe('Connexion');
    expect(auditActionLabel('users.rights_changed')).toBe('Droits d’un utilisateur modifiés');
    expect(auditActionLabel('older.code')).toBe('older.code');
    for (const label of Object.values(AUDIT_ACTION_LABELS)) {
      expect(label).not.toMatch(/'/);
      expect(label).not.toMatch(/[a-z]_[a-z]/);
    }
  });

  it('puts every action in a family', () => {
    const families = Object.keys(AUDIT_ACTION_FAMILIES);
    for (const action of Object.keys(AUDIT_ACTION_LABELS)) {
      expect(
        families.some((prefix) => action.startsWith(prefix)),
        action,
      ).toBe(true);
    }
  });

  it('labels the detail keys and the target', () => {
    expect(auditDetailLabel('reason')).toBe('Motif');
    expect(auditDetailLabel('fileName')).toBe('Nom du fichier');
    expect(auditTargetLabel('affiliation_request', 'abc')).toBe('Demande d’affiliation abc');
    expect(auditTargetLabel(null, null)).toBe('—');
  });

  it('writes the values as readable French', () => {
    expect(formatAuditValue('wrong_password')).toBe('mot de passe erroné');
    expect(formatAuditValue(['new_device', 'new_ip'])).toBe(
      'nouveau navigateur, nouvelle adresse IP',
    );
    expect(formatAuditValue(true)).toBe('oui');
    expect(formatAuditValue(1234)).toBe('1\u202f234');
    expect(formatAuditValue(['lastName', 'email'])).toBe('Nom, E-mail');
    expect(formatAuditValue({ from: 'active', to: 'suspended' })).toBe(
      'Avant : Actif ; Après : Désactivé provisoirement',
    );
    expect(formatAuditValue(null)).toBe('—');
  });
});
