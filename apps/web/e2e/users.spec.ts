import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  DEMO_ADMIN,
  DESKTOP,
  expectNoA11yViolations,
  outboxIds,
  signIn,
  useSession,
  waitForEmailLink,
  waitForPage,
} from './support';

/** The narrowest phone the portal is checked at. */
const SMALL_PHONE = { width: 375, height: 812 };

interface ManagedCompany {
  id: string;
  name: string;
  establishments: { id: string }[];
}
interface ManagedUser {
  id: string;
  email: string;
  status: string;
  isSelf: boolean;
  companies: { companyId: string; role: string }[];
}

/** What the signed-in administrator manages (`GET /api/users`), read with the page's cookies. */
async function managed(page: Page): Promise<{ users: ManagedUser[]; companies: ManagedCompany[] }> {
  const response = await page.request.get('/api/users');
  expect(response.ok(), 'GET /api/users').toBe(true);
  return (await response.json()) as { users: ManagedUser[]; companies: ManagedCompany[] };
}

async function openUsersPage(page: Page): Promise<void> {
  await useSession(page);
  await page.goto('/habilitations');
  await waitForPage(page, 'Gestion des habilitations');
  await expect(page.getByRole('status').filter({ hasText: /\d+ utilisateurs?/ })).toBeVisible();
}

