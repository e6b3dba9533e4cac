import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { luhnCheckDigit } from '@affilia/shared/validators/siret';
import {
  expectNoA11yViolations,
  outboxIds,
  signIn,
  solveCaptcha,
  waitForEmailLink,
  waitForPage,
} from './support';

/*
 * « Établissements suivis » of « Mon profil » (SPEC §4.4), as the demo's « Utilisateur »
 * (utilisateur@…, user of Valmont Immobilier restricted to its establishments 6 to 10), whose
 * password is first set back to the demo's (the forgotten-password journey changes it). The
 * establishments added here (Valmont's 11th and 4th) are followed by the demo administrator
 * already, so the demo's « espace non activé » establishments stay as they are.
 *
 * The seed numbers a company's establishments from its SIREN (SIREN + 4-digit index + Luhn key)
 * and gives them its identifier and the index: « MHP104527-001 »…
 * (apps/server/src/db/seed/common.ts).
 */

interface DemoInfo {
  accounts: { role: string; email: string; password: string }[];
  activation: { siret: string; companyIdentifier: string; company: string }[];
}

const VALMONT_IDENTIFIER = 'MHP104527';

function valmontEstablishment(siren: string, index: number) {
  const partial = `${siren}${String(index).padStart(4, '0')}`;
  return {
    siret: partial + luhnCheckDigit(partial),
    identifier: `${VALMONT_IDENTIFIER}-${String(index).padStart(3, '0')}`,
  };
}

const spaced = (siret: string) => siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');

/**
 * « Mot de passe oublié », to give the account its demo password back: the journey of the
 * forgotten password (auth.spec.ts) changes it. Run alone, this journey finds the demo password
 * still in place, which the form refuses as « différent de l’actuel »: the account is then as
 * wanted already.
 */
async function resetPassword(page: Page, email: string, password: string) {
  await page.goto('/mot-de-passe-oublie');
  await waitForPage(page, 'Mot de passe oublié');
  const known = await outboxIds(page);
  await page.getByLabel('Adresse e-mail').fill(email);
  await solveCaptcha(page);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(page.getByText(/vous recevrez un e-mail/)).toBeVisible();
  await page.goto(await waitForEmailLink(page, known, email, '/reinitialiser-mot-de-passe/'));
  await waitForPage(page, 'Choisir un nouveau mot de passe');
  await page.getByLabel(/^Mot de passe/).fill(password);
  await page.getByLabel(/^Confirmer le mot de passe/).fill(password);
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  const changed = page.getByRole('heading', { level: 1, name: 'Mot de passe modifié' });
  const unchanged = page.getByText('Choisissez un mot de passe différent de l’actuel').first();
  await expect(changed.or(unchanged)).toBeVisible();
}

async function openEstablishments(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Mon profil' }).click();
  await page.getByRole('menuitem', { name: 'Mon profil' }).click();
  await waitForPage(page, 'Mon profil');
  await page
    .getByRole('navigation', { name: 'Rubriques du profil' })
    .getByRole('link', { name: 'Établissements suivis' })
    .click();
  await waitForPage(page, 'Établissements suivis');
}

