import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  DESKTOP,
  expectNoA11yViolations,
  fillDate,
  getJson,
  outboxIds,
  pdf,
  useSession,
  waitForEmailLink,
  waitForPage,
} from './support';

/*
 * The employee's beneficiaries link (issue 20): the demo administrator sends it from a covered
 * member's page; the employee opens it from the email, types a wrong birth date then the right
 * one, and adds a child born a few days ago with the birth certificate; the member's page shows
 * the change « Envoyée à l’assureur ». The employee's page at 375 px, axe on every screen.
 */

const SMALL_PHONE = { width: 375, height: 812 };
const EMAIL = 'salarie.beneficiaires@example.test';

interface MemberRow {
  id: string;
  lastName: string;
  firstName: string;
}

/** Today minus `days`, in Paris, as an ISO day. */
function daysAgo(days: number): string {
  const date = new Date(Date.now() - days * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(date);
}
const french = (iso: string) => iso.split('-').reverse().join('/');

/** A covered member of the demo who is not a Gautier (member-changes.spec.ts declares for one). */
async function coveredMember(page: Page): Promise<MemberRow & { birthDate: string }> {
  const found = await getJson<{ items: MemberRow[] }>(
    page,
    '/api/members?contractStatus=current&pageSize=25',
  );
  const member = found.items.find((m) => m.lastName !== 'Gautier');
  expect(member, 'a covered member of the demo').toBeTruthy();
  const detail = await getJson<{ birthDate: string }>(page, `/api/members/${member!.id}`);
  return { ...member!, birthDate: detail.birthDate };
}

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );
}

