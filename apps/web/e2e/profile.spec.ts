import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  DESKTOP,
  PHONE,
  expectNoA11yViolations,
  outboxIds,
  signIn,
  waitForEmailLink,
  waitForNewMessage,
  waitForPage,
} from './support';

/*
 * « Mon profil » (SPEC §4.4). The journeys share the e2e server with the others: they use the
 * third-party demo account, which no other journey uses, and put back its names, number and
 * password before they end.
 */

interface DemoInfo {
  accounts: { role: string; email: string; password: string }[];
}

let cabinet: { email: string; password: string };

/** The demo account's own number (demo-accounts.ts). */
const CABINET_PHONE = {
  typed: '06 39 98 01 03',
  e164: '+33639980103',
  masked: '+33 6 •• •• •• 03',
};
const OTHER_PHONE = { typed: '06 39 98 07 71', e164: '+33639980771', masked: '+33 6 •• •• •• 71' };
const OTHER_PASSWORD = 'Grenadier-Sextant-Mouette-38';

async function changeNumber(page: Page, phone: { typed: string; e164: string }, password: string) {
  await page.getByRole('button', { name: 'Modifier mon numéro' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifier mon numéro' });
  await expect(dialog.getByLabel(/^Nouveau numéro de téléphone mobile/)).toBeFocused();
  await dialog.getByLabel(/^Nouveau numéro de téléphone mobile/).fill(phone.typed);
  await dialog.getByLabel(/^Mot de passe actuel/).fill(password);
  const known = await outboxIds(page);
  await dialog.getByRole('button', { name: 'Envoyer le code' }).click();
  const sms = await waitForNewMessage(
    page,
    known,
    (m) => m.channel === 'sms' && m.to === phone.e164,
  );
  const code = /\b(\d{6})\b/.exec(sms.text)![1]!;
  const codeField = dialog.getByLabel(/^Code reçu par SMS/);
  await expect(codeField).toBeFocused();
  await expect(dialog.getByRole('button', { name: /Renvoyer le code \(dans/ })).toBeDisabled();
  return { dialog, code, codeField, known };
}

async function changePassword(page: Page, current: string, next: string) {
  await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifier mon mot de passe' });
  await dialog.getByLabel(/^Mot de passe actuel/).fill(current);
  await dialog.getByLabel(/^Nouveau mot de passe/).fill(next);
  await dialog.getByLabel(/^Confirmer le nouveau mot de passe/).fill(next);
  await dialog.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Votre mot de passe a été modifié/).first()).toBeVisible();
}

async function changeEmail(page: Page, from: string, to: string, password: string) {
  await page.getByRole('button', { name: 'Modifier mon adresse e-mail' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifier mon adresse e-mail' });
  await dialog.getByLabel(/^Nouvelle adresse e-mail/).fill(to);
  await dialog.getByLabel(/^Mot de passe actuel/).fill(password);
  const known = await outboxIds(page);
  await dialog.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(dialog.getByRole('status')).toContainText(
    `Un lien de confirmation a été envoyé à ${to}`,
  );
  await expect(dialog.getByRole('button', { name: 'J’ai compris' })).toBeFocused();
  await expectNoA11yViolations(page);
  await dialog.getByRole('button', { name: 'J’ai compris' }).click();
  // Nothing changes until the link is opened; the current address is told.
  await expect(page.getByText(from, { exact: true })).toBeVisible();
  const notice = await waitForNewMessage(
    page,
    known,
    (m) => m.channel === 'email' && m.to === from,
  );
  expect(notice.text).toContain(to);
  return waitForEmailLink(page, known, to, '/confirmer-nouvel-email/');
}

test.describe('« Mon profil »', () => {
  test.beforeAll(async ({ request }) => {
    const demo = (await (await request.get('/api/dev/demo')).json()) as DemoInfo;
    const found = demo.accounts.find((a) => /^Tiers déclarant/.test(a.role));
    if (!found) throw new Error('no third-party demo account');
    cabinet = found;
  });

  test('names, the mobile confirmed by an SMS code, the password, each modal accessible', async ({
    page,
  }) => {
    await page.setViewportSize(DESKTOP);
    await signIn(page, cabinet.email, cabinet.password);
    await page.getByRole('banner').getByRole('button', { name: 'Mon profil' }).click();
    await page.getByRole('menuitem', { name: /Mon profil/ }).click();
    await waitForPage(page, 'Mon profil');
    const tabs = page.getByRole('navigation', { name: 'Rubriques du profil' });
    await expect(tabs.getByRole('link', { name: 'Mes informations' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(page.getByText(cabinet.email)).toBeVisible();
    await expect(page.getByText(CABINET_PHONE.masked, { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Sécurité' })).toBeVisible();
    await expectNoA11yViolations(page);

    // Names: an empty field is refused in French, then saved.
    const lastName = page.getByLabel(/^Nom/);
    const firstName = page.getByLabel(/^Prénom/);
    const [oldLast, oldFirst] = [await lastName.inputValue(), await firstName.inputValue()];
    await lastName.fill('');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Ce champ est obligatoire')).toBeVisible();
    await expect(lastName).toBeFocused();
    await lastName.fill('Durand-Morel');
    await firstName.fill('Sophie-Anne');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Vos nom et prénom ont été enregistrés.')).toBeVisible();
    await page.reload();
    await waitForPage(page, 'Mon profil');
    await expect(page.getByLabel(/^Nom/)).toHaveValue('Durand-Morel');

    // Email: the modal asks the new address and the password; a wrong password is said so.
    await page.getByRole('button', { name: 'Modifier mon adresse e-mail' }).click();
    const emailDialog = page.getByRole('dialog', { name: 'Modifier mon adresse e-mail' });
    await expect(emailDialog.getByLabel(/^Nouvelle adresse e-mail/)).toBeFocused();
    await expectNoA11yViolations(page);
    await emailDialog.getByLabel(/^Nouvelle adresse e-mail/).fill('pas-une-adresse');
    await emailDialog.getByRole('button', { name: 'Envoyer le lien' }).click();
    await expect(emailDialog.getByText('Saisissez une adresse e-mail valide')).toBeVisible();
    await emailDialog.getByLabel(/^Nouvelle adresse e-mail/).fill('sophie.durand@exemple.test');
    await emailDialog.getByLabel(/^Mot de passe actuel/).fill('pas-le-bon-mot-de-passe');
    await emailDialog.getByRole('button', { name: 'Envoyer le lien' }).click();
    await expect(emailDialog.getByText('Mot de passe incorrect')).toBeVisible();
    await expect(emailDialog.getByLabel(/^Mot de passe actuel/)).toBeFocused();
    await expectNoA11yViolations(page);
    await emailDialog.getByRole('button', { name: 'Annuler' }).click();
    await expect(emailDialog).toBeHidden();

    // Mobile: a code to the new number; a wrong one is explained; the right one replaces it.
    const step = await changeNumber(page, OTHER_PHONE, cabinet.password);
    await expectNoA11yViolations(page);
    const wrong = step.code === '000000' ? '111111' : '000000';
    await step.codeField.fill(wrong);
    await step.dialog.getByRole('button', { name: 'Valider' }).click();
    await expect(
      step.dialog.getByText(/Ce code est incorrect\. Il vous reste 2 essais/),
    ).toBeVisible();
    await expect(step.codeField).toBeFocused();
    await expectNoA11yViolations(page);
    await step.codeField.fill(step.code);
    await step.dialog.getByRole('button', { name: 'Valider' }).click();
    await expect(step.dialog).toBeHidden();
    await expect(page.getByText('Votre numéro de téléphone mobile a été modifié.')).toBeVisible();
    await expect(page.getByText(OTHER_PHONE.masked, { exact: true })).toBeVisible();
    const notice = await waitForNewMessage(
      page,
      step.known,
      (m) => m.channel === 'email' && m.to === cabinet.email,
    );
    expect(notice.subject).toMatch(/numéro de téléphone mobile a été modifié/);

    // … and back to the demo account's number.
    const back = await changeNumber(page, CABINET_PHONE, cabinet.password);
    await back.codeField.fill(back.code);
    await back.dialog.getByRole('button', { name: 'Valider' }).click();
    await expect(back.dialog).toBeHidden();
    await expect(page.getByText(CABINET_PHONE.masked, { exact: true })).toBeVisible();

    // Password: the meter judges the new one; the current one is checked; then changed and back.
    await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
    const passwordDialog = page.getByRole('dialog', { name: 'Modifier mon mot de passe' });
    await expect(passwordDialog.getByLabel(/^Mot de passe actuel/)).toBeFocused();
    await passwordDialog.getByLabel(/^Nouveau mot de passe/).fill('sophie2024');
    await expect(passwordDialog.getByText(/Robustesse : (Très faible|Faible|Moyen)/)).toBeVisible();
    await passwordDialog.getByLabel(/^Mot de passe actuel/).fill('pas-le-bon-mot-de-passe');
    await passwordDialog.getByLabel(/^Nouveau mot de passe/).fill(OTHER_PASSWORD);
    await expect(passwordDialog.getByText(/Robustesse : (Fort|Très fort)/)).toBeVisible();
    await passwordDialog.getByLabel(/^Confirmer le nouveau mot de passe/).fill(OTHER_PASSWORD);
    await passwordDialog.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(passwordDialog.getByText('Mot de passe incorrect')).toBeVisible();
    await expectNoA11yViolations(page);
    await passwordDialog.getByRole('button', { name: 'Annuler' }).click();
    await changePassword(page, cabinet.password, OTHER_PASSWORD);
    await changePassword(page, OTHER_PASSWORD, cabinet.password);

    // Names back as they were.
    await page.getByLabel(/^Nom/).fill(oldLast);
    await page.getByLabel(/^Prénom/).fill(oldFirst);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Vos nom et prénom ont été enregistrés.').first()).toBeVisible();
  });

  test('the email changes only through the link sent to the new address', async ({ page }) => {
    const newEmail = `sophie.durand.${Date.now()}@exemple-cabinet.test`;
    await page.setViewportSize(DESKTOP);
    await signIn(page, cabinet.email, cabinet.password);
    await page.goto('/profil');
    await waitForPage(page, 'Mon profil');

    const link = await changeEmail(page, cabinet.email, newEmail, cabinet.password);
    await page.goto(link);
    await waitForPage(page, 'Votre nouvelle adresse e-mail est confirmée');
    await expect(page.getByText(`Votre adresse e-mail est maintenant ${newEmail}.`)).toBeVisible();
    await expectNoA11yViolations(page);
    await page.goto(link);
    await waitForPage(page, 'Lien déjà utilisé');
    await page.getByRole('link', { name: 'Aller à mon profil' }).click();
    await waitForPage(page, 'Mon profil');
    await expect(page.getByText(newEmail, { exact: true })).toBeVisible();

    // … and back to the demo account's address.
    const back = await changeEmail(page, newEmail, cabinet.email, cabinet.password);
    await page.goto(back);
    await waitForPage(page, 'Votre nouvelle adresse e-mail est confirmée');
    await page.getByRole('link', { name: 'Aller à mon profil' }).click();
    await expect(page.getByText(cabinet.email, { exact: true })).toBeVisible();
  });

  test('a wrong confirmation link is explained, on a phone too', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto(`/confirmer-nouvel-email/${'x'.repeat(43)}`);
    await waitForPage(page, 'Ce lien n’est pas valide');
    await expect(page.getByText('Votre adresse e-mail n’a pas été modifiée')).toBeVisible();
    await expectNoA11yViolations(page);
  });
});