test.describe('« Gestion des habilitations »', () => {
  test('an administrator invites a user on one company; the user creates a password, signs in and sees that company only; a provisional deactivation ends their session', async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const stamp = Date.now();
    const email = `invite-${stamp}@example.test`;
    const password = 'Verger-Ardoise-Lanterne-58';
    const name = 'Camille Rousset';

    await page.setViewportSize(DESKTOP);
    await openUsersPage(page);
    const { companies } = await managed(page);
    expect(companies.length, 'the demo administrator manages two companies').toBeGreaterThan(1);
    const company = companies[0]!;
    const other = companies[1]!;

    const table = page.getByRole('table', { name: 'Utilisateurs de vos sociétés' });
    await expect(table.getByRole('row', { name: /Eugénie Marchand \(vous\)/ })).toBeVisible();
    await expectNoA11yViolations(page);

    // « Ajouter un utilisateur à mon espace entreprise »: an empty form says what is missing.
    const addButton = page.getByRole('button', {
      name: 'Ajouter un utilisateur à mon espace entreprise',
    });
    await addButton.click();
    const dialog = page.getByRole('dialog', {
      name: 'Ajouter un utilisateur à mon espace entreprise',
    });
    await expect(dialog.getByRole('textbox', { name: 'Nom', exact: true })).toBeFocused();
    await dialog.getByRole('button', { name: 'Ajouter l’utilisateur' }).click();
    await expect(dialog.getByText('Donnez un accès à au moins une société')).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Nom', exact: true })).toBeFocused();

    await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Rousset');
    await dialog.getByLabel('Prénom').fill('Camille');
    await dialog.getByLabel('Adresse e-mail').fill(email);
    await dialog.getByLabel('Téléphone mobile').fill('06 39 98 01 42');
    // The firm's name appears with the third-party box, and is required with it.
    await dialog.getByLabel('Tiers déclarant (cabinet comptable…)').check();
    await expect(dialog.getByLabel('Nom du cabinet')).toBeVisible();
    await dialog.getByLabel('Tiers déclarant (cabinet comptable…)').uncheck();
    await expect(dialog.getByLabel('Nom du cabinet')).toBeHidden();

    // « Utilisateur » on the first company only; all its establishments (the default).
    const rights = dialog.getByRole('group', { name: `Droits sur ${company.name}` });
    await rights.getByText('Utilisateur', { exact: true }).click();
    await expect(rights.getByRole('radio', { name: 'Utilisateur' })).toBeChecked();
    if (company.establishments.length > 1) {
      await expect(rights.getByRole('radio', { name: 'Tous les établissements' })).toBeChecked();
      // « Certains établissements » asks for a list; back to all of them.
      await rights.getByText('Certains établissements').click();
      await expect(
        rights.getByRole('combobox', { name: /Établissements choisis de/ }),
      ).toBeVisible();
      await expectNoA11yViolations(page);
      await rights.getByText('Tous les établissements').click();
    }
    const otherRights = dialog.getByRole('group', { name: `Droits sur ${other.name}` });
    await expect(otherRights.getByRole('radio', { name: 'Aucun accès' })).toBeChecked();
    await expectNoA11yViolations(page);

    const known = await outboxIds(page);
    await dialog.getByRole('button', { name: 'Ajouter l’utilisateur' }).click();
    await expect(
      page.getByText(`Un e-mail a été envoyé à ${email} pour créer son mot de passe.`),
    ).toBeVisible();
    await expect(dialog).toBeHidden();
    const row = table.getByRole('row').filter({ hasText: email });
    await expect(row).toContainText(name);
    await expect(row).toContainText(`${company.name} — Utilisateur`);
    await expect(row).not.toContainText(other.name);
    await expect(row).toContainText('invité');
    await expect(row).toContainText('Jamais');

    // The invitation email's link: « Créer mon mot de passe », in the user's own browser.
    const link = await waitForEmailLink(page, known, email, '/creer-mot-de-passe/');
    const userContext = await browser.newContext({
      baseURL,
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      viewport: SMALL_PHONE,
    });
    const userPage = await userContext.newPage();
    await userPage.goto(link);
    await waitForPage(userPage, 'Créer mon mot de passe');
    await expect(userPage.getByText('Bonjour Camille,')).toBeVisible();
    await expect(userPage.getByText(email)).toBeVisible();
    await userPage.getByLabel(/^Mot de passe/).fill('camille2024');
    await expect(userPage.getByText(/Robustesse : (Très faible|Faible|Moyen)/)).toBeVisible();
    await userPage.getByLabel(/^Mot de passe/).fill(password);
    await expect(userPage.getByText(/Robustesse : (Fort|Très fort)/)).toBeVisible();
    await userPage.getByLabel(/^Confirmer le mot de passe/).fill(password);
    await expect(userPage.getByRole('region', { name: /Conditions générales/ })).toBeVisible();
    await userPage.getByRole('button', { name: 'Créer mon mot de passe' }).click();
    await expect(
      userPage.getByText('Vous devez accepter les conditions générales d’utilisation'),
    ).toBeVisible();
    await expectNoA11yViolations(userPage);
    await userPage.getByLabel(/J'ai lu et j'accepte les conditions générales/).check();
    await userPage.getByRole('button', { name: 'Créer mon mot de passe' }).click();
    await waitForPage(userPage, 'Votre mot de passe est créé');
    await expectNoA11yViolations(userPage);
    await expect(userPage.getByRole('link', { name: 'Me connecter' })).toHaveAttribute(
      'href',
      '/connexion',
    );

    // The link served once.
    await userPage.goto(link);
    await waitForPage(userPage, 'Lien déjà utilisé');

    // First sign-in: email, password, then the SMS code of the security screen.
    await userPage.setViewportSize(DESKTOP);
    await signIn(userPage, email, password);
    await waitForPage(userPage, 'Bienvenue Camille');
    const me = (await (await userPage.request.get('/api/auth/me')).json()) as {
      companies: { id: string; name: string; role: string }[];
    };
    expect(me.companies).toEqual([expect.objectContaining({ id: company.id, role: 'user' })]);
    // A user (not an administrator) has no « Mes habilitations », even by its address.
    await expect(
      userPage
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', { name: 'Mes habilitations' }),
    ).toHaveCount(0);
    await userPage.goto('/habilitations');
    await waitForPage(userPage, 'Bienvenue Camille');
    expect(new URL(userPage.url()).pathname).toBe('/');

    // Back with the administrator: the user is « actif », with a last sign-in.
    await page.getByLabel('Rechercher').fill(email);
    await expect(page).toHaveURL(/[?&]q=invite-/);
    await expect(page.getByRole('status').filter({ hasText: '1 utilisateur' })).toBeVisible();
    await expect(row).toContainText('actif');
    await expect(row).not.toContainText('Jamais');

    // « Désactiver provisoirement »: confirmed, then the user's session is over.
    await row.getByRole('button', { name: `Actions pour ${name}` }).click();
    await expect(
      page.getByRole('menuitem', { name: 'Renvoyer un lien de création de mot de passe' }),
    ).toHaveCount(0);
    await page.getByRole('menuitem', { name: 'Désactiver provisoirement' }).click();
    const confirm = page.getByRole('dialog', { name: /Désactiver provisoirement/ });
    await expect(confirm).toContainText('Vous pourrez réactiver son accès à tout moment');
    await expect(confirm.getByRole('button', { name: 'Annuler' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Désactiver provisoirement' }).click();
    await expect(page.getByText(`L’accès de ${name} est désactivé provisoirement.`)).toBeVisible();
    await expect(row).toContainText('suspendu');

    expect((await userPage.request.get('/api/auth/me')).status()).toBe(401);
    await userPage.goto('/salaries');
    await waitForPage(userPage, /^Connexion/);
    expect(new URL(userPage.url()).pathname).toBe('/connexion');
    await userContext.close();

    // « Réactiver », then « Désactiver définitivement » (this account is the journey's own).
    await row.getByRole('button', { name: `Actions pour ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Réactiver' }).click();
    await expect(page.getByText(`L’accès de ${name} est réactivé.`)).toBeVisible();
    await expect(row).toContainText('actif');
    await row.getByRole('button', { name: `Actions pour ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Désactiver définitivement' }).click();
    const final = page.getByRole('dialog', { name: /Désactiver définitivement/ });
    await expect(final).toContainText('elle ne peut pas être annulée');
    await expectNoA11yViolations(page);
    await final.getByRole('button', { name: 'Désactiver définitivement' }).click();
    await expect(row).toContainText('désactivé');
    await expect(row.getByRole('button', { name: `Actions pour ${name}` })).toHaveCount(0);
    await expect(row).toContainText(`Aucune action possible pour ${name}`);
  });

  test('the administrator cannot deactivate themself, and the last administrator keeps the role', async ({
    page,
  }) => {
    await page.setViewportSize(DESKTOP);
    await openUsersPage(page);
    const { users, companies } = await managed(page);
    const self = users.find((u) => u.isSelf)!;
    const row = page.getByRole('row', { name: /Eugénie Marchand \(vous\)/ });
    await row.getByRole('button', { name: 'Actions pour Eugénie Marchand' }).click();
    await expect(page.getByRole('menuitem', { name: 'Désactiver provisoirement' })).toBeDisabled();
    await expect(page.getByRole('menuitem', { name: 'Désactiver définitivement' })).toBeDisabled();
    await expect(page.getByText('Vous ne pouvez pas désactiver votre propre accès.')).toBeVisible();

    // The demo seed makes her the only administrator of her companies: the server refuses to
    // demote the last one, and nothing changes.
    const company = companies.find(
      (c) =>
        !users.some(
          (u) =>
            !u.isSelf &&
            u.status === 'active' &&
            u.companies.some((r) => r.companyId === c.id && r.role === 'admin'),
        ),
    );
    expect(self.status).toBe('active');
    expect(company, 'a company whose only active administrator is Eugénie Marchand').toBeDefined();
    await page.getByRole('menuitem', { name: 'Modifier les droits' }).click();
    const dialog = page.getByRole('dialog', { name: 'Modifier les droits d’Eugénie Marchand' });
    const rights = dialog.getByRole('group', { name: `Droits sur ${company!.name}` });
    await expect(rights.getByRole('radio', { name: 'Administrateur' })).toBeChecked();
    await rights.getByText('Utilisateur', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Enregistrer les droits' }).click();
    await expect(dialog.getByRole('alert')).toContainText('au moins un administrateur actif');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText(`${company!.name} — Administrateur`);
  });

  test('at 375 px the users are cards, the filters stay in the address, and axe finds nothing', async ({
    page,
  }) => {
    await page.setViewportSize(SMALL_PHONE);
    await openUsersPage(page);
    const cards = page.getByRole('list', { name: 'Utilisateurs de vos sociétés' });
    await expect(cards.getByRole('listitem').first()).toBeVisible();
    await expect(page.getByRole('table')).toBeHidden();
    // Nothing of the page's content is wider than the screen.
    const overflowing = await page
      .getByRole('main')
      .evaluate((main) =>
        [...main.querySelectorAll('*')]
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((element) => element.outerHTML.slice(0, 80)),
      );
    expect(overflowing, 'content wider than 375 px').toEqual([]);
    await expectNoA11yViolations(page);

    // A filter is kept in the address, and an empty result says so.
    await page.getByRole('combobox', { name: 'Statut' }).click();
    await page.getByRole('option', { name: 'Désactivé' }).click();
    await expect(page).toHaveURL(/status=deactivated/);
    await page.getByLabel('Rechercher').fill('personne-inexistante');
    await expect(
      page.getByText('Aucun utilisateur ne correspond à votre recherche.'),
    ).toBeVisible();
    await page.reload();
    await waitForPage(page, 'Gestion des habilitations');
    await expect(page.getByLabel('Rechercher')).toHaveValue('personne-inexistante');
    await expect(
      page.getByText('Aucun utilisateur ne correspond à votre recherche.'),
    ).toBeVisible();
    await expectNoA11yViolations(page);
    await page.getByRole('button', { name: 'Effacer les filtres' }).first().click();
    await expect(page.getByLabel('Rechercher')).toHaveValue('');
    await expect(page).toHaveURL(/\/habilitations$/);

    // The add form fills the screen and passes axe.
    await page
      .getByRole('button', { name: 'Ajouter un utilisateur à mon espace entreprise' })
      .click();
    const dialog = page.getByRole('dialog', {
      name: 'Ajouter un utilisateur à mon espace entreprise',
    });
    await expect(dialog.getByRole('textbox', { name: 'Nom', exact: true })).toBeFocused();
    await expectNoA11yViolations(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('button', { name: 'Ajouter un utilisateur à mon espace entreprise' }),
    ).toBeFocused();
  });

  test('a password-creation link that does not exist gets a clear page', async ({ page }) => {
    await page.setViewportSize(SMALL_PHONE);
    await page.goto('/creer-mot-de-passe/ce-lien-n-existe-pas-du-tout');
    await waitForPage(page, 'Ce lien n’est pas valide');
    await expectNoA11yViolations(page);
    await page.goto('/creer-mot-de-passe/court');
    await waitForPage(page, 'Ce lien n’est pas valide');
  });

  test('the demo administrator is still an active administrator afterwards', async ({ page }) => {
    // Other journeys sign in with this account: nothing above may have changed it.
    await useSession(page, DEMO_ADMIN);
    const me = (await (await page.request.get('/api/auth/me')).json()) as {
      companies: { role: string }[];
    };
    expect(me.companies.filter((c) => c.role === 'admin').length).toBeGreaterThan(1);
  });
});
