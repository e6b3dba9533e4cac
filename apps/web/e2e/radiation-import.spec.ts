import { expect, test } from '@playwright/test';
import { expectNoA11yViolations, getJson, useSession, waitForPage } from './support';

/*
 * « Radier par fichier » (issue 18), as the demo administrator: from « Mes salariés », the
 * template, then a file of two lines — a member of the perimeter and a NIR the portal does not
 * know — and the report, refused line first, at 1280 and 375 px.
 */

interface MemberRow {
  id: string;
  nir: string;
  lastName: string;
  firstName: string;
  portabilityEndDate: string | null;
}
interface Prefill {
  coverageEffectiveDate: string | null;
  openRadiationId: string | null;
}

/** aaaa-mm-jj of the day `days` after today, in Paris. */
function isoDay(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** jj/mm/aaaa of the day `days` after today. */
const frenchDay = (days: number) => isoDay(days).split('-').reverse().join('/');

test('« Radier par fichier »: the template, a file, the report with its refused line first', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await useSession(page);
  await page.goto('/salaries');
  await waitForPage(page, 'Mes salariés');
  await page.getByRole('link', { name: 'Radier par fichier' }).click();
  await waitForPage(page, 'Radier par fichier');
  await expectNoA11yViolations(page);
  await page.screenshot({
    path: testInfo.outputPath('radier-par-fichier-vide-1280.png'),
    fullPage: true,
  });

  const template = await page.request.get(
    await page
      .getByRole('link', { name: 'Télécharger le modèle' })
      .getAttribute('href')
      .then(String),
  );
  expect(template.ok()).toBe(true);
  expect(template.headers()['content-disposition']).toContain('modele-radiations.xlsx');

  // A member whose coverage runs and who has no radiation open: the first ones of « Mes
  // salariés » (radiation.spec.ts takes the last ones).
  const list = await getJson<{ items: MemberRow[] }>(
    page,
    '/api/members?contractStatus=current&sort=name&order=asc&pageSize=100',
  );
  let member: MemberRow | undefined;
  for (const row of list.items) {
    if (row.portabilityEndDate) continue;
    const prefill = await getJson<Prefill>(page, `/api/radiations/prefill?memberId=${row.id}`);
    if (prefill.openRadiationId || !prefill.coverageEffectiveDate) continue;
    if (prefill.coverageEffectiveDate <= isoDay(20)) {
      member = row;
      break;
    }
  }
  if (!member) throw new Error('no member of the demo may be radiated');
  const csv = [
    'NIR;Nom;Prénom;Date de fin du contrat (jj/mm/aaaa);Motif;Droits au chômage (Oui/Non);Début du dernier contrat (jj/mm/aaaa);E-mail;Adresse postale;Commentaire',
    `${member.nir};${member.lastName};${member.firstName};${frenchDay(20)};Rupture conventionnelle;;;salarie.depart@exemple.fr;;Départ convenu`,
    `1 99 12 75 123 456;Inconnu;Paul;${frenchDay(20)};Démission;;;;;`,
  ].join('\r\n');

  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /^Fichier des salariés à radier/ }).click();
  await (
    await choosing
  ).setFiles({ name: 'departs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: 'Envoyer le fichier' }).click();

  await expect(page.getByText(/^Import terminé :/)).toHaveText(
    'Import terminé : 1 radiation créée, 1 ligne refusée.',
  );
  const summary = page.getByRole('group', { name: 'Résumé de l’import' });
  await expect(summary).toContainText('2 lignes lues');
  await expect(
    page.getByText(/^La ligne refusée n’a pas été appliquée : corrigez-la dans votre fichier/),
  ).toBeVisible();
  const rows = page.getByRole('table', { name: /Résultat de chaque ligne/ }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Refusée');
  await expect(rows.nth(1)).toContainText('NIR : Salarié introuvable dans votre périmètre');
  await expect(rows.nth(2)).toContainText('Créée');
  await expect(rows.nth(2)).toContainText(`${member.lastName} ${member.firstName}`);
  await expect(page.getByRole('link', { name: '« Suivi des demandes »' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.screenshot({
    path: testInfo.outputPath('radier-par-fichier-1280.png'),
    fullPage: true,
  });

  await page.setViewportSize({ width: 375, height: 800 });
  await expect(page.getByRole('list', { name: /Résultat de chaque ligne/ })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.screenshot({
    path: testInfo.outputPath('radier-par-fichier-375.png'),
    fullPage: true,
  });
});
