import { describe, expect, it } from 'vitest';
import { isBackOfficePath, safeRedirect } from './safe-redirect';

describe('safeRedirect', () => {
  it('keeps a path of the app, with its query and hash', () => {
    expect(safeRedirect('/salaries', '/')).toBe('/salaries');
    expect(safeRedirect('/salaries?page=2#haut', '/')).toBe('/salaries?page=2#haut');
    expect(safeRedirect('/back-office/messages', '/back-office')).toBe('/back-office/messages');
  });

  it('falls back for anything that could leave the site', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
      'salaries',
      '',
      undefined,
      42,
      ['/salaries'],
    ]) {
      expect(safeRedirect(value, '/')).toBe('/');
    }
  });

  it('never returns to the sign-in pages, the API or a one-time link', () => {
    expect(safeRedirect('/connexion', '/')).toBe('/');
    expect(safeRedirect('/connexion/verification', '/')).toBe('/');
    expect(safeRedirect('/back-office/connexion', '/back-office')).toBe('/back-office');
    expect(safeRedirect('/api/auth/me', '/')).toBe('/');
    expect(safeRedirect('/confirmer-email/abc', '/')).toBe('/');
    expect(safeRedirect('/reinitialiser-mot-de-passe/abc', '/')).toBe('/');
    // A page whose name merely starts like one of them is fine.
    expect(safeRedirect('/connexions-recentes', '/')).toBe('/connexions-recentes');
  });

  it('tells the back office apart', () => {
    expect(isBackOfficePath('/back-office')).toBe(true);
    expect(isBackOfficePath('/back-office/audit')).toBe(true);
    expect(isBackOfficePath('/back-officer')).toBe(false);
    expect(isBackOfficePath('/')).toBe(false);
  });
});
