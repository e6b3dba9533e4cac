import { expect, test, type Page } from '@playwright/test';
import { DISPENSE_REGISTER_STATE_LABELS } from '@affilia/shared/domain/dispense';
import { pickContract } from '@affilia/shared/domain/pre-affiliation';
import { addMonths } from '@affilia/shared/domain/radiation';
import { computeNirKey } from '@affilia/shared/validators/nir';
import {
  DESKTOP,
  escapeRegExp,
  expectNoA11yViolations,
  fillDate,
  getJson,
  inBackOffice,
  outboxIds,
  pdf,
  useSession,
  waitForEmailLink,
  waitForNewMessage,
  waitForPage,
} from './support';

/*
 * Issue 19 end to end, in three browsers: the employer pre-affiliates a new employee (through the
 * API, as the wizard does: its journey is affiliation.spec.ts); the employee, on a 375 px phone,
 * opens the emailed link and asks to be exempted « couverture individuelle en cours » with their
 * contract's due date and its attestation, signing the sworn statement; the insurer's
 * « gestionnaire » validates it in the back office's « Dispenses »; the employer's register
 * « Dispenses » lists the employee with the dispense's end date. axe on every new page. Every run
 * makes its own employee (unique name, NIR and email): no demo data is changed.
 */

/** The narrowest phone the portal is checked at. */
const SMALL_PHONE = { width: 375, height: 812 };
const API_HEADERS = { 'x-requested-with': 'affilia' };
const PROOF = 'attestation-contrat-individuel.pdf';
const RENEWAL_PROOF = 'attestation-autre-regime-annee.pdf';

interface AffiliationOptions {
  establishments: {
    id: string;
    name: string;
    contracts: {
      id: string;
      staffCategory: 'cadre' | 'non_cadre' | 'all';
      startDate: string;
      endDate: string | null;
    }[];
  }[];
}

function todayInParis(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
}

function frenchDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** The digits of a number written with letters: a name the name checks accept, unique per run. */
function letters(n: number): string {
  return [...String(n)].map((d) => 'abcdefghij'[Number(d)]).join('');
}

