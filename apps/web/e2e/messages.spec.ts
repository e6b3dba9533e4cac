import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  DEMO_THIRD_PARTY,
  expectNoA11yViolations,
  getJson,
  inAnotherBrowser,
  inBackOffice,
  outboxIds,
  pdf,
  pickCompany,
  useSession,
  waitForNewMessage,
  waitForPage,
} from './support';

/*
 * Issue 7 end to end (SPEC §5.7, §5.8, §6): the employer writes to the insurer with two
 * attachments (« Nouveau message »), a « gestionnaire » answers with a PDF in the back office, and
 * the employer sees the unread reply (bell, messagerie, notifications), reads it and downloads the
 * PDF. Texts holding HTML stay plain text. axe-core checks every page of the journey, and the
 * help page. Every run writes its own conversation (a unique text): no demo data is changed.
 */

interface Me {
  companies: { id: string; name: string }[];
}
interface Branding {
  supportPhone: string;
  supportHours: string;
}

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** « Joindre un fichier » and the file chooser. */
async function attach(page: Page, name: string, mimeType: string, buffer: Buffer) {
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Joindre un fichier' }).click();
  await (await choosing).setFiles({ name, mimeType, buffer });
  await expect(page.getByRole('button', { name: `Retirer ${name}` })).toBeVisible();
}

/** The unread count in the bell's accessible name (« Notifications, 3 non lues »). */
async function bellCount(page: Page): Promise<number> {
  const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications/ });
  const name = (await bell.getAttribute('aria-label')) ?? '';
  return Number(/(\d+) non lue/.exec(name)?.[1] ?? 0);
}