test.describe('« Établissements suivis »', () => {
  test('the template, a file with good and bad rows and its report, then one establishment by hand', async ({
    page,
  }, testInfo) => {
    const demo = (await (await page.request.get('/api/dev/demo')).json()) as DemoInfo;
    const account = demo.accounts.find((a) => a.role === 'Utilisateur');
    if (!account) throw new Error('no demo « Utilisateur »');
    // An establishment of « Syndic Marceau & Fils », which has an administrator and where this
    // user has no role (its identifier follows the seed's numbering).
    const marceau = demo.activation.find((a) => a.company.startsWith('Syndic Marceau'));
    if (!marceau) throw new Error('no establishment of Syndic Marceau & Fils');
    const refusedOne = {
      siret: marceau.siret,
      identifier: `${marceau.companyIdentifier}-${marceau.siret.slice(10, 13)}`,
    };

    await resetPassword(page, account.email, account.password);
    await signIn(page, account.email, account.password);
    await openEstablishments(page);

    // The list: Valmont's five establishments of the perimeter, SIRETs grouped by digits.
    const table = page.getByRole('table', { name: /Établissements suivis/ });
    await expect(table.getByRole('row')).toHaveCount(6);
    await expect(page.getByRole('heading', { level: 2, name: '5 établissements' })).toBeVisible();
    const firstSiret = (await table.getByRole('row').nth(1).getByRole('cell').nth(1).innerText())
      .replace(/\s/g, '')
      .trim();
    expect(firstSiret).toMatch(/^\d{14}$/);
    const siren = firstSiret.slice(0, 9);
    const bordeaux = valmontEstablishment(siren, 11); // Valmont Immobilier Bordeaux Chartrons
    const lyon = valmontEstablishment(siren, 6); // followed already
    const lille = valmontEstablishment(siren, 5);
    const versailles = valmontEstablishment(siren, 4);
    const valid99 = valmontEstablishment(siren, 99).siret;
    const badChecksum = valid99.slice(0, 13) + String((Number(valid99[13]) + 1) % 10);
    await expect(table).toContainText(spaced(lyon.siret));
    await expect(table).not.toContainText(spaced(bordeaux.siret));
    await expectNoA11yViolations(page);

    // « Ajouter plusieurs établissements (fichier) »: the template is an Excel file.
    await page.getByRole('button', { name: 'Ajouter plusieurs établissements (fichier)' }).click();
    const section = page.getByRole('region', {
      name: 'Ajouter plusieurs établissements (fichier)',
    });
    await expect(section.getByRole('heading', { level: 2 })).toBeFocused();
    const downloading = page.waitForEvent('download');
    await section.getByRole('link', { name: 'Télécharger le modèle (.xlsx)' }).click();
    const template = await downloading;
    expect(template.suggestedFilename()).toBe('modele-etablissements.xlsx');
    const templateBytes = fs.readFileSync(await template.path());
    expect(templateBytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

    // A CSV as French Excel writes it: `;`, one good row, one followed already, bad rows.
    const csv = [
      'SIRET;Code identifiant',
      `${spaced(bordeaux.siret)};${bordeaux.identifier.toLowerCase()}`,
      `${lyon.siret};${lyon.identifier}`,
      `${badChecksum};${VALMONT_IDENTIFIER}-099`,
      `3,56E+13;${VALMONT_IDENTIFIER}-013`,
      `${lille.siret};${VALMONT_IDENTIFIER}-999`,
      `${refusedOne.siret};${refusedOne.identifier}`,
      '',
    ].join('\r\n');
    const choosing = page.waitForEvent('filechooser');
    await section.getByRole('button', { name: /^Fichier à importer/ }).click();
    await (
      await choosing
    ).setFiles({
      name: 'mes-etablissements.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await expect(section.getByRole('button', { name: /^Fichier à importer/ })).toContainText(
      'mes-etablissements.csv',
    );
    await section.getByRole('button', { name: 'Importer le fichier' }).click();

    // The report: counts, then each row with its result.
    await expect(section.getByText(/^Import terminé :/)).toHaveText(
      'Import terminé : 1 établissement ajouté, 1 déjà suivi, 4 lignes en erreur.',
    );
    const summary = section.getByRole('group', { name: 'Résumé de l’import' });
    await expect(summary).toContainText('6 lignes lues');
    await expect(summary).toContainText('1 ajouté');
    await expect(summary).toContainText('1 déjà suivi');
    await expect(summary).toContainText('4 erreurs');
    const report = section.getByRole('table', { name: /Résultat de chaque ligne/ });
    const rows = report.getByRole('row');
    await expect(rows).toHaveCount(7);
    await expect(rows.nth(1)).toContainText('Ajouté');
    await expect(rows.nth(1)).toContainText('Valmont Immobilier Bordeaux Chartrons');
    await expect(rows.nth(2)).toContainText('Déjà suivi');
    await expect(rows.nth(3)).toContainText('SIRET invalide');
    await expect(rows.nth(4)).toContainText('notation scientifique');
    await expect(rows.nth(5)).toContainText('Identifiant inconnu');
    await expect(rows.nth(6)).toContainText('Refusé');
    await expectNoA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath('report.png'), fullPage: true });

    await section.getByRole('switch', { name: 'Afficher seulement les erreurs' }).check();
    await expect(
      section.getByRole('table', { name: /Lignes en erreur/ }).getByRole('row'),
    ).toHaveCount(5);

    // The report as CSV.
    const csvDownload = page.waitForEvent('download');
    await section.getByRole('link', { name: 'Télécharger le rapport (.csv)' }).click();
    const reportFile = await csvDownload;
    expect(reportFile.suggestedFilename()).toBe('rapport-import-etablissements.csv');
    const reportText = fs.readFileSync(await reportFile.path(), 'utf8');
    expect(reportText.startsWith('\uFEFFLigne;SIRET;Code identifiant;Résultat;Détail')).toBe(true);
    expect(reportText).toContain(
      `${spaced(bordeaux.siret)};${bordeaux.identifier.toLowerCase()};Ajouté`,
    );

    // The list now holds the added establishment.
    await expect(page.getByRole('heading', { level: 2, name: '6 établissements' })).toBeVisible();
    await expect(table).toContainText(spaced(bordeaux.siret));
    await section.getByRole('button', { name: 'Fermer', exact: true }).click();
    await expect(section).toBeHidden();

    // « Ajouter un établissement au périmètre suivi »: errors in French, then success.
    await page.getByRole('button', { name: 'Ajouter un établissement au périmètre suivi' }).click();
    const dialog = page.getByRole('dialog', {
      name: 'Ajouter un établissement au périmètre suivi',
    });
    await dialog.getByRole('button', { name: 'Ajouter l’établissement' }).click();
    await expect(dialog.getByText('Saisissez le numéro de SIRET')).toBeVisible();
    await expect(dialog.getByText('Saisissez le code identifiant')).toBeVisible();
    await dialog.getByLabel(/^Numéro de SIRET/).fill('732 829 320 00079');
    await dialog.getByLabel(/^Code identifiant/).fill(versailles.identifier);
    await dialog.getByRole('button', { name: 'Ajouter l’établissement' }).click();
    await expect(dialog.getByText('Ce numéro de SIRET n’est pas valide')).toBeVisible();
    await expect(dialog.getByLabel(/^Numéro de SIRET/)).toBeFocused();
    await dialog.getByLabel(/^Numéro de SIRET/).fill(spaced(versailles.siret));
    await dialog.getByLabel(/^Code identifiant/).fill(`${VALMONT_IDENTIFIER}-404`);
    await dialog.getByRole('button', { name: 'Ajouter l’établissement' }).click();
    await expect(dialog.getByRole('alert')).toContainText('ne correspondent à aucun établissement');
    await expectNoA11yViolations(page);
    await dialog.getByLabel(/^Code identifiant/).fill(versailles.identifier);
    await dialog.getByRole('button', { name: 'Ajouter l’établissement' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Établissement ajouté')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '7 établissements' })).toBeVisible();
    await expect(table).toContainText('Valmont Immobilier Versailles');
    await expectNoA11yViolations(page);
    await page.screenshot({ path: testInfo.outputPath('list.png'), fullPage: true });
  });
});
