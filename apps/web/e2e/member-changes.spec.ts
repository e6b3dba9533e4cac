import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import {
  DESKTOP,
  expectNoA11yViolations,
  fillDate,
  getJson,
  inBackOffice,
  pdf,
  useSession,
  waitForPage,
} from './support';

/*
 * A member's change (issue 20): the demo administrator declares a child born a few days ago, with
 * the birth certificate; the insurer's gestionnaire validates it; the member's page lists the
 * child and their « Attestation d’affiliation » downloads.
 */

const SMALL_PHONE = { width: 375, height: 812 };

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

/** A covered Gautier of the demo, not Laura (members.spec.ts counts her one child). */
async function coveredMember(page: Page): Promise<MemberRow> {
  const found = await getJson<{ items: MemberRow[] }>(
    page,
    '/api/members?q=Gautier&contractStatus=current&pageSize=25',
  );
  const member = found.items.find((m) => m.firstName !== 'Laura');
  expect(member, 'a covered Gautier other than Laura in the demo').toBeTruthy();
  return member!;
}

/** No element of the main content wider than the screen. */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );
}

test('a child added at birth: declared by the employer, validated by the insurer, certified', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize(DESKTOP);
  await useSession(page);
  const member = await coveredMember(page);
  const child = { lastName: member.lastName, firstName: 'Łucja', born: daysAgo(5) };
  const childName = `${child.lastName} ${child.firstName}`;
  await page.goto(`/salaries/${member.id}`);
  await waitForPage(page, `${member.lastName} ${member.firstName}`);
  const changes = page.getByRole('region', { name: 'Changements déclarés' });
  await expect(changes).toContainText('Aucun changement déclaré pour ce salarié.');

  // « Déclarer un changement »: the kind, then « Ajouter un bénéficiaire ».
  await page.getByRole('button', { name: 'Déclarer un changement' }).click();
  const dialog = page.getByRole('dialog', { name: /^Déclarer un changement pour/ });
  await dialog.getByRole('radio', { name: 'Bénéficiaires' }).check();
  await dialog.getByRole('radio', { name: 'Ajouter un bénéficiaire' }).check();
  await dialog.getByRole('combobox', { name: /^Événement/ }).click();
  await page.getByRole('option', { name: 'Naissance', exact: true }).click();
  // The proof's field names the proof the event asks for.
  const proof = dialog.getByRole('button', {
    name: /^Acte de naissance ou copie du livret de famille/,
  });
  await expect(proof).toBeVisible();
  await fillDate(dialog.getByRole('textbox', { name: /^Date de l’événement/ }), child.born);
  await dialog.getByRole('textbox', { name: /^Nom/ }).fill(child.lastName);
  await dialog.getByRole('textbox', { name: /^Prénom/ }).fill(child.firstName);
  await dialog.getByRole('textbox', { name: /^Date de naissance/ }).fill(french(child.born));

  // Sent without the proof: the field says what to join.
  await dialog.getByRole('button', { name: 'Envoyer à l’assureur' }).click();
  await expect(
    dialog.getByText('Joignez : Acte de naissance ou copie du livret de famille'),
  ).toBeVisible();
  await dialog.locator('input[type="file"]').setInputFiles({
    name: 'acte-de-naissance.pdf',
    mimeType: 'application/pdf',
    buffer: pdf('Acte'),
  });
  await expect(dialog.getByText('Joignez : Acte de naissance')).toBeHidden();
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('dialog-1280.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Envoyer à l’assureur' }).click();
  await expect(dialog).toBeHidden();
  await expect(changes).toContainText(`Ajout de ${childName} (naissance)`);
  await expect(changes).toContainText('Envoyée à l’assureur');
  await expect(changes.getByRole('button', { name: /^Annuler «\sBénéficiaires\s»/ })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('member-1280.png'), fullPage: true });

  // The gestionnaire validates it from « Changements des salariés ».
  await inBackOffice(browser, async (staff) => {
    await staff.getByRole('link', { name: 'Changements', exact: true }).first().click();
    await waitForPage(staff, 'Changements des salariés');
    await expectNoHorizontalScroll(staff);
    const row = staff.getByRole('row').filter({ hasText: `Ajout de ${childName} (naissance)` });
    await expect(row).toBeVisible();
    await expectNoA11yViolations(staff);
    await staff.screenshot({ path: test.info().outputPath('backoffice-1280.png'), fullPage: true });
    await row.getByRole('link', { name: `${member.lastName} ${member.firstName}` }).click();
    await waitForPage(staff, `Bénéficiaires — ${member.lastName} ${member.firstName}`);
    const proofLink = staff.getByRole('link', { name: /acte-de-naissance\.pdf/ });
    const [download] = await Promise.all([staff.waitForEvent('download'), proofLink.click()]);
    expect(download.suggestedFilename()).toBe('acte-de-naissance.pdf');
    await expectNoA11yViolations(staff);
    await staff.screenshot({
      path: test.info().outputPath('backoffice-change-1280.png'),
      fullPage: true,
    });
    await staff.getByRole('button', { name: 'Valider' }).click();
    await staff
      .getByRole('dialog')
      .getByRole('button', { name: 'Confirmer la validation' })
      .click();
    await expect(staff.getByText(/^Le changement est validé/).first()).toBeVisible();
    await expect(staff.getByRole('button', { name: 'Valider' })).toBeHidden();
    await staff.setViewportSize(SMALL_PHONE);
    await expectNoHorizontalScroll(staff);
  });

  // Back on the member's page: the child is a beneficiary, and the attestation downloads.
  await page.reload();
  await waitForPage(page, `${member.lastName} ${member.firstName}`);
  await expect(changes).toContainText('Validée');
  const beneficiaries = page.getByRole('region', { name: 'Bénéficiaires' });
  await expect(beneficiaries).toContainText(childName);
  const certificates = page.getByRole('region', { name: 'Attestations' });
  const [attestation] = await Promise.all([
    page.waitForEvent('download'),
    certificates.getByRole('link', { name: /^Attestation d’affiliation/ }).click(),
  ]);
  expect(attestation.suggestedFilename()).toBe(
    `Attestation-affiliation-${member.lastName}-${member.firstName}.pdf`,
  );
  expect(
    fs
      .readFileSync(await attestation.path())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  await page.setViewportSize(SMALL_PHONE);
  await expect(changes).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('member-375.png'), fullPage: true });
  await page.getByRole('button', { name: 'Déclarer un changement' }).click();
  await page.getByRole('dialog').getByRole('radio', { name: 'Bénéficiaires' }).check();
  await page.getByRole('dialog').getByRole('radio', { name: 'Retirer un bénéficiaire' }).check();
  await expectNoHorizontalScroll(page);
  await page.screenshot({ path: test.info().outputPath('dialog-375.png') });
});