test.describe('« Nous contacter », the insurer’s answer and the notifications', () => {
  test('an employer writes with two attachments, the insurer answers with a PDF, the employer reads and downloads it', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const stamp = Date.now().toString(36);
    const text = `Bonjour, voici la liste des salariés à affilier (réf. ${stamp}). <script>window.pwned = true</script><b>Merci</b>`;
    const answer = `Bien reçu, l'affiliation est enregistrée (réf. ${stamp}). <img src=x onerror="window.pwned = true">`;

    await useSession(page);
    const me = await getJson<Me>(page, '/api/auth/me');
    const company = me.companies[0]!;
    const branding = await getJson<Branding>(page, '/api/branding');

    // ---- 1. The employer: « Messagerie », then « Nouveau message ». ----
    await page.goto('/messages');
    await waitForPage(page, 'Messagerie');
    await expectNoA11yViolations(page);
    const unreadBefore = await bellCount(page);

    // « Besoin d’aide ? » in the header: the support phone and hours of the configuration.
    await page.getByRole('button', { name: 'Besoin d’aide ?' }).click();
    const help = page.getByRole('dialog');
    await expect(help.getByRole('link', { name: branding.supportPhone })).toBeVisible();
    await expect(help).toContainText(branding.supportHours);
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Nouveau message' }).click();
    await waitForPage(page, 'Nouveau message');
    await expectNoA11yViolations(page);
    // « Objet » waits for « Catégorie », then lists that category's subjects only (SPEC §5.7).
    await expect(page.getByRole('combobox', { name: 'Objet' })).toBeDisabled();
    await choose(page, 'Catégorie', 'Gérer mon contrat');
    await page.getByRole('combobox', { name: 'Objet' }).click();
    await expect(page.getByRole('option')).toHaveText([
      'Information sur les cotisations',
      'Autre demande',
    ]);
    await page.keyboard.press('Escape');
    await choose(page, 'Catégorie', 'Gérer mes salariés');
    await page.getByRole('combobox', { name: 'Objet' }).click();
    await expect(page.getByRole('option')).toHaveText([
      'Affiliation d’un salarié',
      'Radiation d’un salarié',
      'Transmettre des documents pour mon salarié',
    ]);
    await page.getByRole('option', { name: 'Affiliation d’un salarié', exact: true }).click();
    if (me.companies.length > 1) await choose(page, 'Entreprise concernée', company.name);
    await page.getByRole('textbox', { name: 'Votre message' }).fill(text);
    await attach(page, 'liste-salaries.pdf', 'application/pdf', pdf('liste'));
    await attach(page, 'carte-vitale.png', 'image/png', PNG);
    await expectNoA11yViolations(page);

    const known = await outboxIds(page);
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await waitForPage(page, 'Affiliation d’un salarié');
    const conversationId = /\/messages\/([^/?#]+)$/.exec(page.url())?.[1];
    expect(conversationId, 'the conversation page after sending').toBeTruthy();
    // The text is shown as typed: the tags are text, nothing ran.
    await expect(page.getByText(text, { exact: true })).toBeVisible();
    expect(await page.evaluate(() => (window as { pwned?: boolean }).pwned)).toBeUndefined();
    const attachments = page.getByRole('list', { name: 'Pièces jointes' });
    await expect(attachments.getByRole('link')).toHaveText([
      'liste-salaries.pdf',
      'carte-vitale.png',
    ]);
    await expect(page.getByText('Envoyé', { exact: true })).toBeVisible();
    await expectNoA11yViolations(page);

    // The insurer's team is emailed, with a link to the conversation in the back office.
    const mail = await waitForNewMessage(
      page,
      known,
      (m) => m.channel === 'email' && m.text.includes(`conversation=${conversationId}`),
    );
    expect(mail.subject).toContain(company.name);
    const officeLink = new URL(
      /https?:\/\/\S+\/back-office\/messages\?conversation=\S+/.exec(mail.text)![0],
    );

    // ---- 2. The insurer's « gestionnaire », in the back office (another browser). ----
    await inBackOffice(browser, async (staff) => {
      await staff.goto('/back-office/messages');
      await waitForPage(staff, 'Messages des entreprises');
      // The inbox filtered on the company and « Envoyé » lists the new conversation.
      await pickCompany(staff.getByRole('combobox', { name: 'Entreprise' }), company.name);
      await choose(staff, 'Statut', 'Envoyé');
      const inbox = staff.getByRole('table', { name: /^Conversations/ });
      await expect(
        inbox.getByRole('row').filter({ hasText: 'Affiliation d’un salarié' }),
      ).not.toHaveCount(0);
      for (const cell of await inbox.locator('tbody tr td:nth-child(2)').allTextContents()) {
        expect(cell).toBe(company.name);
      }
      await expectNoA11yViolations(staff);
      // The emailed link opens the inbox on this conversation, unread, « Envoyé ».
      await staff.goto(`${officeLink.pathname}${officeLink.search}`);
      await waitForPage(staff, 'Messages des entreprises');
      const row = staff.locator('tbody tr[aria-current="true"]');
      await expect(row).toContainText('Affiliation d’un salarié');
      await expect(row).toContainText(company.name);
      // Opened, hence read: its unread badge is gone from the inbox.
      await expect(row).not.toContainText('non lu');
      await expect(staff.getByText(text, { exact: true })).toBeVisible();
      await expect(
        staff.getByRole('list', { name: 'Pièces jointes' }).getByRole('link'),
      ).toHaveText(['liste-salaries.pdf', 'carte-vitale.png']);
      await expectNoA11yViolations(staff);

      // « M'attribuer la conversation », then « Attribuer à » a colleague (GET /api/backoffice/staff).
      await staff.getByRole('button', { name: 'M’attribuer la conversation' }).click();
      await expect(staff.getByText(/Attribuée à /)).toBeVisible();
      await expect(staff.getByText('En cours', { exact: true }).first()).toBeVisible();
      await choose(staff, 'Attribuer à', 'Isabelle Rousseau');
      await expect(staff.getByText(/Attribuée à Isabelle Rousseau/)).toBeVisible();
      await staff.getByRole('textbox', { name: 'Votre réponse' }).fill(answer);
      await attach(staff, 'attestation-affiliation.pdf', 'application/pdf', pdf('attestation'));
      await staff.getByRole('button', { name: 'Répondre', exact: true }).click();
      await expect(staff.getByRole('textbox', { name: 'Votre réponse' })).toHaveValue('');
      await expect(staff.getByText(answer, { exact: true })).toBeVisible();
      await expect(row).toContainText('Répondu');
      await expectNoA11yViolations(staff);
    });

    // ---- 3. The employer: the bell, the messagerie, the notification, the answer. ----
    await page.goto('/messages');
    await waitForPage(page, 'Messagerie');
    await expect.poll(() => bellCount(page)).toBe(unreadBefore + 1);
    const link = page.locator(`a[href="/messages/${conversationId}"]`);
    const conversationRow = page.getByRole('row').filter({ has: link });
    await expect(conversationRow).toContainText('1 réponse non lue');
    await expect(conversationRow).toContainText('Répondu');
    await expectNoA11yViolations(page);

    await page.getByRole('link', { name: /^Notifications, \d+ non lues?$/ }).click();
    await waitForPage(page, 'Notifications');
    const notification = page
      .getByRole('listitem')
      .filter({ has: page.locator(`a[href="/messages/${conversationId}"]`) });
    await expect(notification).toContainText('Réponse de l’assureur à votre message');
    await expect(notification).toContainText('Non lue');
    await expect(notification).toContainText(company.name);
    await expectNoA11yViolations(page);
    await notification.getByRole('link', { name: /^Voir le détail/ }).click();

    await waitForPage(page, 'Affiliation d’un salarié');
    await expect(page.getByText(answer, { exact: true })).toBeVisible();
    await expect(page.getByText('Répondu', { exact: true })).toBeVisible();
    expect(await page.evaluate(() => (window as { pwned?: boolean }).pwned)).toBeUndefined();
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'attestation-affiliation.pdf' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('attestation-affiliation.pdf');
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Read: the bell and the messagerie have nothing left for this conversation.
    await page.goto('/messages');
    await waitForPage(page, 'Messagerie');
    await expect.poll(() => bellCount(page)).toBe(unreadBefore);
    await expect(conversationRow).not.toContainText('non lue');

    // ---- 4. A user of another company: the conversation and its files are out of reach. ----
    const detail = await getJson<{ messages: { attachments: { id: string }[] }[] }>(
      page,
      `/api/conversations/${conversationId}`,
    );
    const fileIds = detail.messages.flatMap((m) => m.attachments.map((a) => a.id));
    expect(fileIds).toHaveLength(3);
    await inAnotherBrowser(browser, DEMO_THIRD_PARTY, async (other) => {
      const theirs = await getJson<Me>(other, '/api/auth/me');
      expect(theirs.companies.map((c) => c.id)).not.toContain(company.id);
      await other.goto(`/messages/${conversationId}`);
      await expect(other.getByRole('alert')).toContainText('Conversation introuvable');
      await expect(other.getByText(text, { exact: true })).toHaveCount(0);
      expect((await other.request.get(`/api/conversations/${conversationId}`)).status()).toBe(404);
      for (const fileId of fileIds) {
        const res = await other.request.get(
          `/api/conversations/${conversationId}/attachments/${fileId}`,
        );
        expect(res.status()).toBe(404);
      }
      await other.goto('/messages');
      await waitForPage(other, 'Messagerie');
      await expect(other.locator(`a[href="/messages/${conversationId}"]`)).toHaveCount(0);
    });
  });

  test('the help page answers the guide’s questions with the support line', async ({ page }) => {
    await useSession(page);
    const branding = await getJson<Branding>(page, '/api/branding');
    await page.goto('/aide');
    await waitForPage(page, 'Besoin d’aide ?');
    const main = page.getByRole('main');
    await expect(main.getByRole('link', { name: branding.supportPhone })).toBeVisible();
    await expect(main).toContainText(branding.supportHours);
    for (const question of [
      'Comment me connecter pour la première fois ?',
      'Qu’est-ce que la double authentification et le code reçu par SMS ?',
      'Comment ajouter un ou plusieurs établissements ?',
      'Comment pré-affilier un nouveau salarié ?',
      'Que signifient les statuts du « Suivi des demandes d’affiliation » ?',
    ]) {
      await expect(main.getByRole('button', { name: question })).toBeVisible();
    }
    await main.getByRole('button', { name: /^Que signifient les statuts/ }).click();
    await expect(main.getByText('Retourné au salarié')).toBeVisible();
    await expectNoA11yViolations(page);
    await main.getByRole('link', { name: 'Nous contacter' }).click();
    await waitForPage(page, 'Nouveau message');
  });
});
