import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  DEMO_ADMIN,
  expectNoA11yViolations,
  fillDate,
  signIn,
  useSession,
  waitForPage,
} from './support';

/*
 * Issue 14, what a demanding HR manager saw in the forms: an error stays only while its field is
 * wrong (#16, one behaviour for every form), and dates are French whatever the browser's
 * language (#19: « jj/mm/aaaa » typed or picked). Nothing is sent: no demo data is changed.
 */

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function choose(page: Page, label: string, option?: string) {
  await page.getByRole('combobox', { name: label }).click();
  const options = page.getByRole('option');
  await (option ? options.filter({ hasText: option }) : options).first().click();
}

async function attach(page: Page, name: string, mimeType: string, buffer: Buffer) {
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Joindre un fichier' }).click();
  await (await choosing).setFiles({ name, mimeType, buffer });
}

test.describe('Issue 14 — forms: errors that go away, French dates', () => {
  test('« Nouveau message »: after an empty submit, each error goes as its field is filled', async ({
    page,
  }) => {
    await useSession(page);
    await page.goto('/messages/nouveau');
    await waitForPage(page, 'Nouveau message');
    await page.getByRole('button', { name: 'Envoyer' }).click();

    const invalid = page.locator('[aria-invalid="true"]');
    const companyPicker = page.getByRole('combobox', { name: /^Entreprise concernée/ });
    const several = (await companyPicker.count()) > 0;
    await expect(invalid).toHaveCount(several ? 4 : 3);
    await expect(page.getByText('Choisissez une catégorie')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('message-errors-1280.png') });

    // Still wrong (blanks only): the message's error stays; then right: it goes at once.
    const text = page.getByRole('textbox', { name: /^Votre message/ });
    await text.fill('   ');
    await expect(text).toHaveAttribute('aria-invalid', 'true');
    await text.fill('Bonjour');
    await expect(text).not.toHaveAttribute('aria-invalid', 'true');
    await choose(page, 'Catégorie');
    await expect(page.getByText('Choisissez une catégorie')).toHaveCount(0);
    await choose(page, 'Objet');
    if (several) await choose(page, 'Entreprise concernée');
    await expect(invalid).toHaveCount(0);

    // A file of the wrong type is refused; its message goes when a good file is added.
    await attach(page, 'programme.exe', 'application/octet-stream', Buffer.from('MZ'));
    const refusal = page.getByText(/programme\.exe.*formats acceptés/);
    await expect(refusal).toBeVisible();
    await attach(page, 'photo.png', 'image/png', PNG);
    await expect(page.getByRole('button', { name: 'Retirer photo.png' })).toBeVisible();
    await expect(refusal).toHaveCount(0);
    await expectNoA11yViolations(page);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({
      path: test.info().outputPath('message-fixed-375.png'),
      fullPage: true,
    });
  });

  test('a browser in English: dates are typed and picked as jj/mm/aaaa, in French', async ({
    browser,
  }) => {
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
    });
    try {
      const page = await context.newPage();
      await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
      await page.goto('/affiliations');
      await waitForPage(page, 'Suivi des demandes');

      const from = page.getByRole('textbox', { name: /^Date de la demande : du/ });
      await expect(from).toHaveAttribute('placeholder', 'jj/mm/aaaa');
      await fillDate(from, '2026-03-02');
      // Typed without separators, day first.
      const to = page.getByRole('textbox', { name: /^Date de la demande : au/ });
      await to.fill('14052026');
      await to.press('Tab');
      await expect(to).toHaveValue('14/05/2026');

      // Picked in the calendar: French months, weeks from Monday, written day first.
      await from.click();
      await expect(page.getByText('mars 2026', { exact: true })).toBeVisible();
      await expect(page.getByRole('table').last().getByRole('columnheader').first()).toHaveText(
        /^lu/i,
      );
      await page.getByRole('button', { name: /^9 mars 2026$/ }).click();
      await expect(from).toHaveValue('09/03/2026');
      await page.screenshot({ path: test.info().outputPath('dates-1280.png') });
      await page.keyboard.press('Escape');
      await expectNoA11yViolations(page);

      await page.setViewportSize({ width: 375, height: 812 });
      await from.click();
      await expect(page.getByText('mars 2026', { exact: true })).toBeVisible();
      await page.waitForTimeout(400); // the calendar's fade-in, for the screenshot
      await page.screenshot({ path: test.info().outputPath('dates-375.png') });
    } finally {
      await context.close();
    }
  });
});