test('a change refused by the API says why next to its field', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await useSession(page);
  const member = await coveredMember(page);
  await page.goto(`/salaries/${member.id}`);
  await waitForPage(page, `${member.lastName} ${member.firstName}`);
  await page.getByRole('button', { name: 'Déclarer un changement' }).click();
  const dialog = page.getByRole('dialog', { name: /^Déclarer un changement pour/ });
  await dialog.getByRole('radio', { name: 'Changement d’option' }).check();
  // The contract's other options, by their labels.
  await dialog.getByRole('combobox', { name: /^Nouvelle option/ }).click();
  await page.getByRole('option').first().click();
  await fillDate(dialog.getByRole('textbox', { name: /^Date d’effet/ }), '2026-12-15');
  await dialog.getByRole('button', { name: 'Envoyer à l’assureur' }).click();
  // The server's rule (domain/member-change.ts), under the field it is about.
  const effective = dialog.getByRole('textbox', { name: /^Date d’effet/ });
  await expect(effective).toHaveAttribute('aria-invalid', 'true');
  await expect(effective).toHaveAccessibleDescription(
    /Un changement d’option prend effet le 1er d’un mois\./,
  );
  await expect(dialog).toBeVisible();
});

test('a change sent to the insurer is cancelled after a confirmation', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await useSession(page);
  const member = await coveredMember(page);
  await page.goto(`/salaries/${member.id}`);
  await waitForPage(page, `${member.lastName} ${member.firstName}`);
  await page.getByRole('button', { name: 'Déclarer un changement' }).click();
  const dialog = page.getByRole('dialog', { name: /^Déclarer un changement pour/ });
  await dialog.getByRole('radio', { name: 'Changement d’établissement' }).check();
  await dialog.getByRole('combobox', { name: /^Nouvel établissement/ }).click();
  await page.getByRole('option').first().click();
  await fillDate(dialog.getByRole('textbox', { name: /^Date d’effet/ }), daysAgo(-1));
  await dialog.getByRole('button', { name: 'Envoyer à l’assureur' }).click();
  await expect(dialog).toBeHidden();

  const changes = page.getByRole('region', { name: 'Changements déclarés' });
  const item = changes.getByRole('listitem').filter({ hasText: 'Changement d’établissement' });
  await expect(item).toContainText('Envoyée à l’assureur');
  await item.getByRole('button', { name: /^Annuler «\sChangement d’établissement\s»/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Annuler le changement' });
  // « Ne pas annuler » has the focus: Enter never cancels by mistake.
  await expect(confirm.getByRole('button', { name: 'Ne pas annuler' })).toBeFocused();
  await expectNoA11yViolations(page);
  await confirm.getByRole('button', { name: 'Confirmer l’annulation' }).click();
  await expect(confirm).toBeHidden();
  await expect(item).toContainText('Annulée');
});

test('a change returned by the insurer is corrected and sent again', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(DESKTOP);
  await useSession(page);
  const member = await coveredMember(page);
  const name = `${member.lastName} ${member.firstName}`;
  await page.goto(`/salaries/${member.id}`);
  await waitForPage(page, name);
  await page.getByRole('button', { name: 'Déclarer un changement' }).click();
  const declare = page.getByRole('dialog', { name: /^Déclarer un changement pour/ });
  await declare.getByRole('radio', { name: 'Changement d’établissement' }).check();
  await declare.getByRole('combobox', { name: /^Nouvel établissement/ }).click();
  await page.getByRole('option').first().click();
  await fillDate(declare.getByRole('textbox', { name: /^Date d’effet/ }), daysAgo(-1));
  await declare.getByRole('button', { name: 'Envoyer à l’assureur' }).click();
  await expect(declare).toBeHidden();

  // The gestionnaire returns it with a reason.
  const reason = 'La date d’effet doit être celle de l’avenant au contrat de travail.';
  await inBackOffice(browser, async (staff) => {
    await staff.getByRole('link', { name: 'Changements', exact: true }).first().click();
    await waitForPage(staff, 'Changements des salariés');
    const row = staff
      .getByRole('row')
      .filter({ hasText: 'Changement d’établissement' })
      .filter({ has: staff.getByRole('link', { name }) });
    await row.getByRole('link', { name }).click();
    await waitForPage(staff, `Changement d’établissement — ${name}`);
    await staff.getByRole('button', { name: 'Retourner à l’employeur' }).click();
    const dialog = staff.getByRole('dialog', { name: 'Retourner à l’employeur' });
    await dialog.getByRole('textbox', { name: /^Motif du retour/ }).fill(reason);
    await dialog.getByRole('button', { name: 'Retourner à l’employeur' }).click();
    await expect(dialog).toBeHidden();
  });

  // The administrator corrects the date and sends it again.
  await page.reload();
  await waitForPage(page, name);
  const changes = page.getByRole('region', { name: 'Changements déclarés' });
  const item = changes.getByRole('listitem').filter({ hasText: 'Changement d’établissement' });
  await expect(item.first()).toContainText('Retournée à l’employeur');
  await expect(item.first()).toContainText(reason);
  await item
    .first()
    .getByRole('button', { name: /^Corriger et renvoyer «\sChangement d’établissement\s»/ })
    .click();
  const correct = page.getByRole('dialog', {
    name: 'Corriger et renvoyer : changement d’établissement',
  });
  await expect(correct.getByText(reason)).toBeVisible();
  await expect(correct.getByRole('radio', { name: 'Changement d’établissement' })).toHaveCount(0);
  await expectNoA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('correct-1280.png') });
  await page.setViewportSize(SMALL_PHONE);
  await expectNoHorizontalScroll(page);
  await page.screenshot({ path: test.info().outputPath('correct-375.png') });
  await fillDate(correct.getByRole('textbox', { name: /^Date d’effet/ }), daysAgo(-2));
  await correct.getByRole('button', { name: 'Renvoyer à l’assureur' }).click();
  await expect(correct).toBeHidden();
  await expect(item.first()).toContainText('Envoyée à l’assureur');
  await expect(item.first()).not.toContainText(reason);

  // Withdrawn at the end: the member is left as the other journeys expect.
  const { items } = await getJson<{ items: { id: string; status: string }[] }>(
    page,
    `/api/members/${member.id}/changes`,
  );
  const sent = items.find((c) => c.status === 'sent');
  expect(sent).toBeTruthy();
  const cancelled = await page.request.post(`/api/member-changes/${sent!.id}/cancel`, {
    headers: { 'x-requested-with': 'affilia' },
  });
  expect(cancelled.status()).toBe(204);
});
