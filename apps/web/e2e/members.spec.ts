import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { MEMBER_EXPORT_COLUMNS } from '@affilia/shared/schemas/members';
import { formatNir } from '@affilia/shared/validators/nir';
import {
  DEMO_THIRD_PARTY,
  DESKTOP,
  expectNoA11yViolations,
  forgetSession,
  getJson,
  useSession,
  waitForPage,
} from './support';

/*
 * The home page's figures (SPEC §5.1), « Mes salariés » (§5.2) and a member's page, as the demo
 * administrator (Valmont Immobilier, 11 establishments followed, and Syndic Marceau & Fils, 2).
 * The figures expected on screen are read from the API with the page's own cookies.
 */

/** The narrowest phone the portal is checked at. */
const SMALL_PHONE = { width: 375, height: 812 };

interface Grouped {
  items: number;
  count: number;
}
interface Dashboard {
  companies: { id: string; name: string }[];
  insuredTotal: number;
  /** The figures with a slice of their own; the rest grouped (« Autres … »). */
  byEstablishment: { id: string; name: string; count: number }[];
  otherEstablishments: Grouped;
  byContract: { label: string; count: number }[];
  otherContracts: Grouped;
}
interface MemberRow {
  id: string;
  lastName: string;
  firstName: string;
  nir: string;
  professionalStatus: string;
  establishment: { id: string; name: string };
}
interface MemberPage {
  items: MemberRow[];
  total: number;
}

/** « 1 234 » as the page writes it (a narrow no-break space between thousands). */
const count = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
const sum = (items: { count: number }[]) => items.reduce((n, i) => n + i.count, 0);

function chart(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/** A chart's ring shows the total, its legend each slice, its detail table every figure. */
async function expectChart(
  page: Page,
  title: string,
  items: { label: string; count: number }[],
  othersLabel: string,
) {
  const total = sum(items);
  const section = chart(page, title);
  await expect(section.getByRole('img')).toHaveAccessibleName(
    new RegExp(`^${title} : ${count(total)} salariés assurés`),
  );
  await expect(section).toContainText(`${count(total)}assurés`);
  const legend = section.getByRole('list', { name: `Légende : ${title.toLowerCase()}` });
  const sorted = [...items].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const grouped = sorted.length > 9;
  await expect(legend.getByRole('listitem')).toHaveCount(grouped ? 9 : sorted.length);
  if (grouped) {
    const others = legend.getByRole('listitem').filter({ hasText: othersLabel });
    await expect(others).toContainText(count(sum(sorted.slice(8))));
  }
  await expect(legend.getByRole('listitem').first()).toContainText(count(sorted[0]!.count));

  // « Afficher le détail »: a table with every figure and the total.
  await section.getByRole('button', { name: /Afficher le détail/ }).click();
  const table = section.getByRole('table', { name: new RegExp(`Salariés assurés`) });
  await expect(table.getByRole('row')).toHaveCount(items.length + 2);
  for (const item of items) {
    const row = table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: item.label, exact: true }) });
    await expect(row).toContainText(count(item.count));
  }
  await expect(table.getByRole('row', { name: /^Total/ })).toContainText(count(total));
  await expect(section.getByRole('button', { name: /Masquer le détail/ })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
}

