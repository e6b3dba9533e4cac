import { expect, test, type Page } from '@playwright/test';
import {
  addMonths,
  computePortability,
  RADIATION_STATUS_LABELS,
} from '@affilia/shared/domain/radiation';
import {
  DESKTOP,
  escapeRegExp,
  expectNoA11yViolations,
  fillDate,
  getJson,
  inBackOffice,
  outboxIds,
  pickCompany,
  signIn,
  useSession,
  waitForNewMessage,
  waitForPage,
} from './support';

/*
 * Issue 18 end to end, in two browsers: the employer's administrator radiates a member with
 * « rupture conventionnelle » (dates giving a portability of 8 months), sees the request in
 * « Suivi des demandes » with its type, the employee's notice leaves with the portability's end;
 * the insurer's « gestionnaire » processes it in the back office's « Radiations »; the member
 * then shows their coverage « terminé » and « En portabilité jusqu’au … ». axe on every new page,
 * the radiation form and the back office's pages at 375 px too. Every run radiates a member of
 * the demo no other journey counts on: the last one, by name, with a coverage in force.
 */

/** The narrowest phone the portal is checked at. */
const SMALL_PHONE = { width: 375, height: 812 };

const BACK_OFFICE_ADMIN = {
  email: 'admin.assureur@demo.affilia.test',
  password: 'Falaise-Indigo-Verger-12',
};

interface MemberRow {
  id: string;
  lastName: string;
  firstName: string;
  contract: { effectiveDate: string; status: 'current' | 'upcoming' | 'ended' } | null;
  portabilityEndDate: string | null;
}
interface Prefill {
  coverageEffectiveDate: string | null;
  openRadiationId: string | null;
}

function todayInParis(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
}

function frenchDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** The day `days` days before `iso`. */
function daysBefore(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/**
 * A member in force that may be radiated with a contract ending `contractEnd` (not before their
 * coverage's date d'effet, no radiation open): the last ones of « Mes salariés » first.
 */
async function pickMember(page: Page, contractEnd: string): Promise<MemberRow> {
  const list = await getJson<{ items: MemberRow[] }>(
    page,
    '/api/members?contractStatus=current&sort=name&order=desc&pageSize=100',
  );
  for (const member of list.items) {
    if (member.portabilityEndDate || !member.contract) continue;
    const prefill = await getJson<Prefill>(page, `/api/radiations/prefill?memberId=${member.id}`);
    if (prefill.openRadiationId || !prefill.coverageEffectiveDate) continue;
    if (prefill.coverageEffectiveDate <= contractEnd) return member;
  }
  throw new Error('no member of the demo may be radiated');
}

test.describe('Issue 18 — radiation, portability, back office', () => {
  test('the administrator radiates a member (« rupture conventionnelle »), the notice leaves with the portability, the gestionnaire processes it, the member is in portability', async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const today = todayInParis();
    // The contract ended ten days ago after 7 months and 3 days: 8 months of portability.
    const contractEnd = daysBefore(today, 10);
    const contractStart = daysBefore(addMonths(contractEnd, -7), 2);
    const portability = computePortability({
      motif: 'rupture_conventionnelle',
      unemploymentRights: true,
      periods: [{ start: contractStart, end: contractEnd }],
    });
    if (!portability.eligible) throw new Error('a rupture conventionnelle opens portability');
    expect(portability.months).toBe(8);
    const portabilityEnd = frenchDate(portability.end);

    await page.setViewportSize(DESKTOP);
    await useSession(page);
    const member = await pickMember(page, contractEnd);
    const fullName = `${member.lastName} ${member.firstName}`;
    const stamp = Date.now();
    const email = `depart-${stamp}@exemple.test`;

    // ---- 1. The employer: « Radier » from the member's page. ----
    await page.goto(`/salaries/${member.id}`);
    await waitForPage(page, new RegExp(escapeRegExp(member.lastName)));
    await page.getByRole('button', { name: /^Radier/ }).click();
    const form = page.getByRole('dialog', { name: /Radier/ });
    await expect(form.getByLabel(/^Date de fin du contrat de travail/)).toBeVisible();
    await expectNoA11yViolations(page);
    await fillDate(form.getByLabel(/^Date de fin du contrat de travail/), contractEnd);
    await form.getByRole('combobox', { name: /^Motif de la rupture/ }).click();
    await page.getByRole('option', { name: 'Rupture conventionnelle', exact: true }).click();
    // Pre-answered from the motif.
    await expect(form.getByRole('radio', { name: 'Oui' }).first()).toBeChecked();
    await fillDate(form.getByLabel(/^Début du dernier contrat/), contractStart);
    await form.getByLabel(/^E-mail du salarié/).fill(email);
    // The portability the form computes before sending, as the server will.
    await expect(form).toContainText(portabilityEnd);
    const known = await outboxIds(page);
    await form.getByRole('button', { name: 'Confirmer la radiation' }).click();
    await expect(form).toHaveCount(0);

    // ---- 2. The employee's notice, with the portability's end. ----
    const notice = await waitForNewMessage(
      page,
      known,
      (m) => m.channel === 'email' && m.to === email,
    );
    expect(notice.text).toContain(
      `du ${frenchDate(portability.start)} au ${portabilityEnd} (8 mois)`,
    );

    // ---- 3. « Suivi des demandes »: the radiation, with its type and status. ----
    await page.goto('/affiliations');
    await waitForPage(page, /^Suivi des demandes/);
    const requestRow = page.getByRole('row').filter({ hasText: fullName });
    await expect(requestRow.first()).toContainText('Radiation');
    await expect(requestRow.first()).toContainText(RADIATION_STATUS_LABELS.sent);
    await expectNoA11yViolations(page);
    await requestRow
      .first()
      .getByRole('link', { name: new RegExp(escapeRegExp(fullName)) })
      .click();
    await waitForPage(page, /Radiation/);
    await expect(page.getByRole('main')).toContainText(portabilityEnd);
    await expectNoA11yViolations(page);

    // ---- 4. The insurer: the queue, the radiation, « Traiter la radiation ». ----
    const radiationPage = await inBackOffice(browser, async (staff) => {
      await staff.goto('/back-office/radiations');
      await waitForPage(staff, 'Radiations');
      await expect(staff.getByRole('tab', { name: 'À traiter' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await staff.getByLabel('Salarié').fill(member.lastName);
      await staff.getByRole('button', { name: 'Rechercher' }).click();
      const queue = staff.getByRole('table', { name: 'Radiations : à traiter' });
      const queued = queue.getByRole('row').filter({ hasText: fullName });
      await expect(queued).toContainText('Rupture conventionnelle');
      await expect(queued).toContainText(portabilityEnd);
      await expect(staff).toHaveURL(/q=/);
      await expectNoA11yViolations(staff);
      await queued.getByRole('link', { name: fullName }).click();
      await waitForPage(staff, `Radiation de ${fullName}`);
      await expect(staff.getByRole('main')).toContainText('Rupture conventionnelle (code DSN 043)');
      await expect(staff.getByRole('main')).toContainText(
        `Portabilité : 8 mois, jusqu’au ${portabilityEnd}`,
      );
      await expect(staff.getByRole('main')).toContainText(email);
      await expectNoA11yViolations(staff);

      // « Retourner à l’employeur » needs its reason, said beside the field.
      await staff.getByRole('button', { name: 'Retourner à l’employeur' }).click();
      const returning = staff.getByRole('dialog', { name: 'Retourner à l’employeur' });
      await returning.getByRole('button', { name: 'Retourner à l’employeur' }).click();
      await expect(returning.getByLabel(/^Motif du retour/)).toHaveAccessibleDescription(
        /Indiquez le motif du retour à l’employeur/,
      );
      await expectNoA11yViolations(staff);
      await returning.getByRole('button', { name: 'Annuler' }).click();

      await staff.getByRole('button', { name: 'Traiter la radiation' }).click();
      const processing = staff.getByRole('dialog', { name: 'Traiter la radiation' });
      await expect(processing).toContainText(`prendra fin le ${frenchDate(contractEnd)}`);
      await expect(processing).toContainText(`au ${portabilityEnd} (8 mois)`);
      await expectNoA11yViolations(staff);
      await processing.getByRole('button', { name: 'Confirmer le traitement' }).click();
      await expect(
        staff.getByRole('main').getByText(`portabilité jusqu’au ${portabilityEnd}`).first(),
      ).toBeVisible();
      await expect(staff.getByRole('button', { name: 'Traiter la radiation' })).toHaveCount(0);
      await expect(staff.getByRole('main')).toContainText(RADIATION_STATUS_LABELS.processed);
      await expect(
        staff.getByRole('button', { name: 'Fin de portabilité (reprise d’emploi)' }),
      ).toBeVisible();
      await expectNoA11yViolations(staff);
      const detailPath = new URL(staff.url()).pathname;
      // A phone: the page in one column, the queue as cards.
      await staff.setViewportSize(SMALL_PHONE);
      await staff.reload();
      await waitForPage(staff, `Radiation de ${fullName}`);
      await expectNoA11yViolations(staff);
      await staff.goto('/back-office/radiations?status=processed');
      await waitForPage(staff, 'Radiations');
      await expect(
        staff
          .getByRole('list', { name: 'Radiations : traitées' })
          .getByRole('listitem')
          .filter({ hasText: fullName }),
      ).toBeVisible();
      await expectNoA11yViolations(staff);
      return detailPath;
    });

    // ---- 5. The employer: the member's coverage ended, in portability. ----
    await page.goto(`/salaries?q=${encodeURIComponent(member.lastName)}`);
    await waitForPage(page, 'Mes salariés');
    const row = page.getByRole('row').filter({ hasText: fullName });
    await expect(row).toContainText(/terminé/i);
    await expect(row).toContainText(`ortabilité jusqu’au ${portabilityEnd}`);
    await page.goto(`/salaries/${member.id}`);
    await waitForPage(page, new RegExp(escapeRegExp(member.lastName)));
    await expect(page.getByRole('main')).toContainText(/terminé/i);
    await expect(page.getByRole('main')).toContainText(`En portabilité jusqu’au ${portabilityEnd}`);
    await expectNoA11yViolations(page);

    // ---- 6. The insurer learns of a new job: the portability ends early. ----
    await inBackOffice(browser, async (staff) => {
      await staff.goto(radiationPage);
      await waitForPage(staff, `Radiation de ${fullName}`);
      await staff.getByRole('button', { name: 'Fin de portabilité (reprise d’emploi)' }).click();
      const newJob = staff.getByRole('dialog', { name: 'Fin de portabilité (reprise d’emploi)' });
      await expect(newJob).toContainText(`La portabilité court jusqu’au ${portabilityEnd}`);
      await fillDate(newJob.getByLabel(/^Date de reprise d’emploi/), today);
      await expectNoA11yViolations(staff);
      await newJob.getByRole('button', { name: 'Déclarer la reprise d’emploi' }).click();
      await expect(
        staff.getByRole('main').getByText('La fin de la portabilité est enregistrée.'),
      ).toBeVisible();
      await expect(staff.getByRole('main')).toContainText(
        `Reprise d’emploi le ${frenchDate(today)}`,
      );
      await expect(
        staff.getByRole('button', { name: 'Fin de portabilité (reprise d’emploi)' }),
      ).toHaveCount(0);
    });
  });

  test('the radiation form at 375 px, axe clean', async ({ page }) => {
    await page.setViewportSize(SMALL_PHONE);
    await useSession(page);
    const member = await pickMember(page, daysBefore(todayInParis(), 10));
    await page.goto(`/salaries/${member.id}`);
    await waitForPage(page, new RegExp(escapeRegExp(member.lastName)));
    await page.getByRole('button', { name: /^Radier/ }).click();
    const form = page.getByRole('dialog', { name: /Radier/ });
    const endDate = form.getByLabel(/^Date de fin du contrat de travail/);
    await expect(endDate).toBeVisible();
    // Nothing wider than the phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoA11yViolations(page);
    // Sent empty: the errors in French beside their fields.
    await form.getByRole('button', { name: 'Confirmer la radiation' }).click();
    await expect(form.getByText('Choisissez le motif de la rupture')).toBeVisible();
    // The focus went to the first field in error, whose calendar opened: Escape closes the
    // calendar only, the dialog and what it holds stay.
    await expect(endDate).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Mois suivant' })).toHaveCount(0);
    await expect(form).toBeVisible();
    await expectNoA11yViolations(page);
  });

  test('the back office: the queue and a radiation’s page at 375 px, the notice’s template for administrators', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(DESKTOP);
    await signIn(page, BACK_OFFICE_ADMIN.email, BACK_OFFICE_ADMIN.password, {
      space: 'backoffice',
    });

    // « Radiations » in the navigation, next to « Affiliations »; the tabs keep the address.
    await page
      .getByRole('navigation', { name: 'Navigation du back-office' })
      .getByRole('link', { name: 'Radiations' })
      .click();
    await waitForPage(page, 'Radiations');
    await page.getByRole('tab', { name: 'Traitées' }).click();
    await expect(page).toHaveURL(/status=processed/);
    await expect(page.getByTestId('radiations-count')).not.toHaveText(/Chargement/);
    await page.reload();
    await waitForPage(page, 'Radiations');
    await expect(page.getByRole('tab', { name: 'Traitées' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    // « Entreprise »: a company of the « Référentiel », kept in the address and named again.
    const company = page.getByRole('combobox', { name: 'Entreprise' });
    await pickCompany(company, 'Valmont Immobilier');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/companyId=/);
    await expect(page).toHaveURL(/status=processed/);
    await expect(company).toHaveValue(/^Valmont Immobilier — SIREN/);
    await expectNoA11yViolations(page);
    await page.setViewportSize(SMALL_PHONE);
    await expectNoA11yViolations(page);
    await page.setViewportSize(DESKTOP);

    // « Modèles de courrier »: the notice's text, its placeholders, the preview as a PDF.
    await page.goto('/back-office/contenus');
    await waitForPage(page, 'Contenus du portail');
    await page.getByRole('tab', { name: 'Modèles de courrier' }).click();
    await expect(page.getByLabel(/^Objet/)).not.toHaveValue('');
    await expect(page.getByRole('term').filter({ hasText: '{{portabilite}}' })).toBeVisible();
    await expectNoA11yViolations(page);
    const preview = page.waitForResponse(
      (r) => r.url().endsWith('/letter-templates/radiation_notice/preview') && r.ok(),
    );
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Aperçu PDF' }).click();
    expect((await preview).headers()['content-type']).toContain('application/pdf');
    await (await popup).close();
    // An unknown placeholder is refused, by name.
    const body = page.getByLabel(/^Texte du courrier/);
    const text = await body.inputValue();
    await body.fill(`${text}\n\n{{inconnu}}`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(body).toHaveAccessibleDescription(/Le champ \{\{inconnu\}\} n’existe pas/);
    await body.fill(text);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(
      page.getByText('Le modèle de la notice est enregistré', { exact: false }),
    ).toBeVisible();
  });
});