/** « Pré-affiliation » of a new employee, by email, as the wizard sends it. */
async function preAffiliate(
  page: Page,
  person: { lastName: string; firstName: string; email: string; nir: string; birthDate: string },
  today: string,
): Promise<void> {
  const options = await getJson<AffiliationOptions>(page, '/api/affiliations/options');
  const establishment = options.establishments.find((e) =>
    pickContract(e.contracts, 'non_cadre', today),
  );
  if (!establishment) throw new Error('no establishment with a Non cadre contract');
  const created = await page.request.post('/api/affiliations', {
    headers: API_HEADERS,
    data: {
      establishmentId: establishment.id,
      professionalStatus: 'non_cadre',
      alreadyAffiliated: false,
      ...person,
      hireDate: today,
      affiliationDate: today,
      employmentContractType: 'cdi',
      employmentStartDate: today,
      confirmNirWarning: true,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
}

test.describe('Issue 19 — dispense d’affiliation', () => {
  test('the employee asks a dispense « couverture individuelle en cours » on a phone, the gestionnaire validates it, the employer’s register lists it with its end date', async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const stamp = Date.now();
    const lastName = `Vasseur-${letters(stamp % 100_000_000)}`;
    const firstName = 'Maëlle';
    const email = `dispense-${stamp}@exemple.test`;
    // A woman born in March 1992 in Lyon: the NIR agrees with the birth date.
    const birthDate = '1992-03-21';
    const commune = 100 + (stamp % 900);
    const order = 1 + (Math.floor(stamp / 900) % 999);
    const nir13 = `2920369${commune}${String(order).padStart(3, '0')}`;
    const today = todayInParis();
    const dueDate = addMonths(today, 7);

    // ---- 1. The employer: a pré-affiliation by email. ----
    await page.setViewportSize(DESKTOP);
    await useSession(page);
    const known = await outboxIds(page);
    await preAffiliate(
      page,
      { lastName, firstName, email, nir: `${nir13}${computeNirKey(nir13)}`, birthDate },
      today,
    );
    const link = await waitForEmailLink(page, known, email, '/formulaire/');

    // ---- 2. The employee, on a phone: « Je demande à être dispensé(e) d’adhésion ». ----
    const phone = await browser.newContext({
      viewport: SMALL_PHONE,
      isMobile: true,
      hasTouch: true,
    });
    try {
      const employee = await phone.newPage();
      await employee.goto(link);
      await waitForPage(employee, 'Confirmez votre date de naissance');
      await fillDate(employee.getByLabel(/^Date de naissance/), birthDate);
      await employee.getByRole('button', { name: 'Confirmer' }).click();
      await waitForPage(employee, /^Votre bulletin d’affiliation/);
      await employee
        .getByRole('radio', { name: /^Je demande à être dispensé\(e\) d’adhésion/ })
        .check();
      const individual = employee.getByRole('radio', {
        name: /^Je suis déjà couvert\(e\) par un contrat santé individuel/,
      });
      await expect(individual).toBeVisible();
      await expectNoA11yViolations(employee);
      await individual.check();
      await fillDate(employee.getByLabel(/^Date d’échéance de votre contrat individuel/), dueDate);
      const choosing = employee.waitForEvent('filechooser');
      await employee.getByRole('button', { name: 'Joindre mon justificatif' }).click();
      await (
        await choosing
      ).setFiles({ name: PROOF, mimeType: 'application/pdf', buffer: pdf(PROOF) });
      await expect(employee.getByRole('button', { name: `Retirer ${PROOF}` })).toBeVisible();
      await employee
        .getByRole('checkbox', {
          name: 'Je certifie sur l’honneur l’exactitude de cette déclaration',
        })
        .check();
      await expectNoA11yViolations(employee);
      await employee.getByRole('button', { name: /^Envoyer ma demande de dispense/ }).click();
      await waitForPage(employee, 'Votre demande de dispense a été transmise');
      await expect(
        employee.getByRole('link', { name: 'Télécharger ma demande (PDF)' }),
      ).toBeVisible();
      await expectNoA11yViolations(employee);
    } finally {
      await phone.close();
    }

    // ---- 3. The insurer: « Dispenses », the request, « Valider la dispense ». ----
    const fullName = `${lastName} ${firstName}`;
    await inBackOffice(browser, async (staff) => {
      await staff.goto('/back-office/dispenses');
      await waitForPage(staff, 'Dispenses d’affiliation');
      const row = staff.getByRole('row').filter({ hasText: lastName });
      await expect(row).toHaveCount(1);
      await expectNoA11yViolations(staff);
      await row.getByRole('link', { name: new RegExp(escapeRegExp(lastName)) }).click();
      await waitForPage(staff, `Dispense de ${fullName}`);
      await expect(staff.getByText(PROOF).first()).toBeVisible();
      await expectNoA11yViolations(staff);
      await staff.getByRole('button', { name: 'Valider la dispense' }).click();
      await expect(
        staff.getByText('La dispense est validée : le salarié est dispensé d’adhésion.'),
      ).toBeVisible();
    });

    // ---- 4. The employer: the register « Dispenses », with the end date. ----
    await page.goto('/dispenses');
    await waitForPage(page, /^Dispenses/);
    await page.getByRole('textbox', { name: /^Salarié/ }).fill(lastName);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(new RegExp(`q=${lastName}`));
    const entry = page.getByRole('row').filter({ hasText: lastName });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText(frenchDate(dueDate));
    await expect(entry).toContainText(DISPENSE_REGISTER_STATE_LABELS.valid);
    await expect(entry).toContainText(PROOF);
    await expectNoA11yViolations(page);
  });

  test('an expired dispense: the home page’s pending action, « Affilier » from the register, the pré-affiliation pre-filled; once sent, the dispense ends and the action goes', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    // The demo's Chloé Fontaine: dispensed until her individual contract's due date, ten days ago
    // (db/seed/demo-dispenses.ts); no other journey counts on her.
    await page.setViewportSize(DESKTOP);
    await useSession(page);
    await page.goto('/');
    await waitForPage(page, 'Bienvenue Eugénie');
    const action = page.getByRole('link', { name: /dispense expirée : salarié à affilier/ });
    await expect(action).toBeVisible();
    await action.click();
    await waitForPage(page, /^Dispenses/);
    await expect(page).toHaveURL(/state=expired/);
    await page.getByRole('button', { name: 'Voir la dispense de Fontaine Chloé' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(DISPENSE_REGISTER_STATE_LABELS.expired);
    await expectNoA11yViolations(page);
    await dialog.getByRole('link', { name: 'Affilier Chloé Fontaine' }).click();

    await waitForPage(page, 'Pré-affiliation');
    await expect(page.getByText(/La dispense de Chloé Fontaine a expiré/)).toBeVisible();
    await expectNoA11yViolations(page);
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    await expect(page.getByRole('textbox', { name: /^Nom/ })).toHaveValue('Fontaine');
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    const sentence = page.getByText(/Un e-mail a été envoyé à chloe\.fontaine@exemple\.test/);
    const confirm = page.getByRole('button', { name: 'Confirmer et valider' });
    await expect(sentence.or(confirm)).toBeVisible();
    if (await confirm.isVisible()) await confirm.click();
    await expect(sentence).toBeVisible();

    // The dispense is over (« Terminée »), the home page no longer asks to affiliate her.
    await page.goto('/dispenses?state=ended');
    await waitForPage(page, /^Dispenses/);
    await expect(page.getByRole('row').filter({ hasText: 'Fontaine Chloé' })).toContainText(
      DISPENSE_REGISTER_STATE_LABELS.ended,
    );
    await page.goto('/');
    await waitForPage(page, 'Bienvenue Eugénie');
    await expect(page.getByRole('link', { name: /dispense expirée/ })).toHaveCount(0);
  });

  test('the renewal reminder: its emailed link opens the renewal on a phone, the new attestation goes to the gestionnaire, who validates it; the register shows the next renewal a year later', async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    // The demo's Théo Garnier, « couvert au titre d’un autre emploi »: his yearly proof is due in
    // three weeks and the renewal job reminded him at the server's start (demo-dispenses.ts).
    const email = 'theo.garnier@exemple.test';
    await page.setViewportSize(DESKTOP);
    await useSession(page);
    const register = await getJson<{ items: { renewalDueDate: string | null }[] }>(
      page,
      '/api/dispenses?q=Garnier&state=renewal_due',
    );
    const due = register.items[0]?.renewalDueDate;
    if (!due) throw new Error('the demo’s renewal due within 30 days is missing');
    const reminder = await waitForNewMessage(
      page,
      new Set(),
      (m) => m.to === email && (m.subject ?? '').includes('est à renouveler'),
    );
    const url = /https?:\/\/\S+\/formulaire\/\S+/.exec(reminder.text)?.[0];
    expect(url, 'the renewal link in the reminder').toBeTruthy();

    const phone = await browser.newContext({
      viewport: SMALL_PHONE,
      isMobile: true,
      hasTouch: true,
    });
    try {
      const employee = await phone.newPage();
      await employee.goto(new URL(url!).pathname);
      await waitForPage(employee, 'Confirmez votre date de naissance');
      await fillDate(employee.getByLabel(/^Date de naissance/), '1988-11-02');
      await employee.getByRole('button', { name: 'Confirmer' }).click();
      await waitForPage(employee, 'Renouveler votre justificatif de dispense');
      await expect(
        employee.getByText(`Votre dispense doit être renouvelée avant le ${frenchDate(due)}.`),
      ).toBeVisible();
      await expectNoA11yViolations(employee);
      const choosing = employee.waitForEvent('filechooser');
      await employee.getByRole('button', { name: 'Joindre mon justificatif' }).click();
      await (
        await choosing
      ).setFiles({ name: RENEWAL_PROOF, mimeType: 'application/pdf', buffer: pdf(RENEWAL_PROOF) });
      await expect(
        employee.getByRole('button', { name: `Retirer ${RENEWAL_PROOF}` }),
      ).toBeVisible();
      await employee
        .getByRole('checkbox', {
          name: 'Je certifie sur l’honneur l’exactitude de cette déclaration',
        })
        .check();
      await employee.getByRole('button', { name: 'Envoyer mon renouvellement' }).click();
      await waitForPage(employee, 'Votre justificatif de dispense a été transmis');
      await expectNoA11yViolations(employee);
    } finally {
      await phone.close();
    }

    await inBackOffice(browser, async (staff) => {
      await staff.goto('/back-office/dispenses');
      await waitForPage(staff, 'Dispenses d’affiliation');
      const row = staff.getByRole('row').filter({ hasText: 'Garnier' });
      await expect(row).toHaveCount(1);
      await row.getByRole('link', { name: /Garnier/ }).click();
      await waitForPage(staff, 'Dispense de Garnier Théo');
      await expect(staff.getByText(RENEWAL_PROOF).first()).toBeVisible();
      await staff.getByRole('button', { name: 'Valider la dispense' }).click();
      await expect(
        staff.getByText('Le renouvellement est validé : la dispense est prolongée.'),
      ).toBeVisible();
    });

    await page.goto('/dispenses?q=Garnier');
    await waitForPage(page, /^Dispenses/);
    const entry = page.getByRole('row').filter({ hasText: 'Garnier Théo' });
    await expect(entry).toContainText(frenchDate(addMonths(due, 12)));
    await expect(entry).toContainText(DISPENSE_REGISTER_STATE_LABELS.valid);
    await expect(entry).toContainText(RENEWAL_PROOF);
  });
});
