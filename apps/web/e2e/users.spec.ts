import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  DEMO_ADMIN,
  DESKTOP,
  expectNoA11yViolations,
  inAnotherBrowser,
  outboxIds,
  signIn,
  useSession,
  waitForEmailLink,
  waitForNewMessage,
  waitForPage,
} from './support';

/** The narrowest phone the portal is checked at. */
const SMALL_PHONE = { width: 375, height: 812 };

interface ManagedCompany {
  id: string;
  name: string;
  /** The administrator's role covers the whole company (else: the establishments they follow). */
  wholeCompany: boolean;
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

test.describe('« Gestion des habilitations »', () => {
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
    await expect(table.getByRole('row', { name: /Marchand Eugénie \(vous\)/ })).toBeVisible();
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
    if (!company.wholeCompany) {
      // An administrator who follows some establishments gives some of them (issue 14 #1).
      await expect(rights.getByRole('radio', { name: 'Tous les établissements' })).toHaveCount(0);
      const chosen = rights.getByRole('combobox', { name: /Établissements choisis de/ });
      if (company.establishments.length > 1) {
        await chosen.click();
        await page.getByRole('option').first().click();
        await page.keyboard.press('Escape');
      }
      await expectNoA11yViolations(page);
    } else if (company.establishments.length > 1) {
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
    await expect(page.getByText(`Invitation envoyée à ${email}.`)).toBeVisible();
    await expect(dialog).toBeHidden();
    const row = table.getByRole('row').filter({ hasText: email });
    await expect(row).toContainText('Rousset Camille');
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
    await userPage.getByLabel(/J’ai lu et j’accepte les conditions générales/).check();
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
    // Opened by its address, the page says why it is closed (issue 14 #25).
    await userPage.goto('/habilitations');
    await waitForPage(userPage, 'Gestion des habilitations');
    await expect(userPage.getByRole('alert')).toContainText('Accès réservé aux administrateurs');

    // Back with the administrator: the user is « actif », with a last sign-in.
    await page.getByLabel('Rechercher').fill(email);
    await expect(page).toHaveURL(/[?&]q=invite-/);
    await expect(page.getByRole('status').filter({ hasText: '1 utilisateur' })).toBeVisible();
    await expect(row).toContainText('actif');
    await expect(row).not.toContainText('Jamais');

    // « Désactiver provisoirement »: confirmed, then the user's session is over.
    await row.getByRole('button', { name: `Actions pour ${name}` }).click();
    await expect(page.getByRole('menuitem', { name: 'Renvoyer l’invitation' })).toHaveCount(0);
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
    const row = page.getByRole('row', { name: /Marchand Eugénie \(vous\)/ });
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

const API_HEADERS = { 'x-requested-with': 'affilia' };

/**
 * An employer account with a password, made through the real invitation: `admin` (a signed-in
 * page) adds the address with `rights`, then the person creates their password from the link.
 */
async function createAccount(
  admin: Page,
  person: { email: string; lastName: string; password: string },
  grants: { company: ManagedCompany; level: 'user' | 'admin' }[],
): Promise<void> {
  const rights = grants.map(({ company, level }) => ({
    companyId: company.id,
    level,
    establishmentIds: company.wholeCompany ? null : company.establishments.map((e) => e.id),
  }));
  const known = await outboxIds(admin);
  const added = await admin.request.post('/api/users', {
    headers: API_HEADERS,
    data: {
      lastName: person.lastName,
      firstName: 'Test',
      email: person.email,
      mobilePhone: '0639980143',
      rights,
    },
  });
  expect(added.status(), await added.text()).toBe(201);
  const link = await waitForEmailLink(admin, known, person.email, '/creer-mot-de-passe/');
  const token = link.split('/creer-mot-de-passe/')[1]!;
  const check = await admin.request.get(`/api/auth/invitation/${token}`);
  const { termsVersionId } = (await check.json()) as { termsVersionId: string | null };
  const created = await admin.request.post('/api/auth/invitation/accept', {
    headers: API_HEADERS,
    data: { token, password: person.password, termsVersionId, acceptTerms: true },
  });
  expect(created.status(), await created.text()).toBe(200);
}

test.describe('Issue 14: invitations of existing accounts, regional administrators, plain users', () => {
  test('issue 14 #4: an address that already has an account gets the same « invité » row; the person accepts after signing in', async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const stamp = Date.now();
    const password = 'Verger-Ardoise-Lanterne-58';
    await page.setViewportSize(DESKTOP);
    await openUsersPage(page);
    const [first, second] = (await managed(page)).companies;
    // An administrator of the second company only, and a person of the first company only:
    // neither sees the other in their list.
    const inviter = { email: `inviteur-${stamp}@example.test`, lastName: 'Inviteur', password };
    const person = { email: `existant-${stamp}@example.test`, lastName: 'Existant', password };
    await createAccount(page, inviter, [{ company: second!, level: 'admin' }]);
    await createAccount(page, person, [{ company: first!, level: 'user' }]);

    const link = await inAnotherBrowser(browser, inviter, async (admin) => {
      await admin.goto('/habilitations');
      await waitForPage(admin, 'Gestion des habilitations');
      await admin
        .getByRole('button', { name: 'Ajouter un utilisateur à mon espace entreprise' })
        .click();
      const dialog = admin.getByRole('dialog', {
        name: 'Ajouter un utilisateur à mon espace entreprise',
      });
      await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Tapé');
      await dialog.getByLabel('Prénom').fill('Dominique');
      await dialog.getByLabel('Adresse e-mail').fill(person.email);
      await dialog.getByLabel('Téléphone mobile').fill('06 11 22 33 44');
      const rights = dialog.getByRole('group', { name: `Droits sur ${second!.name}` });
      await rights.getByText('Utilisateur', { exact: true }).click();
      const chosen = rights.getByRole('combobox', { name: /Établissements choisis de/ });
      // An administrator of some establishments chooses among theirs (one: already chosen).
      if ((await chosen.count()) > 0) {
        await chosen.click();
        const option = admin.getByRole('option').first();
        if ((await option.count()) > 0) await option.click();
        await admin.keyboard.press('Escape');
      }
      const known = await outboxIds(admin);
      await dialog.getByRole('button', { name: 'Ajouter l’utilisateur' }).click();
      // The same words as for a new address; the row shows what was typed, « invité ».
      await expect(admin.getByText(`Invitation envoyée à ${person.email}.`)).toBeVisible();
      const row = admin.getByRole('row', { name: /Tapé Dominique/ });
      await expect(row).toContainText('invité');
      await expect(row).toContainText('Invitation envoyée le');
      await expect(row).toContainText(`${second!.name} — Utilisateur`);
      await expect(row).not.toContainText(first!.name);
      return waitForEmailLink(admin, known, person.email, '/rejoindre/');
    });

    // The person opens the link, signs in, and comes back to the invitation.
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    try {
      const phone = await context.newPage();
      await phone.goto(link);
      await waitForPage(phone, /^Connexion/);
      await phone.getByLabel('Adresse e-mail').fill(person.email);
      await phone.getByLabel(/^Mot de passe/).fill(password);
      await phone.getByRole('button', { name: 'Se connecter' }).click();
      const securityScreen = phone.getByRole('heading', {
        level: 1,
        name: 'Double authentification',
      });
      const invitation = phone.getByRole('heading', {
        level: 1,
        name: 'Invitation à rejoindre une société',
      });
      await expect(securityScreen.or(invitation)).toBeVisible();
      if (await securityScreen.isVisible()) {
        const known = await outboxIds(phone);
        await phone.getByRole('button', { name: 'Envoyer le code' }).click();
        const sms = await waitForSms(phone, known);
        await phone.getByLabel('Code reçu par SMS').fill(sms);
        await phone.getByRole('button', { name: 'Continuer' }).click();
      }
      await expect(invitation).toBeVisible();
      await expect(phone.getByText(`${second!.name} — Utilisateur`)).toBeVisible();
      await expectNoA11yViolations(phone);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        375,
      );
      await phone.getByRole('button', { name: 'Accepter l’invitation' }).click();
      await expect(phone.getByText(/Invitation acceptée/)).toBeVisible();
      const me = (await (await phone.request.get('/api/auth/me')).json()) as {
        companies: { id: string }[];
      };
      expect(me.companies.map((c) => c.id).sort()).toEqual([first!.id, second!.id].sort());
      await expectNoA11yViolations(phone);
    } finally {
      await context.close();
    }
  });

  test('issue 14 #25: a plain « Utilisateur » opening /habilitations is told why', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const stamp = Date.now();
    const password = 'Verger-Ardoise-Lanterne-58';
    await page.setViewportSize(DESKTOP);
    await openUsersPage(page);
    const [first] = (await managed(page)).companies;
    const plain = { email: `simple-${stamp}@example.test`, lastName: 'Simple', password };
    await createAccount(page, plain, [{ company: first!, level: 'user' }]);
    await page.context().clearCookies();
    await signIn(page, plain.email, plain.password);
    await page.goto('/habilitations');
    await waitForPage(page, 'Gestion des habilitations');
    await expect(page.getByRole('alert')).toContainText('Accès réservé aux administrateurs');
    await expect(page.getByRole('alert')).toContainText('Votre rôle est « Utilisateur »');
    await expectNoA11yViolations(page);
  });
});

/** The 6-digit code of the next SMS. */
async function waitForSms(page: Page, known: ReadonlySet<string>): Promise<string> {
  const sms = await waitForNewMessage(
    page,
    known,
    (m) => m.channel === 'sms' && /\b\d{6}\b/.test(m.text),
  );
  return /\b(\d{6})\b/.exec(sms.text)![1]!;
}
