import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { AFFILIATION_STATUS_LABELS } from '@affilia/shared/domain/enums';
import { pickContract } from '@affilia/shared/domain/pre-affiliation';
import { computeNirKey } from '@affilia/shared/validators/nir';
import {
  DESKTOP,
  escapeRegExp,
  expectNoA11yViolations,
  fillDate,
  getJson,
  inBackOffice,
  pdf,
  useSession,
  waitForEmailLink,
  waitForPage,
} from './support';

/*
 * Issue 6 end to end, in three browsers: the employer pre-affiliates a new employee (SPEC §5.3),
 * the employee completes the emailed online BIA on a phone (§5.5), the insurer's « gestionnaire »
 * validates it in the back office (§6), and the employer follows the request (§5.4) until the
 * employee appears in « Mes salariés » (§5.2) with the collège's contract and the date d'effet.
 * Every run enrols its own employee (unique name, NIR and email): no demo data is changed.
 */

/** The narrowest phone the portal is checked at. */
const SMALL_PHONE = { width: 375, height: 812 };

const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const BIC = 'AGRIFRPP';

interface AffiliationOptions {
  establishments: {
    id: string;
    name: string;
    siret: string;
    company: { id: string; name: string; siren: string };
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
interface Dashboard {
  byEstablishment: { id: string; name: string; count: number }[];
}

/** Today in Paris as `YYYY-MM-DD` (the users' calendar). */
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

test.describe('Issue 14 #25 — the employee’s pages', () => {
  for (const viewport of [SMALL_PHONE, DESKTOP]) {
    test(`a link that opens no form says « Besoin d’aide ? » once, in the employee’s space (${viewport.width} px)`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await page.goto('/formulaire/abcdefghijklmnopqrstuvwxyz0123456789');
      await waitForPage(page, 'Ce lien n’est pas valide');
      await expect(page.getByText('Besoin d’aide ?', { exact: true })).toHaveCount(1);
      await expect(page.getByRole('contentinfo')).toContainText('Espace salarié');
      await expect(page.getByRole('contentinfo')).not.toContainText('Espace Entreprise');
      await expectNoA11yViolations(page);
    });
  }
});

test.describe("Issue 6 — pré-affiliation, BIA en ligne, validation par l'assureur", () => {
  test('the employer pre-affiliates, the employee completes the form on a phone, the insurer validates, the employer sees the new member', async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const stamp = Date.now();
    const lastName = `Brisson-${letters(stamp % 100_000_000)}`;
    const firstName = 'Léa';
    // « Nom Prénom » in every list: the employer's table, the back office and the members.
    const fullName = `${lastName} ${firstName}`;
    const email = `salarie-${stamp}@exemple.test`;
    // A woman born in May 1990 in Paris: the NIR's year and month agree with the birth date.
    const birthDate = '1990-05-14';
    const commune = 100 + (stamp % 900);
    const order = 1 + (Math.floor(stamp / 900) % 999); // unique over ~15 minutes
    const nir13 = `2900575${commune}${String(order).padStart(3, '0')}`;
    const nir = `${nir13}${computeNirKey(nir13)}`;
    const today = todayInParis();

    // ---- 1. The employer: « Pré-affiliation », three steps. ----
    await page.setViewportSize(DESKTOP);
    await useSession(page);

    // An establishment with a Non cadre contract, not the largest one (other journeys count it).
    const options = await getJson<AffiliationOptions>(page, '/api/affiliations/options');
    const dashboard = await getJson<Dashboard>(page, '/api/dashboard');
    const largest = [...dashboard.byEstablishment].sort((a, b) => b.count - a.count)[0]?.id;
    // The contract of the affiliation date (today), by the server's own rule.
    const candidates = options.establishments.filter((e) =>
      pickContract(e.contracts, 'non_cadre', today),
    );
    const establishment = candidates.find((e) => e.id !== largest) ?? candidates[0];
    if (!establishment) throw new Error('no establishment with a Non cadre contract');
    const contract = pickContract(establishment.contracts, 'non_cadre', today)!;

    await page.goto('/pre-affiliation');
    await waitForPage(page, 'Pré-affiliation');
    const establishmentBox = page.getByRole('combobox', { name: 'Établissement' });
    await establishmentBox.click();
    await establishmentBox.fill(establishment.name);
    await page
      .getByRole('option', { name: new RegExp(`^${escapeRegExp(establishment.name)} — SIRET`) })
      .click();
    await page.getByRole('radio', { name: 'Non cadre' }).check();
    await expect(page.getByText(`${contract.label} (n° ${contract.number})`)).toBeVisible();
    await expectNoA11yViolations(page);
    await page.getByRole('button', { name: 'Valider', exact: true }).click();

    // Step 2: a new employee.
    await page.getByRole('radio', { name: 'Non', exact: true }).check();
    await page.getByRole('textbox', { name: /^Nom/ }).fill(lastName);
    await page.getByRole('textbox', { name: /^Prénom/ }).fill(firstName);
    await page.getByRole('textbox', { name: /^E-mail/ }).fill(email);
    await page.getByRole('textbox', { name: /^Numéro de Sécurité Sociale/ }).fill(nir);
    await fillDate(page.getByLabel(/^Date de naissance/), birthDate);
    await fillDate(page.getByLabel(/^Date d’entrée dans l’entreprise/), today);
    await fillDate(page.getByLabel(/^Date d’affiliation au contrat Frais de Santé/), today);
    await page.getByRole('combobox', { name: /^Type de contrat de travail/ }).click();
    await page.getByRole('option', { name: 'CDI', exact: true }).click();
    await fillDate(page.getByLabel(/^Date de début du contrat de travail/), today);
    await expect(page.getByLabel(/^Date de fin du contrat de travail/)).toHaveCount(0);
    await expectNoA11yViolations(page);

    // The server's checks run in the form first, without a request (issue 14 #26): the contract
    // of the affiliation date, a temporary NIR the insurer refuses, the NIR / birth date warning.
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/affiliations')
        posts.push(request.url());
    });
    await expect(
      page.getByText(`Contrat au ${frenchDate(today)} : ${contract.label} (n° ${contract.number})`),
    ).toBeVisible();
    const nirBox = page.getByRole('textbox', { name: /^Numéro de Sécurité Sociale/ });
    await nirBox.fill(`7${nir.slice(1, 13)}`);
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    await expect(
      page.getByText('Les numéros de sécurité sociale provisoires ne sont pas acceptés'),
    ).toBeVisible();
    await nirBox.fill(nir);
    await fillDate(page.getByLabel(/^Date de naissance/), '1991-05-14');
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    await expect(
      page.getByText(/L’année de naissance du numéro de sécurité sociale ne correspond pas/),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Confirmer et valider' })).toBeFocused();
    await expectNoA11yViolations(page);
    expect(posts, 'no round trip for what the form knows').toEqual([]);
    await page.getByRole('button', { name: 'Corriger' }).click();
    await fillDate(page.getByLabel(/^Date de naissance/), birthDate);
    await page.getByRole('button', { name: 'Valider', exact: true }).click();

    // Step 3 (after confirming the NIR warning, should the server raise one).
    const sentence = page.getByText(
      `Un e-mail a été envoyé à ${email} pour compléter son bulletin d’affiliation.`,
    );
    const confirm = page.getByRole('button', { name: 'Confirmer et valider' });
    await expect(sentence.or(confirm)).toBeVisible();
    if (await confirm.isVisible()) await confirm.click();
    await expect(sentence).toBeVisible();
    await expectNoA11yViolations(page);

    // « Suivi des demandes »: the request, sent by email.
    const requestRow = page.getByRole('row').filter({ hasText: fullName });
    const openTracking = async () => {
      await page.goto('/affiliations');
      await waitForPage(page, 'Suivi des demandes');
      await expect(requestRow).toHaveCount(1);
    };
    await openTracking();
    await expect(requestRow).toContainText(establishment.name);
    await expect(requestRow).toContainText('E-mail');
    await expect(requestRow).toContainText(AFFILIATION_STATUS_LABELS.sent);
    // Both dates, each sortable; « Date de la demande » filters on « Demandée le » (issue 14 #24).
    const trackingTable = page.getByRole('table', { name: /^Demandes/ });
    for (const header of ['Demandée le', 'Dernière mise à jour']) {
      await expect(trackingTable.getByRole('columnheader', { name: header })).toBeVisible();
    }
    await expect(requestRow.getByRole('cell').nth(5)).toHaveText(frenchDate(today));
    await expect(requestRow.getByRole('cell').nth(6)).toHaveText(frenchDate(today));
    await trackingTable.getByRole('button', { name: 'Demandée le' }).click();
    await expect(page).toHaveURL(/sort=created_at/);
    await expect(trackingTable.getByRole('columnheader', { name: 'Demandée le' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await expect(requestRow).toHaveCount(1);
    await fillDate(page.getByLabel('Date de la demande : du'), today);
    await fillDate(page.getByLabel('Date de la demande : au'), today);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(new RegExp(`from=${today}`));
    await expect(requestRow).toHaveCount(1);
    await expectNoA11yViolations(page);

    // ---- 2. The employee, on a phone: the emailed link. ----
    const link = await waitForEmailLink(page, new Set(), email, '/formulaire/');
    expect(link).toMatch(/^\/formulaire\/[^/]+$/);
    const phone = await browser.newContext({
      viewport: SMALL_PHONE,
      isMobile: true,
      hasTouch: true,
    });
    try {
      const employee = await phone.newPage();
      await employee.goto(link);
      await waitForPage(employee, 'Confirmez votre date de naissance');
      // A wrong date is said once, under the field (issue 14 #16), and goes when it changes.
      const birthField = employee.getByLabel(/^Date de naissance/);
      await fillDate(birthField, '1990-05-15');
      await employee.getByRole('button', { name: 'Confirmer' }).click();
      await expect(employee.getByText(/La date de naissance ne correspond pas/)).toHaveCount(1);
      await expect(birthField).toHaveAttribute('aria-invalid', 'true');
      await fillDate(birthField, birthDate);
      await expect(employee.getByText(/La date de naissance ne correspond pas/)).toHaveCount(0);
      await employee.getByRole('button', { name: 'Confirmer' }).click();
      await waitForPage(employee, 'Votre bulletin d’affiliation');
      await expect(
        employee.getByText(`${establishment.company.name} · ${contract.label}`),
      ).toBeVisible();

      // 1. Identité et adresse (open): what the employer wrote, and the address.
      await expect(employee.getByText(lastName, { exact: true })).toBeVisible();
      await employee.getByRole('textbox', { name: /^Adresse/ }).fill('12 rue des Tilleuls');
      await employee.getByRole('textbox', { name: /^Code postal/ }).fill('75011');
      await employee.getByRole('textbox', { name: /^Ville/ }).fill('Paris');
      await expectNoA11yViolations(employee);

      const section = (title: RegExp) => employee.getByRole('button', { name: title });

      // 2. Ayants droit: a child attached to the employee's own number with « Mon numéro »
      // (issue 14 #25), not retyped.
      await section(/^2\. Ayants droit/).click();
      await employee.getByRole('button', { name: 'Ajouter un ayant droit' }).click();
      const child = employee.getByRole('group', { name: /^Ayant droit 1/ });
      await child.getByRole('textbox', { name: /^Nom/ }).fill(lastName);
      await child.getByRole('textbox', { name: /^Prénom/ }).fill('Noé');
      await fillDate(child.getByLabel(/^Date de naissance/), '2019-03-08');
      await child.getByRole('checkbox', { name: /^Mon numéro/ }).check();
      await expect(
        child.getByRole('textbox', { name: /^Numéro de Sécurité sociale de rattachement/ }),
      ).toHaveValue(/^2 90 05 75/);
      await expectNoA11yViolations(employee);

      // 3. Option: the first one offered, when the contract has options.
      await section(/^3\. Option/).click();
      const optionGroup = employee.getByRole('radiogroup', { name: /Option choisie/ });
      const noOption = employee.getByText(/ne propose pas d’option/);
      await expect(optionGroup.or(noOption)).toBeVisible();
      if (await optionGroup.isVisible()) await optionGroup.getByRole('radio').first().check();

      // 4. Coordonnées bancaires.
      await section(/^4\. Coordonnées bancaires/).click();
      await employee.getByRole('textbox', { name: /^IBAN/ }).fill(IBAN);
      await employee.getByRole('textbox', { name: /^BIC/ }).fill(BIC);
      // At 375 px the spaced IBAN fits its field (issue 14 #25).
      const ibanFits = () =>
        employee
          .getByRole('textbox', { name: /^IBAN/ })
          .evaluate((input: HTMLInputElement) => input.scrollWidth <= input.clientWidth);
      expect(await ibanFits()).toBe(true);

      // 5. Télétransmission Noémie.
      await section(/^5\. Télétransmission Noémie/).click();
      await employee.getByRole('checkbox', { name: /J’accepte la télétransmission/ }).check();

      // « Enregistrer le brouillon »: saved, and « Démarré par le salarié » for the employer.
      await employee.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      await expect(employee.getByText(/Votre brouillon a été enregistré/)).toBeVisible();
      await openTracking();
      await expect(requestRow).toContainText(AFFILIATION_STATUS_LABELS.started);

      // 6. Pièces justificatives: a RIB and the certificate, as PDF files.
      await section(/^6\. Pièces justificatives/).click();
      const attach = async (button: string, name: string) => {
        const choosing = employee.waitForEvent('filechooser');
        await employee.getByRole('button', { name: button }).click();
        await (await choosing).setFiles({ name, mimeType: 'application/pdf', buffer: pdf(name) });
        await expect(employee.getByRole('button', { name: `Retirer ${name}` })).toBeVisible();
      };
      await attach('Joindre mon RIB', 'rib.pdf');
      await attach('Joindre mon attestation', 'attestation.pdf');
      // At 375 px no button label is cut (issue 14 #25).
      for (const name of ['Joindre mon attestation', 'Joindre un autre justificatif']) {
        const cut = await employee
          .getByRole('button', { name })
          .evaluate((button) =>
            [...button.querySelectorAll('[class*="Button-label"]')].some(
              (label) => label.scrollWidth > label.clientWidth + 1,
            ),
          );
        expect(cut, `« ${name} » is cut`).toBe(false);
      }

      // 7. Certification, then « Valider ».
      await section(/^7\. Certification/).click();
      await employee
        .getByRole('checkbox', { name: /Je certifie l’exactitude des informations/ })
        .check();
      await expectNoA11yViolations(employee);
      await employee.getByRole('button', { name: 'Valider', exact: true }).click();
      // A summary to confirm before anything is sent (issue 14 #20).
      const confirm = employee.getByRole('dialog', {
        name: 'Envoyer votre bulletin d’affiliation ?',
      });
      await expect(confirm).toBeVisible();
      await expect(confirm).toContainText('12 rue des Tilleuls, 75011 Paris');
      await expect(confirm).toContainText(`Enfant : Noé ${lastName}`);
      await expect(confirm).toContainText('RIB : rib.pdf');
      await expect(confirm).toContainText(email);
      await expectNoA11yViolations(employee);
      await confirm.getByRole('button', { name: 'Revenir au formulaire' }).click();
      await expect(confirm).toBeHidden();
      await employee.getByRole('button', { name: 'Valider', exact: true }).click();
      await confirm.getByRole('button', { name: 'Confirmer l’envoi' }).click();
      await waitForPage(employee, 'Votre bulletin d’affiliation a été transmis');
      await expectNoA11yViolations(employee);
      // The completed BIA, downloaded from the confirmation screen (the form cookie's receipt)…
      const downloading = employee.waitForEvent('download');
      await employee.getByRole('link', { name: 'Télécharger mon bulletin (PDF)' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^BIA-Brisson-.+-L[ée]a\.pdf$/);
      const bytes = fs.readFileSync(await download.path());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      // … and emailed to the employee, attached.
      const sent = (
        await getJson<{
          messages: { to: string; subject: string | null; attachments: string[] }[];
        }>(page, '/api/dev/outbox')
      ).messages.find(
        (m) =>
          m.to === email && m.subject?.startsWith('Votre formulaire d’affiliation est bien envoyé'),
      );
      expect(sent?.attachments).toEqual([`BIA-${lastName}-${firstName}.pdf`]);
    } finally {
      await phone.close();
    }

    // The employer's table: « Finalisé par le salarié », before the insurer decides.
    await openTracking();
    await expect(requestRow).toContainText(AFFILIATION_STATUS_LABELS.finalised);

    // ---- 3. The insurer's « gestionnaire », in the back office. ----
    await inBackOffice(browser, async (staff) => {
      await staff.goto('/back-office/affiliations');
      await waitForPage(staff, 'Demandes d’affiliation');
      await expect(staff.getByRole('tab', { name: 'À valider' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      const queue = staff.getByRole('table', { name: 'Demandes d’affiliation : À valider' });
      const queued = queue.getByRole('row').filter({ hasText: fullName });
      await expect(queued).toContainText(establishment.name);
      await expect(queued).toContainText(AFFILIATION_STATUS_LABELS.finalised);
      await queued.getByRole('link', { name: fullName }).click();
      await waitForPage(staff, fullName);
      const attachments = staff.getByRole('region', { name: 'Pièces justificatives' });
      await expect(attachments.getByRole('link', { name: /rib\.pdf/ })).toBeVisible();
      await expect(attachments.getByRole('link', { name: /attestation\.pdf/ })).toBeVisible();
      await staff.getByRole('button', { name: 'Valider l’affiliation' }).click();
      const dialog = staff.getByRole('dialog', { name: 'Valider l’affiliation' });
      await expect(dialog).toContainText(contract.label);
      await expect(dialog).toContainText(frenchDate(today));
      await dialog.getByRole('button', { name: 'Confirmer la validation' }).click();
      // The page's own outcome (a notification says it too).
      await expect(staff.getByRole('main').getByText('Le salarié est affilié.')).toBeVisible();
      await expect(staff.getByRole('button', { name: 'Valider l’affiliation' })).toHaveCount(0);
    });

    // ---- 4. The employer again: validated, and the new member in « Mes salariés ». ----
    await openTracking();
    await expect(requestRow).toContainText(AFFILIATION_STATUS_LABELS.validated);

    await page.goto('/salaries');
    await waitForPage(page, 'Mes salariés');
    await page.getByRole('textbox', { name: 'Assuré' }).fill(lastName);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page.getByTestId('members-count')).toHaveText('1 salarié');
    const member = page
      .getByRole('table', { name: /^Salariés affiliés/ })
      .getByRole('row')
      .filter({ hasText: fullName });
    await expect(member).toContainText(establishment.name);
    await expect(member).toContainText('Non cadre');
    await expect(member).toContainText(contract.label);
    const dateColumn = await page
      .getByRole('table', { name: /^Salariés affiliés/ })
      .getByRole('columnheader')
      .allInnerTexts();
    const effectiveIndex = dateColumn.findIndex((t) => t.includes('Date d’effet'));
    expect(effectiveIndex, 'a « Date d’effet » column').toBeGreaterThanOrEqual(0);
    // The row's first cell is a header cell (the name is a row header): count both kinds.
    await expect(member.locator('th, td').nth(effectiveIndex)).toHaveText(frenchDate(today));
  });
});