test('the employee adds a child through the link their employer sent', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize(DESKTOP);
  await useSession(page);
  const member = await coveredMember(page);
  const child = { lastName: member.lastName, firstName: 'Anaïs', born: daysAgo(4) };
  await page.goto(`/salaries/${member.id}`);
  await waitForPage(page, `${member.lastName} ${member.firstName}`);

  // « Envoyer un lien au salarié »: the address, then the email.
  const known = await outboxIds(page);
  await page.getByRole('button', { name: 'Envoyer un lien au salarié' }).click();
  const dialog = page.getByRole('dialog', { name: /^Envoyer un lien à/ });
  const email = dialog.getByRole('textbox', { name: /^Adresse e-mail du salarié/ });
  await email.fill('pas-une-adresse');
  await dialog.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(dialog.getByText('Saisissez une adresse e-mail valide')).toBeVisible();
  await email.fill(EMAIL);
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('link-dialog-1280.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(dialog).toBeHidden();
  const card = page.getByRole('region', { name: 'Lien envoyé au salarié' });
  await expect(card).toContainText('Lien actif');
  await expect(card).toContainText(EMAIL);
  await expect(card.getByRole('button', { name: 'Révoquer le lien' })).toBeVisible();
  await expectNoA11yViolations(page);
  const path = await waitForEmailLink(page, known, EMAIL, '/beneficiaires/');

  // The employee, on a phone, from the email.
  const context = await browser.newContext({ viewport: SMALL_PHONE });
  try {
    const phone = await context.newPage();
    await phone.goto(path);
    await waitForPage(phone, 'Confirmez votre date de naissance');
    await expectNoA11yViolations(phone);
    const birth = phone.getByRole('textbox', { name: /^Date de naissance/ });
    await birth.fill('01/01/1950');
    await phone.getByRole('button', { name: 'Confirmer' }).click();
    await expect(
      phone.getByText(/La date de naissance ne correspond pas\. Il vous reste 4 essais\./),
    ).toBeVisible();
    await expectNoA11yViolations(phone);
    await phone.screenshot({ path: test.info().outputPath('birth-date-375.png'), fullPage: true });
    await birth.fill(french(member.birthDate));
    await phone.getByRole('button', { name: 'Confirmer' }).click();
    await waitForPage(phone, 'Mes bénéficiaires');
    await expect(
      phone.getByText(`${member.firstName} ${member.lastName}, salarié(e) de`),
    ).toBeVisible();
    await expectNoA11yViolations(phone);
    await expectNoHorizontalScroll(phone);
    await phone.screenshot({ path: test.info().outputPath('employee-375.png'), fullPage: true });

    // « Ajouter un bénéficiaire »: a birth, with the certificate.
    await phone.getByRole('radio', { name: 'Ajouter un bénéficiaire' }).check();
    await phone.getByRole('combobox', { name: /^Événement/ }).click();
    await phone.getByRole('option', { name: 'Naissance', exact: true }).click();
    await fillDate(phone.getByRole('textbox', { name: /^Date de l’événement/ }), child.born);
    await phone.getByRole('textbox', { name: /^Nom/ }).fill(child.lastName);
    await phone.getByRole('textbox', { name: /^Prénom/ }).fill(child.firstName);
    await phone.getByRole('textbox', { name: /^Date de naissance/ }).fill(french(child.born));
    await phone.getByRole('button', { name: 'Envoyer à l’assureur' }).click();
    await expect(
      phone.getByText('Joignez : Acte de naissance ou copie du livret de famille'),
    ).toBeVisible();
    await phone.locator('input[type="file"]').setInputFiles({
      name: 'acte-de-naissance.pdf',
      mimeType: 'application/pdf',
      buffer: pdf('Acte de naissance'),
    });
    await expectNoA11yViolations(phone);
    await expectNoHorizontalScroll(phone);
    await phone.screenshot({
      path: test.info().outputPath('employee-form-375.png'),
      fullPage: true,
    });
    await phone.getByRole('button', { name: 'Envoyer à l’assureur' }).click();
    await waitForPage(phone, 'Votre déclaration a été transmise');
    await expectNoA11yViolations(phone);
    await phone.getByRole('button', { name: 'Revenir à mes bénéficiaires' }).click();
    await waitForPage(phone, 'Mes bénéficiaires');
    await expect(phone.getByText('Une déclaration attend votre assureur')).toBeVisible();
    await expect(
      phone.getByText(`Ajouter un bénéficiaire : ${child.firstName} ${child.lastName}`),
    ).toBeVisible();
    await phone.screenshot({
      path: test.info().outputPath('employee-sent-375.png'),
      fullPage: true,
    });
    // The same page on a computer.
    await phone.setViewportSize(DESKTOP);
    await expectNoA11yViolations(phone);
    await phone.screenshot({
      path: test.info().outputPath('employee-sent-1280.png'),
      fullPage: true,
    });
  } finally {
    await context.close();
  }

  // The employer sees the change « Envoyée à l’assureur », and when the link was last used.
  await page.reload();
  await waitForPage(page, `${member.lastName} ${member.firstName}`);
  const changes = page.getByRole('region', { name: 'Changements déclarés' });
  await expect(changes).toContainText(`Ajout de ${child.lastName} ${child.firstName} (naissance)`);
  await expect(changes).toContainText('Envoyée à l’assureur');
  await expect(changes).toContainText('par le salarié');
  await expect(card).toContainText('Dernière déclaration');
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('member-1280.png'), fullPage: true });
  await page.setViewportSize(SMALL_PHONE);
  await expectNoHorizontalScroll(page);
  await page.screenshot({ path: test.info().outputPath('member-375.png'), fullPage: true });

  // Revoked: the link no longer opens.
  await page.setViewportSize(DESKTOP);
  await card.getByRole('button', { name: 'Révoquer le lien' }).click();
  await expect(card).toContainText('Lien révoqué');
  const again = await browser.newContext({ viewport: SMALL_PHONE });
  try {
    const phone = await again.newPage();
    await phone.goto(path);
    await waitForPage(phone, 'Ce lien a expiré');
    await expectNoA11yViolations(phone);
  } finally {
    await again.close();
  }
});
