import { expect, test } from '@playwright/test';
import { AFFILIATION_IMPORT_COLUMNS } from '@affilia/shared/domain/affiliation-import';
import { AFFILIATION_STATUS_LABELS } from '@affilia/shared/domain/enums';
import { pickContract } from '@affilia/shared/domain/pre-affiliation';
import { computeNirKey } from '@affilia/shared/validators/nir';
import {
  DESKTOP,
  expectNoA11yViolations,
  getJson,
  outboxIds,
  useSession,
  waitForEmailLink,
  waitForPage,
} from './support';

/*
 * « Pré-affilier par fichier » (issue 20), as the demo administrator: from « Suivi des demandes »,
 * the template, then a file of four lines — an employee with an e-mail (mode « E-mail »), two
 * without (mode « Courrier »), a line with an invalid SIRET and an impossible date — the report,
 * refused line first, the pre-filled BIAs to print (one PDF), the e-mail sent, and the three
 * requests in « Suivi des demandes »; at 1280 and 375 px. Every run pre-affiliates its own
 * employees (unique names and NIRs).
 */

const SMALL_PHONE = { width: 375, height: 812 };

interface AffiliationOptions {
  establishments: {
    id: string;
    name: string;
    siret: string;
    contracts: {
      id: string;
      number: string;
      label: string;
      staffCategory: 'cadre' | 'non_cadre' | 'all';
      startDate: string;
      endDate: string | null;
    }[];
  }[];
}

/** Today in Paris as `YYYY-MM-DD`. */
function todayInParis(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
}

const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

/** The digits of a number written with letters: a name the name checks accept, unique per run. */
function letters(n: number): string {
  return [...String(n)].map((d) => 'abcdefghij'[Number(d)]).join('');
}

/** A NIR of a man born in March 1988 in the Rhône, its order number `order` (unique per run). */
function nirOf(commune: number, order: number): string {
  const nir13 = `1880369${String(commune).padStart(3, '0')}${String(order).padStart(3, '0')}`;
  return `${nir13}${computeNirKey(nir13)}`;
}

/** The headings as the template writes them (dates « (jj/mm/aaaa) », « Déjà affilié (Oui/Non) »). */
const DATE_COLUMNS = new Set([
  'birthDate',
  'hireDate',
  'affiliationDate',
  'employmentStartDate',
  'employmentEndDate',
]);
const HEADINGS = Object.entries(AFFILIATION_IMPORT_COLUMNS).map(
  ([field, label]) =>
    label +
    (DATE_COLUMNS.has(field) ? ' (jj/mm/aaaa)' : field === 'alreadyAffiliated' ? ' (Oui/Non)' : ''),
);

