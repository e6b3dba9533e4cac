import { describe, expect, it } from 'vitest';
import { renderPage } from '../../test/render-page';
import type { StaffList } from '@affilia/shared/schemas/staff';
import { ME_QUERY_KEY } from '../../lib/use-me';
import { STAFF_QUERY_KEY } from './api/use-staff';
import { StaffPage } from './routes/staff-page';

const LIST: StaffList = {
  items: [
    {
      id: 'a',
      firstName: 'Alice',
      lastName: 'Martin',
      email: 'alice@assureur.fr',
      mobilePhone: '+33612345678',
      role: 'admin',
      status: 'active',
      lastSignInAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      isSelf: true,
    },
    {
      id: 'g',
      firstName: 'Gaston',
      lastName: 'Le Gall',
      email: 'gaston@assureur.fr',
      mobilePhone: null,
      role: 'manager',
      status: 'invited',
      lastSignInAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      isSelf: false,
    },
  ],
};

/** The page as the server would render it, with the list and the caller already loaded. */
function render(staffRole: 'admin' | 'manager'): Promise<string> {
  return renderPage(StaffPage, [
    [ME_QUERY_KEY, { kind: 'staff', staffRole, firstName: 'A', lastName: 'B' }],
    [[...STAFF_QUERY_KEY, 'list', ''], LIST],
  ]);
}

describe('« Équipe de l’assureur »', () => {
  it('shows the team with role and status badges, and the actions to an administrator', async () => {
    const html = await render('admin');
    expect(html).toContain('Équipe de l’assureur');
    expect(html).toContain('Le Gall Gaston');
    expect(html).toContain('Administrateur back-office');
    expect(html).toContain('Gestionnaire');
    expect(html).toContain('invité');
    expect(html).toContain('Ajouter un membre de l’équipe');
    expect(html).toContain('Actions pour Gaston Le Gall');
  });

  it('is read-only for a « gestionnaire »', async () => {
    const html = await render('manager');
    expect(html).toContain('Le Gall Gaston');
    expect(html).not.toContain('Ajouter un membre de l’équipe');
    expect(html).not.toContain('Actions pour');
  });
});
