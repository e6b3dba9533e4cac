import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  DEMO_THIRD_PARTY,
  expectNoA11yViolations,
  getJson,
  inAnotherBrowser,
  inBackOffice,
  pdf,
  pickCompany,
  useSession,
  waitForPage,
} from './support';

/*
 * « Mes documents pratiques » end to end (SPEC §5.6, §5.8, §6): a « gestionnaire » adds a PDF meant
 * for one company of the demo administrator and publishes it; the administrator is notified
 * (« Nouveau document disponible »), finds it by searching and downloads it; a user of another
 * company neither sees it nor reaches its file. Every run adds its own document (a unique title).
 */

interface Me {
  companies: { id: string; name: string }[];
}

test.describe('« Mes documents pratiques »', () => {
  test('a company’s document: published by the insurer, notified, found and downloaded by that company only', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const stamp = Date.now().toString(36);
    const title = `Avenant tarifaire ${stamp}`;
    const fileName = `avenant-${stamp}.pdf`;

    await useSession(page);
    const me = await getJson<Me>(page, '/api/auth/me');
    // The administrator's last company: a company of theirs that the other demo users lack.
    const company = me.companies[me.companies.length - 1]!;

    // ---- 1. The insurer's « gestionnaire » adds the document, then publishes it. ----
    const documentId = await inBackOffice(browser, async (staff) => {
      await staff.goto('/back-office/documents');
      await waitForPage(staff, 'Documents publiés');
      await expectNoA11yViolations(staff);

      await staff.getByRole('button', { name: 'Ajouter un document' }).click();
      const dialog = staff.getByRole('dialog', { name: 'Ajouter un document' });
      await dialog.getByRole('textbox', { name: 'Titre' }).fill(title);
      await dialog
        .getByRole('textbox', { name: 'Description' })
        .fill('Nouvelles cotisations à compter du 1er janvier.');
      await dialog.getByRole('combobox', { name: 'Catégorie' }).click();
      await staff.getByRole('option', { name: 'Autres documents', exact: true }).click();
      await dialog.getByRole('radio', { name: 'Une entreprise' }).check();
      await pickCompany(dialog.getByRole('combobox', { name: 'Entreprise' }), company.name);
      const choosing = staff.waitForEvent('filechooser');
      await dialog.getByRole('button', { name: /^Fichier/ }).click();
      await (
        await choosing
      ).setFiles({
        name: fileName,
        mimeType: 'application/pdf',
        buffer: pdf(title),
      });
      await expectNoA11yViolations(staff);
      await dialog.getByRole('button', { name: 'Ajouter le document' }).click();
      await expect(dialog).toBeHidden();

      await staff.getByRole('button', { name: `Publier « ${title} »` }).click();
      await expect(staff.getByRole('button', { name: `Dépublier « ${title} »` })).toBeVisible();
      await expectNoA11yViolations(staff);

      const list = await getJson<{ documents: { id: string; title: string }[] }>(
        staff,
        '/api/backoffice/documents',
      );
      const id = list.documents.find((d) => d.title === title)?.id;
      expect(id).toBeTruthy();
      return id!;
    });

    // ---- 2. The administrator of that company: the notification, the search, the download. ----
    await page.goto('/notifications');
    await waitForPage(page, 'Notifications');
    const notification = page
      .getByRole('listitem')
      .filter({ hasText: `Nouveau document disponible : ${title}` });
    await expect(notification).toContainText('Non lue');
    await expectNoA11yViolations(page);
    await notification.getByRole('link', { name: /^Voir le détail/ }).click();

    await waitForPage(page, 'Mes documents pratiques');
    await page.getByRole('textbox', { name: 'Rechercher un document' }).fill(stamp.toUpperCase());
    // Either space next to the guillemets: accessible names are compared with their spaces folded.
    const download = page.getByRole('link', {
      name: new RegExp(`^Télécharger «\\s${title}\\s»`),
    });
    await expect(download).toHaveCount(1);
    await expect(page.getByRole('article')).toHaveCount(1);
    await expectNoA11yViolations(page);
    const downloading = page.waitForEvent('download');
    await download.click();
    const file = await downloading;
    expect(file.suggestedFilename()).toBe(fileName);
    expect(
      fs
        .readFileSync(await file.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    // ---- 3. A user of another company: not listed, not found, its file URL answers 404. ----
    await inAnotherBrowser(browser, DEMO_THIRD_PARTY, async (other) => {
      const theirs = await getJson<Me>(other, '/api/auth/me');
      expect(theirs.companies.map((c) => c.id)).not.toContain(company.id);
      await other.goto('/documents');
      await waitForPage(other, 'Mes documents pratiques');
      await other.getByRole('textbox', { name: 'Rechercher un document' }).fill(stamp);
      await expect(other.getByText(/Aucun document/).first()).toBeVisible();
      await expect(
        other.getByRole('link', { name: /^Télécharger «\sAvenant tarifaire/ }),
      ).toHaveCount(0);
      expect((await other.request.get(`/api/documents/${documentId}/file`)).status()).toBe(404);
      await expectNoA11yViolations(other);
    });
  });
});