test('« Pré-affilier par fichier »: the template, a file, the report, the BIA to print, the requests in « Suivi »', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const today = todayInParis();
  const commune = 100 + (stamp % 900);
  const order = 1 + (Math.floor(stamp / 900) % 990);
  const byEmail = { lastName: `Garnier-${letters(stamp % 100_000_000)}`, firstName: 'Jules' };
  const byMail = { lastName: `Perrin-${letters(stamp % 100_000_000)}`, firstName: 'Noé' };
  const byMail2 = { lastName: `Marchand-${letters(stamp % 100_000_000)}`, firstName: 'Hugo' };
  const email = `embauche-${stamp}@exemple.test`;

  await page.setViewportSize(DESKTOP);
  await useSession(page);

  // An establishment of the perimeter with a Non cadre contract today (the server's own rule).
  const options = await getJson<AffiliationOptions>(page, '/api/affiliations/options');
  const establishment = options.establishments.find((e) =>
    pickContract(e.contracts, 'non_cadre', today),
  );
  if (!establishment) throw new Error('no establishment with a Non cadre contract');

  // From « Suivi des demandes ».
  await page.goto('/affiliations');
  await waitForPage(page, 'Suivi des demandes');
  await page.getByRole('link', { name: 'Pré-affilier par fichier' }).click();
  await waitForPage(page, 'Pré-affilier par fichier');
  await expect(page.getByText(/mode «\sCourrier\s» : après l’envoi, imprimez/)).toBeVisible();
  await expectNoA11yViolations(page);
  await page.screenshot({
    path: testInfo.outputPath('pre-affilier-par-fichier-vide-1280.png'),
    fullPage: true,
  });

  const template = await page.request.get(
    await page
      .getByRole('link', { name: 'Télécharger le modèle' })
      .getAttribute('href')
      .then(String),
  );
  expect(template.ok()).toBe(true);
  expect(template.headers()['content-disposition']).toContain('modele-pre-affiliations.xlsx');
  expect((await template.body()).subarray(0, 2).toString('latin1')).toBe('PK');

  const line = (person: { lastName: string; firstName: string }, nir: string, mail: string) =>
    [
      establishment.siret,
      'Non cadre',
      'Non',
      person.lastName,
      person.firstName,
      nir,
      '21/03/1988',
      mail,
      frenchDate(today),
      frenchDate(today),
      'CDI',
      frenchDate(today),
      '',
      'Technicien',
    ].join(';');
  const csv = [
    HEADINGS.join(';'),
    line(byEmail, nirOf(commune, order), email),
    line(byMail, nirOf(commune, order + 1), ''),
    line(byMail2, nirOf(commune, order + 3), ''),
    [
      '123 456 789 00012',
      'Non cadre',
      'Non',
      'Inconnu',
      'Paul',
      nirOf(commune, order + 2),
      '31/02/1988',
      '',
      frenchDate(today),
      frenchDate(today),
      'CDI',
      frenchDate(today),
      '',
      '',
    ].join(';'),
  ].join('\r\n');

  const known = await outboxIds(page);
  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /^Fichier des salariés à pré-affilier/ }).click();
  await (
    await choosing
  ).setFiles({ name: 'embauches.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: 'Envoyer le fichier' }).click();

  await expect(page.getByText(/^Import terminé :/)).toHaveText(
    'Import terminé : 3 demandes créées (1 par e-mail, 2 par courrier), 1 ligne refusée.',
  );
  // « Envoyer le fichier » gone, the focus is on the report's title.
  await expect(
    page.getByRole('heading', { level: 2, name: 'Rapport de l’import de embauches.csv' }),
  ).toBeFocused();
  const summary = page.getByRole('group', { name: 'Résumé de l’import' });
  await expect(summary).toContainText('4 lignes lues');
  await expect(summary).toContainText('dont 1 par e-mail');
  await expect(summary).toContainText('dont 2 par courrier');
  await expect(
    page.getByText(/^La ligne refusée n’a pas été appliquée : corrigez-la dans votre fichier/),
  ).toBeVisible();
  const rows = page.getByRole('table', { name: /Résultat de chaque ligne/ }).getByRole('row');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(1)).toContainText('Refusée');
  await expect(rows.nth(1)).toContainText('Inconnu Paul');
  await expect(rows.nth(1)).toContainText('SIRET de l’établissement :');
  await expect(rows.nth(1)).toContainText('Date de naissance :');
  await expect(rows.nth(2)).toContainText('Créée');
  await expect(rows.nth(2)).toContainText(`${byEmail.lastName} ${byEmail.firstName}`);
  await expect(rows.nth(2)).toContainText('Mode « E-mail »');
  await expect(rows.nth(3)).toContainText(`${byMail.lastName} ${byMail.firstName}`);
  await expect(rows.nth(3)).toContainText('Mode « Courrier »');
  await expect(rows.nth(4)).toContainText(`${byMail2.lastName} ${byMail2.firstName}`);

  // The pre-filled BIAs of the « Courrier » requests, one PDF to print.
  const print = page.getByRole('link', { name: 'Imprimer les BIA pré-remplis (2)' });
  await expect(print).toBeVisible();
  await expect(print).toHaveAttribute('target', '_blank');
  const bia = await page.request.get(String(await print.getAttribute('href')));
  expect(bia.status()).toBe(200);
  expect(bia.headers()['content-type']).toContain('application/pdf');
  expect((await bia.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The employee with an e-mail received their link.
  await waitForEmailLink(page, known, email, '/formulaire/');

  await expectNoA11yViolations(page);
  await page.screenshot({
    path: testInfo.outputPath('pre-affilier-par-fichier-1280.png'),
    fullPage: true,
  });

  // On a small phone: the lines as cards, nothing wider than the screen.
  await page.setViewportSize(SMALL_PHONE);
  await expect(page.getByRole('list', { name: /Résultat de chaque ligne/ })).toBeVisible();
  await expect(print).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    SMALL_PHONE.width,
  );
  await expectNoA11yViolations(page);
  await page.screenshot({
    path: testInfo.outputPath('pre-affilier-par-fichier-375.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Envoyer un autre fichier' }).click();
  await expect(page.getByRole('button', { name: 'Envoyer le fichier' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: /^Fichier des salariés à pré-affilier/ }),
  ).toBeFocused();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    SMALL_PHONE.width,
  );
  await expectNoA11yViolations(page);
  await page.screenshot({
    path: testInfo.outputPath('pre-affilier-par-fichier-vide-375.png'),
    fullPage: true,
  });

  // « Suivi des demandes »: the three requests, sent, each in its mode.
  await page.setViewportSize(DESKTOP);
  await page.getByRole('link', { name: 'Suivi des demandes d’affiliation' }).click();
  await waitForPage(page, 'Suivi des demandes');
  for (const [person, mode] of [
    [byEmail, 'E-mail'],
    [byMail, 'Courrier'],
    [byMail2, 'Courrier'],
  ] as const) {
    const row = page.getByRole('row').filter({ hasText: `${person.lastName} ${person.firstName}` });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(establishment.name);
    await expect(row).toContainText(mode);
    await expect(row).toContainText(AFFILIATION_STATUS_LABELS.sent);
  }
});
