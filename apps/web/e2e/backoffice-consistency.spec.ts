import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import type { BackofficeAffiliation, BackofficeQueue } from '@affilia/shared/schemas/enrolment';
import {
  DESKTOP,
  expectNoA11yViolations,
  getJson,
  signIn,
  waitForPage,
  type Account,
} from './support';

/*
 * Issue 14, what a demanding HR manager saw in the back office: a request's page (NIR grouped
 * once, the option by its label, SIREN and SIRET grouped), the « Journal d’audit » in French
 * (labels, readable details, browser family; axe « definition-list »), and the branding page's
 * colour picker (axe « button-name » on the eyedropper). Nothing is changed: read-only journeys.
 */

/** The insurer's « Administrateur back office », Isabelle Rousseau (audit and branding). */
const DEMO_STAFF_ADMIN: Account = {
  email: 'admin.assureur@demo.affilia.test',
  password: 'Falaise-Indigo-Verger-12',
};

const PHONE_375 = { width: 375, height: 812 };

async function asStaffAdmin(page: Page): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await signIn(page, DEMO_STAFF_ADMIN.email, DEMO_STAFF_ADMIN.password, { space: 'backoffice' });
}

test.describe('Issue 14 — the back office speaks French and groups its numbers', () => {
  test('a request’s page: the NIR grouped once, the option by its label, SIREN and SIRET grouped', async ({
    page,
  }) => {
    await asStaffAdmin(page);
    const queue = await getJson<BackofficeQueue>(
      page,
      '/api/backoffice/affiliations?status=finalised&mode=email',
    );
    let chosen: BackofficeAffiliation | null = null;
    for (const item of queue.items) {
      const detail = await getJson<BackofficeAffiliation>(
        page,
        `/api/backoffice/affiliations/${item.id}`,
      );
      if (detail.form?.optionCode && detail.form.optionLabel !== detail.form.optionCode) {
        chosen = detail;
        break;
      }
    }
    if (!chosen) throw new Error('no finalised online request with an option in the demo data');

    await page.goto(`/back-office/affiliations/${chosen.id}`);
    await waitForPage(page, `${chosen.lastName} ${chosen.firstName}`);
    const identity = page.getByRole('region', { name: 'Identité' });
    // « 1 90 05 75 123 456 22 », as the server sends it (not cut again).
    expect(chosen.nir).toMatch(/^[12] \d{2} \d{2} [\dAB]{2} \d{3} \d{3} \d{2}$/);
    await expect(identity.getByText(chosen.nir, { exact: true })).toBeVisible();
    const contract = page.getByRole('region', { name: 'Contrat et coordonnées bancaires' });
    await expect(contract.getByText(chosen.form!.optionLabel!, { exact: true })).toBeVisible();
    await expect(contract.getByText(chosen.form!.optionCode!, { exact: true })).toHaveCount(0);
    const employment = page.getByRole('region', { name: 'Emploi' });
    await expect(employment).toContainText(
      `SIREN ${chosen.siren.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3')}`,
    );
    await expect(employment).toContainText(
      `SIRET ${chosen.siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4')}`,
    );
    await expectNoA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath('request-1280.png'), fullPage: true });
    await page.setViewportSize(PHONE_375);
    await page.screenshot({ path: test.info().outputPath('request-375.png'), fullPage: true });
  });

  test('« Journal d’audit »: French actions and details, the browser family, a valid description list', async ({
    page,
  }) => {
    await asStaffAdmin(page);
    await page.goto('/back-office/audit?action=auth.sign_in');
    await waitForPage(page, /Journal d’audit/);
    const table = page.getByRole('table');
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    await expect(table).toContainText('Connexion');
    // The action filter speaks French too: the address's code shows as its label.
    await expect(page.getByRole('combobox', { name: /^Action/ })).toHaveValue('Connexion');
    await expect(table).not.toContainText('auth.sign_in');
    // This journey's own sign-in: Chromium on Linux, named, the full string not printed.
    await expect(table.getByText('Chrome sur Linux').first()).toBeVisible();
    await expect(table).not.toContainText('Mozilla/5.0');
    // Details: French keys (« Espace », « Motifs »…), never the code's keys.
    await expect(table).not.toContainText(/\b(space|reasons|secondFactor)\b/);
    await expectNoA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath('audit-1280.png') });

    await page.setViewportSize(PHONE_375);
    await expect(page.getByRole('listitem').first()).toBeVisible();
    await expectNoA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath('audit-375.png'), fullPage: true });
  });

  test('« Contenus du portail »: the colour picker’s eyedropper has a name', async ({ page }) => {
    await asStaffAdmin(page);
    await page.goto('/back-office/contenus');
    await waitForPage(page, 'Contenus du portail');
    await expect(page.getByRole('textbox', { name: /^Couleur principale/ })).toBeVisible();
    await expectNoA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath('branding-1280.png') });
  });
});