async function choose(page: Page, label: string, option: string | RegExp, typed?: string) {
  const input = page.getByRole('combobox', { name: label, exact: true });
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

test.describe('« Mes salariés »', () => {
  test('home figures, a filtered list, a member, back to the list and the CSV export', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(DESKTOP);
    await useSession(page);

    // Home: both charts with the API's totals, for « Toutes » then one company.
    await page.goto('/');
    await waitForPage(page, 'Bienvenue Eugénie');
    const all = await getJson<Dashboard>(page, '/api/dashboard');
    expect(all.companies.length, 'the demo administrator sees two companies').toBe(2);
    expect(all.insuredTotal).toBeGreaterThan(0);
    expect(sum(all.byEstablishment) + all.otherEstablishments.count).toBe(all.insuredTotal);
    expect(sum(all.byContract) + all.otherContracts.count).toBe(all.insuredTotal);
    // « Afficher le détail » asks for every figure; the home page carried the largest eight.
    const establishments = await getJson<{ items: Dashboard['byEstablishment'] }>(
      page,
      '/api/dashboard/establishments',
    );
    const contracts = await getJson<{ items: Dashboard['byContract'] }>(
      page,
      '/api/dashboard/contracts',
    );
    expect(establishments.items.length, 'more establishments than slices').toBeGreaterThan(9);
    expect(all.byEstablishment).toEqual(establishments.items.slice(0, 8));
    expect(all.otherEstablishments).toEqual({
      items: establishments.items.length - 8,
      count: sum(establishments.items.slice(8)),
    });
    await expect(page.getByRole('heading', { level: 2, name: 'Vos affiliations' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Entreprise' })).toHaveValue('Toutes');
    await expect(
      page.getByText(`${count(all.insuredTotal)} salariés couverts aujourd’hui`, { exact: true }),
    ).toBeVisible();
    await expectChart(
      page,
      'Par établissement',
      establishments.items.map((e) => ({ label: e.name, count: e.count })),
      'Autres établissements',
    );
    await expectChart(page, 'Par collège', contracts.items, 'Autres contrats');
    await expect(page.getByRole('region', { name: 'À traiter' })).toBeVisible();
    await expect(
      page.getByRole('heading', { level: 2, name: 'Conseils et astuces' }),
    ).toBeVisible();
    await expectNoA11yViolations(page);

    const marceau = all.companies.find((c) => c.name.startsWith('Syndic Marceau'))!;
    await choose(page, 'Entreprise', marceau.name);
    await expect(page).toHaveURL(new RegExp(`companyId=${marceau.id}`));
    const one = await getJson<Dashboard>(page, `/api/dashboard?companyId=${marceau.id}`);
    expect(one.insuredTotal).toBeLessThan(all.insuredTotal);
    await expect(chart(page, 'Par établissement').getByRole('img')).toHaveAccessibleName(
      new RegExp(`^Par établissement : ${count(one.insuredTotal)} salariés assurés`),
    );
    await expect(chart(page, 'Par collège').getByRole('img')).toHaveAccessibleName(
      new RegExp(`^Par collège : ${count(one.insuredTotal)} salariés assurés`),
    );
    await expect(
      chart(page, 'Par établissement').getByRole('list').getByRole('listitem'),
    ).toHaveCount(one.byEstablishment.length + (one.otherEstablishments.items > 0 ? 1 : 0));

    // The total says what it counts and leads to the same members in « Mes salariés » (#23).
    await expect(
      page.getByText(`${count(one.insuredTotal)} salariés couverts aujourd’hui`, { exact: true }),
    ).toBeVisible();
    await page
      .getByRole('link', { name: 'Voir la liste des salariés couverts aujourd’hui' })
      .click();
    await waitForPage(page, 'Mes salariés');
    await expect(page).toHaveURL(/contractStatus=current/);
    await expect(
      page.getByRole('heading', { level: 2, name: 'Salariés couverts aujourd’hui' }),
    ).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Statut du contrat' })).toHaveValue(
      'En cours (couverts aujourd’hui)',
    );
    await expect(page.getByTestId('members-count')).toHaveText(
      new RegExp(`(^| sur )${count(one.insuredTotal)} salariés$`),
    );
    const whole = await getJson<MemberPage>(page, '/api/members?pageSize=25');
    expect(whole.total, 'the whole list also counts coverages to come and ended').toBeGreaterThan(
      all.insuredTotal,
    );
    await page.goBack();
    await waitForPage(page, 'Bienvenue Eugénie');

    // « Mes salariés »: Non cadre in the largest establishment, on « Rechercher ».
    await page
      .getByRole('navigation', { name: 'Accès rapides' })
      .getByRole('link', { name: /Mes salariés/ })
      .click();
    await waitForPage(page, 'Mes salariés');
    const countText = page.getByTestId('members-count');
    await expect(countText).toHaveText(/sur \d+ salariés|^\d+ salariés$/);
    const establishment = all.byEstablishment[0]!;
    await choose(page, 'Statut professionnel', 'Non cadre');
    await choose(page, 'Établissement', establishment.name, establishment.name.slice(0, 12));
    // Nothing applies before « Rechercher ».
    await expect(page).not.toHaveURL(/professionalStatus/);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/professionalStatus=non_cadre/);
    await expect(page).toHaveURL(new RegExp(`establishmentId=${establishment.id}`));

    const expected = await getJson<MemberPage>(
      page,
      `/api/members?professionalStatus=non_cadre&establishmentId=${establishment.id}&pageSize=100`,
    );
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThanOrEqual(50);
    await expect(countText).toHaveText(
      `${count(expected.total)} salarié${expected.total > 1 ? 's' : ''}`,
    );
    const table = page.getByRole('table', { name: /^Salariés affiliés/ });
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(expected.total + 1);
    for (const row of await rows.all()) {
      if ((await row.getByRole('columnheader').count()) > 0) continue;
      // The cells after the row's selection box (« Radier la sélection », issue 18).
      const cells = row.getByRole('cell').filter({ hasNot: page.getByRole('checkbox') });
      await expect(cells.nth(0)).toHaveText(establishment.name);
      await expect(cells.nth(1)).toHaveText('Non cadre');
    }
    // Sorted by name: the first row is the API's first member, its NIR grouped.
    const first = expected.items[0]!;
    const firstRow = rows.nth(1);
    await expect(firstRow).toContainText(formatNir(first.nir));
    await expect(table.getByRole('columnheader', { name: 'Nom' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await expectNoA11yViolations(page);

    // The member's page: identity with the NIR grouped, coverages, requests.
    await firstRow.getByRole('link', { name: `${first.lastName} ${first.firstName}` }).click();
    await waitForPage(page, `${first.lastName} ${first.firstName}`);
    await expect(page).toHaveURL(new RegExp(`/salaries/${first.id}\\?`));
    const identity = page.getByRole('region', { name: 'Identité' });
    await expect(identity).toContainText(formatNir(first.nir));
    expect(formatNir(first.nir)).toMatch(/^\d \d{2} \d{2} [\dAB]{2} \d{3} \d{3}( \d{2})?$/);
    await expect(identity).toContainText('Non cadre');
    await expect(page.getByRole('region', { name: 'Société et établissement' })).toContainText(
      establishment.name,
    );
    const coverages = page.getByRole('table', { name: /^Couvertures (de |d’)/ });
    expect(await coverages.getByRole('row').count()).toBeGreaterThan(1);
    await expect(coverages.getByRole('row').nth(1)).toContainText(/en cours|à venir|terminé/);
    await expect(
      page.getByRole('heading', { level: 2, name: 'Demandes d’affiliation' }),
    ).toBeVisible();
    await expectNoA11yViolations(page);

    // Back to the list as it was: the filters are in the address and in the form.
    await page.getByRole('link', { name: 'Retour à Mes salariés' }).click();
    await waitForPage(page, 'Mes salariés');
    await expect(page).toHaveURL(/\/salaries\?/);
    await expect(page).toHaveURL(/professionalStatus=non_cadre/);
    await expect(page).toHaveURL(new RegExp(`establishmentId=${establishment.id}`));
    await expect(page.getByRole('combobox', { name: 'Statut professionnel' })).toHaveValue(
      'Non cadre',
    );
    await expect(page.getByRole('combobox', { name: 'Établissement' })).toHaveValue(
      establishment.name,
    );
    await expect(countText).toHaveText(
      `${count(expected.total)} salarié${expected.total > 1 ? 's' : ''}`,
    );

    // « Exporter (CSV) »: UTF-8 with BOM, « ; », the header, one line per member of the list.
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Exporter (CSV)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^salaries-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines.at(-1)).toBe('');
    lines.pop();
    expect(lines[0]).toBe(MEMBER_EXPORT_COLUMNS.join(';'));
    const data = lines.slice(1);
    expect(data).toHaveLength(expected.total);
    const column = (name: (typeof MEMBER_EXPORT_COLUMNS)[number]) =>
      MEMBER_EXPORT_COLUMNS.indexOf(name);
    for (const line of data) {
      const fields = line.split(';');
      expect(fields).toHaveLength(MEMBER_EXPORT_COLUMNS.length);
      expect(fields[column('Statut professionnel')]).toBe('Non cadre');
      expect(fields[column('Établissement')]).toBe(establishment.name);
    }
    expect(data[0]).toContain(formatNir(first.nir));

    // Sorting by « Date d’effet » is kept in the address; the back button returns to the name.
    await table.getByRole('button', { name: 'Date d’effet' }).click();
    await expect(page).toHaveURL(/sort=effective_date/);
    await expect(table.getByRole('columnheader', { name: 'Date d’effet' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await page.goBack();
    await expect(page).not.toHaveURL(/sort=/);
    await expect(table.getByRole('columnheader', { name: 'Nom' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );

    // « Réinitialiser » shows everyone again.
    await page.getByRole('button', { name: 'Réinitialiser' }).click();
    await expect(page).toHaveURL(/\/salaries$/);
    const everyone = await getJson<MemberPage>(page, '/api/members');
    await expect(countText).toHaveText(`1–50 sur ${count(everyone.total)} salariés`);
  });

  test('a shared address, pages, « Assuré », SIREN, the empty state, a phone, an unknown member', async ({
    page,
  }) => {
    await page.setViewportSize(DESKTOP);
    await useSession(page);

    // A shared address reproduces the list: page 2 of 25, sorted by end date.
    const everyone = await getJson<MemberPage>(page, '/api/members?pageSize=25');
    await page.goto('/salaries?page=2&pageSize=25&sort=end_date&order=desc');
    await waitForPage(page, 'Mes salariés');
    const countText = page.getByTestId('members-count');
    await expect(countText).toHaveText(`26–50 sur ${count(everyone.total)} salariés`);
    const pages = page.getByRole('navigation', { name: 'Pages de la liste' });
    await expect(pages.getByRole('button', { name: 'Page 2' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await pages.getByRole('button', { name: 'Page suivante' }).click();
    await expect(page).toHaveURL(/page=3/);
    await expect(countText).toHaveText(`51–75 sur ${count(everyone.total)} salariés`);
    await expect(page.getByRole('heading', { level: 2, name: 'Salariés affiliés' })).toBeFocused();

    // The SIREN narrows the establishments offered to its company's.
    const options = await getJson<{
      companies: { id: string; name: string; siren: string }[];
      establishments: { id: string; name: string; companyId: string }[];
    }>(page, '/api/members/filters');
    const marceau = options.companies.find((c) => c.name.startsWith('Syndic Marceau'))!;
    await choose(page, 'SIREN', new RegExp(marceau.name));
    await page.getByRole('combobox', { name: 'Établissement', exact: true }).click();
    const offered = page.getByRole('listbox').getByRole('option');
    await expect(offered).toHaveCount(
      1 + options.establishments.filter((e) => e.companyId === marceau.id).length,
    );
    await expect(offered.filter({ hasText: 'Valmont' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Réinitialiser', exact: true }).click();
    await expect(page.getByRole('combobox', { name: 'SIREN', exact: true })).toHaveValue('Tous');

    // « Assuré »: a NIR as printed on a Vitale card finds its member; the start of a name, all of
    // that name.
    const someone = everyone.items[0]!;
    const assure = page.getByRole('textbox', { name: 'Assuré' });
    await assure.fill(formatNir(someone.nir));
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(countText).toHaveText('1 salarié');
    await expect(page.getByRole('table', { name: /^Salariés affiliés/ })).toContainText(
      `${someone.lastName} ${someone.firstName}`,
    );
    const byName = await getJson<MemberPage>(
      page,
      `/api/members?q=${encodeURIComponent(someone.lastName.toLowerCase())}`,
    );
    await assure.fill(someone.lastName.toLowerCase());
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(countText).toHaveText(
      `${count(byName.total)} salarié${byName.total > 1 ? 's' : ''}`,
    );

    // Nobody by that name: the empty state, and « Réinitialiser la recherche ».
    await page.getByRole('textbox', { name: 'Assuré' }).fill('Zzzyxwv');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByText('Aucun salarié ne correspond à votre recherche.')).toBeVisible();
    await expect(countText).toHaveText('Aucun salarié');
    await expectNoA11yViolations(page);
    await page.getByRole('button', { name: 'Réinitialiser la recherche' }).click();
    await expect(page.getByRole('textbox', { name: 'Assuré' })).toHaveValue('');
    await expect(countText).toHaveText(/sur \d+ salariés/);

    // On a phone: cards instead of the table, nothing wider than the screen.
    await page.setViewportSize(SMALL_PHONE);
    await page.goto('/salaries');
    await waitForPage(page, 'Mes salariés');
    const cards = page.getByRole('list', { name: 'Salariés affiliés' });
    await expect(cards.getByRole('listitem').first()).toBeVisible();
    await expect(page.getByRole('table')).toBeHidden();
    const overflowing = await page
      .getByRole('main')
      .evaluate((main) =>
        [...main.querySelectorAll('*')]
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((element) => element.outerHTML.slice(0, 80)),
      );
    expect(overflowing, 'content wider than 375 px').toEqual([]);
    await expectNoA11yViolations(page);

    // A member that does not exist: « Salarié introuvable ».
    await page.setViewportSize(DESKTOP);
    await page.goto('/salaries/inconnu');
    await waitForPage(page, 'Salarié introuvable');
    await expect(page.getByRole('link', { name: 'Retour à Mes salariés' })).toBeVisible();
    await expectNoA11yViolations(page);
  });

  test('a member’s beneficiaries, and the attestation and the tiers-payant card as PDFs (issue 20)', async ({
    page,
  }) => {
    // The demo's validated online enrolment: Laura Gautier, her child declared in the form.
    await page.setViewportSize(DESKTOP);
    await useSession(page);
    const found = await getJson<MemberPage>(page, '/api/members?q=Gautier&pageSize=25');
    const member = found.items.find((m) => m.firstName === 'Laura')!;
    await page.goto(`/salaries/${member.id}`);
    await waitForPage(page, `${member.lastName} ${member.firstName}`);
    const beneficiaries = page.getByRole('region', { name: 'Bénéficiaires' });
    await expect(beneficiaries).toContainText('Enfant');
    await expect(beneficiaries.getByRole('listitem')).toHaveCount(1);

    const certificates = page.getByRole('region', { name: 'Attestations' });
    for (const [label, file] of [
      [/^Attestation d’affiliation/, 'Attestation-affiliation'],
      [/^Carte de tiers payant/, 'Carte-tiers-payant'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        certificates.getByRole('link', { name: label }).click(),
      ]);
      // The PDF's text (the child's name included) is checked by the API's tests.
      expect(download.suggestedFilename()).toBe(
        `${file}-${member.lastName}-${member.firstName}.pdf`,
      );
      const bytes = fs.readFileSync(await download.path());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    await expectNoA11yViolations(page);

    await page.setViewportSize(SMALL_PHONE);
    await expect(certificates.getByRole('link', { name: /^Carte de tiers payant/ })).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    await page.screenshot({ path: test.info().outputPath('member-375.png'), fullPage: true });
  });

  test("a member of another company's perimeter is « Salarié introuvable »", async ({
    page,
    browser,
  }) => {
    // A member of Agence des Deux Rives, read by its third-party declarant (cabinet@…).
    const cabinet = DEMO_THIRD_PARTY;
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await useSession(otherPage, cabinet);
    const theirs = await getJson<MemberPage>(otherPage, '/api/members?pageSize=25');
    await other.close();
    forgetSession(cabinet.email);
    const member = theirs.items[0]!;

    await page.setViewportSize(DESKTOP);
    await useSession(page);
    expect((await page.request.get(`/api/members/${member.id}`)).status()).toBe(404);
    await page.goto(`/salaries/${member.id}`);
    await waitForPage(page, 'Salarié introuvable');
    await expect(page.getByRole('main')).not.toContainText(member.lastName);
  });
});
