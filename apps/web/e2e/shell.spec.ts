import { expect, test } from '@playwright/test';
import {
  DEMO_ADMIN,
  DESKTOP,
  PHONE,
  expectNoA11yViolations,
  signIn,
  useSession,
  waitForPage,
} from './support';

let BRAND = 'Mutuelle Horizon Prévoyance';

test.describe('web shell', () => {
  test.beforeAll(async ({ request }) => {
    // The insurer's name as the server is configured (the demo's fictional insurer by default).
    const branding = (await (await request.get('/api/branding')).json()) as { brandName: string };
    BRAND = branding.brandName;
  });

  test('the home page shows the employer header and the support footer', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await useSession(page);
    await page.goto('/');
    await waitForPage(page, 'Bienvenue Eugénie');
    await expect(page).toHaveTitle('Accueil — Affilia');

    const header = page.getByRole('banner');
    await expect(header.getByRole('link', { name: BRAND })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await expect(nav.getByRole('link', { name: 'Mes salariés' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Mes documents pratiques' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Mes habilitations' })).toBeVisible();
    await expect(header.getByRole('button', { name: 'Besoin d’aide ?' })).toBeVisible();
    await expect(header.getByRole('link', { name: 'Messages' })).toBeVisible();
    await expect(header.getByRole('link', { name: 'Notifications' })).toBeVisible();
    await expect(header.getByRole('button', { name: 'Mon profil' })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toContainText('Besoin d’aide ?');

    // « Mes démarches » is a menu of three links.
    await nav.getByRole('button', { name: 'Mes démarches' }).click();
    await expect(page.getByRole('menuitem', { name: 'Pré-affiliation' })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: 'Suivi des demandes' })).toBeVisible();
    await page.getByRole('menuitem', { name: 'Nous contacter' }).click();
    await waitForPage(page, 'Messagerie');

    // The help popover gives the support phone and hours.
    await header.getByRole('button', { name: 'Besoin d’aide ?' }).click();
    await expect(page.getByRole('dialog')).toContainText('du lundi au vendredi de 8h30 à 17h00');
    await page.keyboard.press('Escape');

    await nav.getByRole('link', { name: 'Mes salariés' }).click();
    await waitForPage(page, 'Mes salariés');
    await expect(page).toHaveTitle('Mes salariés — Affilia');
    await expect(nav.getByRole('link', { name: 'Mes salariés' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  test('the sign-in page is branded and accessible', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await page.goto('/connexion');
    await waitForPage(page, 'Connexion à votre Espace Entreprise');
    await expect(page).toHaveTitle('Connexion — Affilia');
    await expect(page.getByRole('banner').getByRole('link', { name: BRAND })).toBeVisible();
    await expect(page.getByLabel('Adresse e-mail')).toBeVisible();
    await expect(page.getByLabel(/^Mot de passe/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Mot de passe oublié ?' })).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Première connexion ? Activer mon espace' }),
    ).toBeVisible();
    await expectNoA11yViolations(page);

    // Client-side validation from the shared schema, next to the fields.
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByText('Saisissez une adresse e-mail')).toBeVisible();
    await expect(page.getByText('Saisissez votre mot de passe')).toBeVisible();
    await expect(page.getByLabel('Adresse e-mail')).toBeFocused();
    await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
    await expectNoA11yViolations(page);

    // The password can be shown and hidden.
    const password = page.getByLabel(/^Mot de passe/);
    await password.fill('un mot de passe');
    await expect(password).toHaveAttribute('type', 'password');
    await page.getByRole('button', { name: 'Afficher le mot de passe' }).click();
    await expect(password).toHaveAttribute('type', 'text');
  });

  test('sign-in and home pass axe on a phone, and the burger opens the navigation', async ({
    page,
  }) => {
    await page.setViewportSize(PHONE);
    await page.goto('/connexion');
    await waitForPage(page, 'Connexion à votre Espace Entreprise');
    await expectNoA11yViolations(page);

    await useSession(page);
    await page.goto('/');
    await waitForPage(page, 'Bienvenue');
    await expectNoA11yViolations(page);

    const burger = page.getByRole('button', { name: 'Menu' });
    await expect(burger).toHaveAttribute('aria-expanded', 'false');
    await burger.click();
    const drawer = page.getByRole('dialog', { name: 'Menu' });
    await expect(drawer).toBeVisible();
    for (const label of [
      'Mes salariés',
      'Mes documents pratiques',
      'Mes habilitations',
      'Pré-affiliation',
      'Nous contacter',
    ]) {
      await expect(drawer.getByRole('link', { name: label })).toBeVisible();
    }
    await expectNoA11yViolations(page);
    await drawer.getByRole('link', { name: 'Suivi des demandes' }).click();
    await waitForPage(page, 'Suivi des demandes');
    await expect(drawer).toBeHidden();
  });

  test('the home page passes axe at desktop size', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await useSession(page);
    await page.goto('/');
    await waitForPage(page, 'Bienvenue');
    await expectNoA11yViolations(page);
  });

  test('a skip link leads to the content', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await useSession(page);
    await page.goto('/salaries');
    await waitForPage(page, 'Mes salariés');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });

  test('the development mailbox renders', async ({ page }) => {
    await page.goto('/dev/mailbox');
    await waitForPage(page, 'Boîte de réception de développement');
    await expect(page.getByRole('button', { name: 'Rafraîchir' })).toBeVisible();
    // A fresh server has either sent nothing yet or only its start-up messages.
    await expect(
      page
        .getByText('Aucun message pour le moment')
        .or(page.getByText(/\d+ messages?, du plus récent/)),
    ).toBeVisible();
    await expectNoA11yViolations(page);
  });

  test('an unknown address shows a French 404 page with a link home', async ({ page }) => {
    await useSession(page);
    await page.goto('/cette-page-n-existe-pas');
    await waitForPage(page, 'Page introuvable');
    await expect(page).toHaveTitle('Page introuvable — Affilia');
    await page.getByRole('link', { name: 'Retour à l’accueil', exact: true }).click();
    await waitForPage(page, 'Bienvenue');
  });

  test('an anonymous visitor is sent to the sign-in page, then back where they were going', async ({
    page,
  }) => {
    await page.setViewportSize(DESKTOP);
    await page.goto('/salaries?page=2');
    await waitForPage(page, 'Connexion à votre Espace Entreprise');
    await expect(page).toHaveURL(/\/connexion\?redirect=%2Fsalaries%3Fpage%3D2$/);

    // The first sign-in from this browser goes through the security screen.
    await page.getByLabel('Adresse e-mail').fill(DEMO_ADMIN.email);
    await page.getByLabel(/^Mot de passe/).fill(DEMO_ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await waitForPage(page, 'Double authentification');
    await expect(page.getByText('Confirmez votre numéro')).toContainText('•• •• ••');
    await expect(page.getByText('un nouveau navigateur')).toBeVisible();
    await expectNoA11yViolations(page);
    await page.getByRole('link', { name: 'Revenir à la connexion' }).click();
    await waitForPage(page, 'Connexion à votre Espace Entreprise');

    await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password, { path: page.url() });
    await waitForPage(page, 'Mes salariés');
    await expect(page).toHaveURL(/\/salaries\?page=2$/);
  });

  test('the profile menu names the user and signs out', async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signIn(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await page.getByRole('banner').getByRole('button', { name: 'Mon profil' }).click();
    const menu = page.getByRole('menu');
    await expect(menu).toContainText('Eugénie Marchand');
    await menu.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    await waitForPage(page, 'Connexion à votre Espace Entreprise');
    await expect(page.getByRole('status')).toContainText('Vous êtes déconnecté.');

    // The session is over on the server: the space asks to sign in again.
    await page.goto('/');
    await waitForPage(page, 'Connexion à votre Espace Entreprise');
  });

  test('issue 15: the header’s menus load with their first use, by keyboard too', async ({
    page,
  }) => {
    await page.setViewportSize(DESKTOP);
    await useSession(page);
    const popovers: string[] = [];
    page.on('request', (request) => {
      if (/header-popovers/.test(request.url())) popovers.push(request.url());
    });
    await page.goto('/');
    await waitForPage(page, /^Bienvenue/);
    // The page is usable without the menus' code (floating-ui): it has not been asked for.
    expect(popovers).toEqual([]);

    // Tab into the header: its code loads, the focus stays where it is, Enter opens the menu.
    const profile = page.getByRole('banner').getByRole('button', { name: 'Mon profil' });
    await profile.focus();
    await expect(profile).toBeFocused();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await expect(menu).toContainText('Eugénie Marchand');
    expect(popovers.length).toBe(1);
    await expectNoA11yViolations(page);
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(profile).toBeFocused();

    // « Mes démarches »: the stand-in was replaced, the real menu opens on a click.
    await page.getByRole('button', { name: 'Mes démarches' }).click();
    await expect(page.getByRole('menuitem', { name: 'Pré-affiliation' })).toBeVisible();
  });
});
