import { expect, test } from '@playwright/test';
import {
  DESKTOP,
  PHONE,
  expectNoA11yViolations,
  outboxIds,
  readOutbox,
  signIn,
  solveCaptcha,
  waitForEmailLink,
  waitForNewMessage,
  waitForPage,
} from './support';

interface DemoInfo {
  accounts: { role: string; email: string; password: string }[];
  activation: { siret: string; companyIdentifier: string; company: string }[];
}

let demo: DemoInfo;

test.describe('sign-in and account security', () => {
  test.beforeAll(async ({ request }) => {
    demo = (await (await request.get('/api/dev/demo')).json()) as DemoInfo;
  });

  const account = (role: RegExp) => {
    const found = demo.accounts.find((a) => role.test(a.role));
    if (!found) throw new Error(`no demo account ${role}`);
    return found;
  };

  test('« Activer mon espace »: three steps, the confirmation email, then the security screen', async ({
    page,
  }) => {
    // The first establishment of the list can be activated (its company has no administrator).
    const establishment = demo.activation[0]!;
    const email = `rh.${Date.now()}@exemple-activation.test`;
    await page.setViewportSize(PHONE);
    await page.goto('/connexion');
    await page.getByRole('link', { name: /Activer mon espace/ }).click();
    await waitForPage(page, 'Créer mon compte');
    await expect(page.getByRole('navigation', { name: /Étapes/ })).toContainText('Identification');
    await expect(page.locator('[aria-current="step"]')).toContainText('Identification');

    // Wrong identifier: the message does not say which number is wrong.
    await page.getByLabel(/^Numéro de SIRET/).fill(establishment.siret);
    await page.getByLabel(/^Identifiant entreprise/).fill('XX000000');
    await solveCaptcha(page);
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect(page.getByRole('alert')).toContainText('ne correspondent pas');
    await expectNoA11yViolations(page);

    await page.getByLabel(/^Identifiant entreprise/).fill(establishment.companyIdentifier);
    await solveCaptcha(page);
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect(page.getByText('Mon établissement :')).toBeVisible();
    await expect(page.locator('[aria-current="step"]')).toContainText('Création de compte RH');
    await expect(page.getByRole('heading', { level: 2 })).toBeFocused();

    await page.getByLabel(/^Mon Nom/).fill('Rivière');
    await page.getByLabel(/^Mon Prénom/).fill('Sophie');
    await page.getByLabel(/^Mon adresse E-mail/).fill(email);
    await page.getByLabel(/^Mon numéro de Téléphone mobile/).fill('06 39 98 01 99');
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect(page.locator('[aria-current="step"]')).toContainText('Mot de passe');

    // « Retour » keeps what was typed.
    await page.getByRole('button', { name: 'Retour' }).click();
    await expect(page.getByLabel(/^Mon Prénom/)).toHaveValue('Sophie');
    await page.getByRole('button', { name: 'Valider' }).click();

    // The meter judges the password as it is typed.
    const password = page.getByLabel(/^Mot de passe/);
    await password.fill('sophie2024');
    await expect(page.getByText(/Robustesse : (Très faible|Faible|Moyen)/)).toBeVisible();
    await password.fill('Riviere-Lanterne-Galet-83');
    await expect(page.getByText(/Robustesse : (Fort|Très fort)/)).toBeVisible();
    await page.getByLabel(/^Confirmer le mot de passe/).fill('Riviere-Lanterne-Galet-83');
    await expect(page.getByRole('region', { name: /Conditions générales/ })).toBeVisible();
    await page.getByRole('button', { name: 'Activer mon espace' }).click();
    await expect(
      page.getByText('Vous devez accepter les conditions générales d’utilisation'),
    ).toBeVisible();
    await expectNoA11yViolations(page);

    const known = await outboxIds(page);
    await page.getByLabel(/J’ai lu et j’accepte les conditions générales/).check();
    await page.getByRole('button', { name: 'Activer mon espace' }).click();
    await waitForPage(page, 'Vérifiez votre boîte e-mail');
    await expect(page.getByText(email)).toBeVisible();

    // The link of the email confirms the address, once.
    const link = await waitForEmailLink(page, known, email, '/confirmer-email/');
    await page.goto(link);
    await waitForPage(page, 'Votre adresse e-mail est confirmée');
    await expectNoA11yViolations(page);
    await page.goto(link);
    await waitForPage(page, 'Lien déjà utilisé');
    await page.getByRole('link', { name: 'Se connecter' }).click();

    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel(/^Mot de passe/).fill('Riviere-Lanterne-Galet-83');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await waitForPage(page, 'Double authentification');
    await expect(page.getByText('Confirmez votre numéro')).toContainText('99');
  });

  test('« Mot de passe oublié »: the same answer for any address, then a new password', async ({
    page,
  }) => {
    const user = account(/^Utilisateur/);
    await page.setViewportSize(DESKTOP);
    await page.goto('/connexion');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await waitForPage(page, 'Mot de passe oublié');

    // An unknown address gets the same answer, and no email.
    const before = await outboxIds(page);
    await page.getByLabel('Adresse e-mail').fill('personne@exemple-inconnu.test');
    await solveCaptcha(page);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await expect(page.getByText(/vous recevrez un e-mail .* valable 20 minutes/)).toBeVisible();
    expect((await readOutbox(page)).filter((m) => !before.has(m.id))).toEqual([]);

    await page.reload();
    await waitForPage(page, 'Mot de passe oublié');
    const known = await outboxIds(page);
    await page.getByLabel('Adresse e-mail').fill(user.email);
    await solveCaptcha(page);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await expect(page.getByText(/vous recevrez un e-mail .* valable 20 minutes/)).toBeVisible();
    const link = await waitForEmailLink(page, known, user.email, '/reinitialiser-mot-de-passe/');

    await page.goto(link);
    await waitForPage(page, 'Choisir un nouveau mot de passe');
    await expect(page.getByText(user.email)).toBeVisible();
    await page.getByLabel(/^Mot de passe/).fill('motdepasse12');
    await page.getByLabel(/^Confirmer le mot de passe/).fill('autre chose');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page.getByText('Les deux mots de passe ne sont pas identiques')).toBeVisible();
    await expect(page.getByLabel(/^Mot de passe/)).toBeFocused();
    await expectNoA11yViolations(page);

    const newPassword = 'Cerisier-Boussole-Rivage-58';
    await page.getByLabel(/^Mot de passe/).fill(newPassword);
    await page.getByLabel(/^Confirmer le mot de passe/).fill(newPassword);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await waitForPage(page, 'Mot de passe modifié');
    await expect(page.getByText('toutes vos sessions ont été fermées')).toBeVisible();

    await page.goto(link);
    await waitForPage(page, 'Lien déjà utilisé');

    await signIn(page, user.email, newPassword);
    await waitForPage(page, `Bienvenue`);
    // A user (not an administrator) does not see « Mes habilitations ».
    await expect(
      page
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', { name: 'Mes habilitations' }),
    ).toHaveCount(0);
  });

  test('after wrong passwords, the right one is asked with « Je ne suis pas un robot », never refused', async ({
    page,
  }) => {
    const owner = account(/^Tiers déclarant/);
    await page.setViewportSize(DESKTOP);
    await page.goto('/connexion');
    await waitForPage(page, /^Connexion/);
    const alert = page.getByRole('alert').filter({ hasText: /./ }).first();
    // Someone types 5 wrong passwords for this account.
    await page.getByLabel('Adresse e-mail').fill(owner.email);
    for (let i = 0; i < 5; i++) {
      await page.getByLabel(/^Mot de passe/).fill(`pas-le-bon-${i}`);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect(alert).toContainText('Adresse e-mail ou mot de passe incorrect.');
    }
    // The owner's right password: the form now asks to tick the box instead of refusing.
    await page.getByLabel(/^Mot de passe/).fill(owner.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(alert).toContainText('Cochez « Je ne suis pas un robot » puis reconnectez-vous');
    const box = page.getByRole('checkbox', { name: /Je ne suis pas un robot/ });
    await expect(box).toBeVisible();
    await expect(page.getByRole('link', { name: 'Mot de passe oublié ?' })).toBeVisible();
    await expectNoA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath('captcha-asked-1280.png') });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({
      path: test.info().outputPath('captcha-asked-375.png'),
      fullPage: true,
    });
    await page.setViewportSize(DESKTOP);

    await solveCaptcha(page);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await waitForPage(page, 'Double authentification');
  });

  test('the security screen explains a wrong code and counts down to « Renvoyer le code »', async ({
    page,
  }) => {
    const admin = account(/^Administrateur \(/);
    await page.setViewportSize(DESKTOP);
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill(admin.email);
    await page.getByLabel(/^Mot de passe/).fill(admin.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await waitForPage(page, 'Double authentification');

    const known = await outboxIds(page);
    await page.getByRole('button', { name: 'Envoyer le code' }).click();
    const sms = await waitForNewMessage(page, known, (m) => m.channel === 'sms');
    const code = /\b(\d{6})\b/.exec(sms.text)![1]!;
    const codeField = page.getByLabel('Code reçu par SMS');
    await expect(codeField).toBeFocused();
    await expect(codeField).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(codeField).toHaveAttribute('inputmode', 'numeric');
    await expect(page.getByRole('button', { name: /Renvoyer le code \(dans/ })).toBeDisabled();

    const wrong = code === '000000' ? '111111' : '000000';
    await codeField.fill(wrong);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page.getByText(/Ce code est incorrect\. Il vous reste 2 essais/)).toBeVisible();
    await expectNoA11yViolations(page);

    await codeField.fill(code);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await waitForPage(page, 'Bienvenue Eugénie');

    // Back on the security screen without a pending attempt: back to the sign-in page.
    await page.goto('/connexion/verification');
    await page.getByRole('button', { name: 'Envoyer le code' }).click();
    await waitForPage(page, 'Connexion à votre Espace Entreprise');
    await expect(page.getByText('Votre demande de connexion a expiré')).toBeVisible();
  });

  test('the back office has its own door, and an employer cannot go through it', async ({
    page,
  }) => {
    const staff = account(/^Gestionnaire/);
    await page.setViewportSize(DESKTOP);
    await page.goto('/back-office');
    await waitForPage(page, 'Connexion à l’espace assureur');
    await expectNoA11yViolations(page);
    await signIn(page, staff.email, staff.password, { space: 'backoffice' });
    await expect(page).toHaveURL(/\/back-office$/);
    await expect(page.getByRole('banner')).toContainText('Espace assureur');

    // A staff account has nothing to do in the employer space.
    await page.goto('/salaries');
    await expect(page).toHaveURL(/\/back-office$/);
  });
});
