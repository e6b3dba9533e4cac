import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { DESKTOP, expectNoA11yViolations, signIn, waitForPage } from './support';

/*
 * Issue 16, the back office's list pages on the list-page kit (lib/list-search.ts,
 * components/list-page.tsx, components/data-table.tsx): their state in the address, a table on a
 * computer and cards on a phone, the count, the pages, axe clean at 1280 and 375 px. Read-only.
 */

const PHONE_375 = { width: 375, height: 812 };

async function asStaffAdmin(page: Page): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await signIn(page, 'admin.assureur@demo.affilia.test', 'Falaise-Indigo-Verger-12', {
    space: 'backoffice',
  });
}

/** Axe at 1280 px (a table), then at 375 px (the same rows as cards, no table). */
async function tableThenCards(page: Page, caption: string | RegExp): Promise<void> {
  await expect(page.getByRole('table', { name: caption })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.setViewportSize(PHONE_375);
  await expect(page.getByRole('list', { name: caption })).toBeVisible();
  await expect(page.getByRole('table', { name: caption })).toBeHidden();
  await expectNoA11yViolations(page);
  await page.setViewportSize(DESKTOP);
}

test.describe('Issue 16 — the back office’s list pages', () => {
  test('« Référentiel »: the tab, search and page in the address; a page past the end', async ({
    page,
  }) => {
    await asStaffAdmin(page);
    await page.goto('/back-office/referentiel?tab=assures&page=2&unknown=1');
    await waitForPage(page, 'Référentiel');
    await expect(page.getByRole('tab', { name: 'Assurés' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.getByTestId('reference-count')).toHaveText(/^26–50 sur \d+ assurés$/);
    await tableThenCards(page, 'Assurés du référentiel');

    // The pages: the next one, and the focus on the results' title.
    await page.getByRole('navigation', { name: 'Pages de la liste' }).getByLabel('Page 3').click();
    await expect(page).toHaveURL(/page=3/);
    await expect(page.getByRole('heading', { name: 'Assurés du référentiel' })).toBeFocused();
    await expect(page.getByTestId('reference-count')).toHaveText(/^51–75 sur/);

    // A search goes back to page 1; an old link past the end offers the first page.
    await page.getByLabel('Rechercher des assurés').fill('zzzz-personne');
    await expect(page).toHaveURL(/q=zzzz-personne/);
    await expect(page).not.toHaveURL(/page=/);
    await expect(page.getByText('Aucun résultat pour cette recherche.')).toBeVisible();
    await page.goto('/back-office/referentiel?tab=contrats&page=999');
    await expect(page.getByText('Cette page de la liste n’existe pas.')).toBeVisible();
    await page.getByRole('button', { name: 'Revenir à la première page' }).click();
    await expect(page).not.toHaveURL(/page=/);
    await expect(page.getByRole('table', { name: 'Contrats du référentiel' })).toBeVisible();

    // A company's page: its establishments, contracts and users, tables then cards.
    await page.goto('/back-office/referentiel');
    await page
      .getByRole('table', { name: 'Entreprises du référentiel' })
      .getByRole('link', { name: 'Valmont Immobilier' })
      .click();
    await waitForPage(page, 'Valmont Immobilier');
    await tableThenCards(page, 'Établissements de l’entreprise');
  });

  test('« Documents publiés », « Équipe de l’assureur » and the affiliations’ queue: table, cards, axe', async ({
    page,
  }) => {
    await asStaffAdmin(page);
    await page.goto('/back-office/documents');
    await waitForPage(page, 'Documents publiés');
    await expect(page.getByTestId('documents-count')).toHaveText(/^\d+ documents?$/);
    await tableThenCards(page, 'Documents pratiques');

    await page.goto('/back-office/equipe');
    await waitForPage(page, 'Équipe de l’assureur');
    await expect(page.getByTestId('staff-count')).toHaveText(/^\d+ membres?$/);
    await tableThenCards(page, 'Membres de l’équipe de l’assureur');
    // The team's search lives in the address too.
    await page.getByLabel('Rechercher').fill('rousseau');
    await expect(page).toHaveURL(/[?&]q=rousseau/);
    await expect(page.getByTestId('staff-count')).toHaveText(
      '1 membre correspondant à votre recherche',
    );
    await page.reload();
    await waitForPage(page, 'Équipe de l’assureur');
    await expect(page.getByLabel('Rechercher')).toHaveValue('rousseau');
    await expect(page.getByTestId('staff-count')).toHaveText(
      '1 membre correspondant à votre recherche',
    );

    await page.goto('/back-office/affiliations?onglet=courriers');
    await waitForPage(page, 'Demandes d’affiliation');
    await expect(page.getByRole('tab', { name: 'Courriers attendus' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.getByTestId('queue-count-courriers')).toHaveText(/^\d+ demandes?/);
    await tableThenCards(page, 'Demandes d’affiliation : Courriers attendus');
  });
});
