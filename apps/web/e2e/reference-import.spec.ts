import { expect, test } from '@playwright/test';
import { computeNirKey } from '@affilia/shared/validators/nir';
import {
  DEMO_ADMIN,
  DESKTOP,
  expectNoA11yViolations,
  getJson,
  inBackOffice,
  useSession,
  waitForPage,
} from './support';

/*
 * Issue 8's journey: the insurer's « gestionnaire » imports a file of members in the back office
 * (« Importer des données ») for an establishment of a demo company, reads the report; then the
 * employer administrator of that company finds those members in « Mes salariés ».
 */

interface PerimeterEstablishment {
  siret: string;
  name: string;
  company: { id: string; name: string };
}
interface ContractPage {
  items: { number: string; staffCategory: 'cadre' | 'non_cadre' | 'all'; startDate: string }[];
}

/** A NIR with its key, born in June 1985 in Paris, whose order number is unlikely to be taken. */
function newNir(order: number): string {
  const nir13 = `18506751${String(order % 100).padStart(2, '0')}${String(100 + (order % 900)).padStart(3, '0')}`;
  return nir13 + computeNirKey(nir13);
}

test('a staff member imports members; the employer sees them in « Mes salariés »', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize(DESKTOP);

  // The demo administrator's perimeter: an establishment of their first company.
  await useSession(page, DEMO_ADMIN);
  const { establishments } = await getJson<{ establishments: PerimeterEstablishment[] }>(
    page,
    '/api/establishments',
  );
  const establishment = establishments[0]!;

  // ---- 1. The « gestionnaire », in the back office (another browser). ----
  const suffix = Date.now()
    .toString(36)
    .slice(-5)
    .replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);
  const lastName = `Importé${suffix}`;
  await inBackOffice(browser, async (staff) => {
    const contracts = await getJson<ContractPage>(
      staff,
      `/api/backoffice/reference-data/contracts?companyId=${establishment.company.id}&pageSize=100`,
    );
    const contract = contracts.items.find((c) => c.staffCategory !== 'cadre')!;
    expect(contract, 'a contract for « Non cadre » members').toBeTruthy();

    const seed = Date.now() % 1_000_000;
    const rows = [
      'NIR;Nom;Prénom;Date de naissance;SIRET;Statut professionnel;Numéro de contrat;Option;Date d’effet;Date de fin',
      `${newNir(seed)};${lastName};Camille;15/06/1985;${establishment.siret};Non cadre;${contract.number};;01/01/2026;`,
      `${newNir(seed + 1)};${lastName};Dominique;20/06/1985;${establishment.siret};Non cadre;${contract.number};;01/02/2026;`,
      // A row in error: the NIR's key is wrong. It is reported and never applied.
      `${newNir(seed + 2).slice(0, 13)}00;${lastName};Erreur;20/06/1985;${establishment.siret};Non cadre;${contract.number};;01/02/2026;`,
    ];

    await staff.goto('/back-office/referentiel/import');
    await waitForPage(staff, 'Importer des données');
    await expectNoA11yViolations(staff);
    await expect(staff.getByRole('combobox', { name: 'Type de données' })).toHaveValue(
      'Assurés et couvertures',
    );
    await expect(
      staff.getByRole('link', { name: /Télécharger le modèle «\sAssurés et couvertures\s»/ }),
    ).toHaveAttribute('href', '/api/backoffice/reference-data/templates/members.xlsx');
    // The file is dropped on the zone (drag and drop), as from the desktop.
    const dropped = await staff.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'assures.csv', { type: 'text/csv' }));
      return transfer;
    }, rows.join('\r\n'));
    await staff.getByTestId('file-drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
    await expect(staff.getByTestId('file-drop-zone')).toContainText('assures.csv');
    // Issue 15: the import runs in the background and the page asks every second how it goes.
    // The first two answers are held at « 12 000 / 100 000 » (a small file is done at once), so
    // that the progress shows as it does for a long import.
    let held = 0;
    await staff.route('**/api/backoffice/reference-data/import-jobs/*', async (route) => {
      if (held >= 2) return route.fallback();
      held += 1;
      const real = await route.fetch();
      const job = (await real.json()) as Record<string, unknown>;
      await route.fulfill({
        response: real,
        json: { ...job, status: 'running', rowsDone: 12_000, rowsTotal: 100_000, report: null },
      });
    });
    await staff.getByRole('button', { name: 'Importer le fichier' }).click();
    await expect(
      staff.getByText('Import en cours : 12 000 / 100 000 lignes traitées'),
    ).toBeVisible();
    await expect(staff.getByRole('progressbar', { name: 'Lignes traitées' })).toHaveAttribute(
      'aria-valuenow',
      '12',
    );
    await expectNoA11yViolations(staff);

    // The report: two members created, one row in error with its reason.
    await expect(
      staff.getByRole('heading', { name: /Rapport d’import du fichier «\sassures\.csv\s»/ }),
    ).toBeVisible({ timeout: 20_000 });
    const summary = staff.getByRole('group', { name: 'Résumé de l’import' });
    await expect(summary).toContainText('3 lignes lues');
    await expect(summary).toContainText('2 créés');
    await expect(summary).toContainText('1 erreur');
    await expect(staff.getByText('Import terminé : 2 créés')).toBeVisible();
    await staff.getByRole('switch', { name: 'Afficher seulement les erreurs' }).check();
    const table = staff.getByRole('table', { name: 'Lignes en erreur du fichier' });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table).toContainText('La clé du numéro de sécurité sociale ne correspond pas');
    await expect(
      staff.getByRole('link', { name: 'Télécharger le rapport (.csv)' }),
    ).toHaveAttribute('href', /\/api\/backoffice\/reference-data\/imports\/.+\/report\.csv$/);
    // The history shows the import.
    const history = staff.getByRole('region', { name: 'Historique des imports' });
    await expect(history.getByRole('row').nth(1)).toContainText('assures.csv');
    await expect(history.getByRole('row').nth(1)).toContainText('Karim Benali');
    await expectNoA11yViolations(staff);
  });

  // ---- 2. The employer administrator, in « Mes salariés ». ----
  await page.goto('/salaries');
  await waitForPage(page, 'Mes salariés');
  await page.getByRole('textbox', { name: 'Assuré' }).fill(lastName);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  const list = page.getByRole('table', { name: /^Salariés affiliés/ });
  await expect(list).toContainText(`${lastName} Camille`);
  await expect(list).toContainText('Dominique');
  await expect(list).not.toContainText('Erreur');
  await expect(list).toContainText(establishment.name);
});
