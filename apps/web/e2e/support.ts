import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The WCAG levels the portal is held to (RGAA follows WCAG 2.1 AA). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/**
 * Runs axe-core on the page as it is and fails with a readable list of the violations (rule,
 * impact, help and the offending elements).
 */
export async function expectNoA11yViolations(
  page: Page,
  options: { exclude?: string[] } = {},
): Promise<void> {
  // A tooltip fading in or out under the pointer (e.g. the bell's, after clicking it) is a
  // transition, not the page: axe would read its half-transparent colours. Move the pointer away.
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  // Likewise a dialog or a notification still fading in: wait for the page's finite transitions
  // and animations to end (a loader's endless spin is not waited for).
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity,
      ),
  );
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const summary = violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
  }));
  expect(summary, `axe-core found accessibility violations on ${page.url()}`).toEqual([]);
}

/** Waits until the app has rendered a page (its `<h1>`), after the branding call settled. */
export async function waitForPage(page: Page, heading: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

/** One message of the server's development outbox (`GET /api/dev/outbox`). */
interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
  createdAt: string;
}

export async function readOutbox(page: Page): Promise<OutboxMessage[]> {
  const response = await page.request.get('/api/dev/outbox');
  expect(response.ok(), 'GET /api/dev/outbox').toBe(true);
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}

/** Waits for a message that was not in the outbox before (`known` ids) and matches `filter`. */
export async function waitForNewMessage(
  page: Page,
  known: ReadonlySet<string>,
  filter: (message: OutboxMessage) => boolean,
): Promise<OutboxMessage> {
  let found: OutboxMessage | undefined;
  await expect
    .poll(
      async () => {
        found = (await readOutbox(page)).find((m) => !known.has(m.id) && filter(m));
        return found !== undefined;
      },
      { message: 'waiting for a new message in the development outbox', timeout: 10_000 },
    )
    .toBe(true);
  return found!;
}

/** The demo accounts of the seed (also printed at start-up and by `GET /api/dev/demo`). */
export const DEMO_ADMIN = { email: 'admin@demo.affilia.test', password: 'Tilleul-Ardoise-47' };
/** « Tiers déclarant »: an employer account without the administrator's last company. */
export const DEMO_THIRD_PARTY = {
  email: 'cabinet@demo.affilia.test',
  password: 'Lanterne-Bruyere-29',
};
/** The insurer's « Gestionnaire (back office) », Karim Benali. */
export const DEMO_MANAGER = {
  email: 'gestionnaire@demo.affilia.test',
  password: 'Boussole-Amarante-56',
};

export interface Account {
  email: string;
  password: string;
}

/**
 * Signs in through the real pages: email and password, then, when the security screen appears
 * (new browser, new IP, 3 months without signing in), « Envoyer le code » and the SMS code read
 * from the development outbox. Ends on the page the sign-in leads to.
 */
export async function signIn(
  page: Page,
  email: string,
  password: string,
  {
    space = 'employer',
    path = space === 'backoffice' ? '/back-office/connexion' : '/connexion',
  }: {
    space?: 'employer' | 'backoffice';
    /** The sign-in page to start from, e.g. with its `?redirect=`. */
    path?: string;
  } = {},
): Promise<void> {
  await page.goto(path);
  await waitForPage(page, /^Connexion/);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel(/^Mot de passe/).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();

  const securityScreen = page.getByRole('heading', { level: 1, name: 'Double authentification' });
  const signedIn = page.getByRole('banner').getByRole('button', { name: 'Mon profil' });
  await expect(securityScreen.or(signedIn)).toBeVisible();
  if (await securityScreen.isVisible()) {
    const known = new Set((await readOutbox(page)).map((m) => m.id));
    await page.getByRole('button', { name: 'Envoyer le code' }).click();
    const sms = await waitForNewMessage(
      page,
      known,
      (m) => m.channel === 'sms' && /\b\d{6}\b/.test(m.text),
    );
    const code = /\b(\d{6})\b/.exec(sms.text)![1]!;
    await page.getByLabel('Code reçu par SMS').fill(code);
    await page.getByRole('button', { name: 'Continuer' }).click();
  }
  await expect(signedIn).toBeVisible();
}

/**
 * Runs `journey` in another desktop browser signed in as `account` (through `signIn`, in the
 * employer space or the back office), closes that browser whatever happens, and gives back what
 * `journey` returned.
 */
export async function inAnotherBrowser<T>(
  browser: Browser,
  account: Account,
  journey: (page: Page) => Promise<T>,
  space: 'employer' | 'backoffice' = 'employer',
): Promise<T> {
  const context = await browser.newContext({ viewport: DESKTOP });
  try {
    const page = await context.newPage();
    await signIn(page, account.email, account.password, { space });
    return await journey(page);
  } finally {
    await context.close();
  }
}

/** `inAnotherBrowser` in the back office, by default as the demo « gestionnaire ». */
export function inBackOffice<T>(
  browser: Browser,
  journey: (staff: Page) => Promise<T>,
  account: Account = DEMO_MANAGER,
): Promise<T> {
  return inAnotherBrowser(browser, account, journey, 'backoffice');
}

type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;
const sessions = new Map<string, Cookies>();

/**
 * Signs in once per account and worker through the real pages (`signIn`), then gives the next
 * tests the same cookies, so that a file of journeys does not send an SMS for every test.
 * Call `forgetSession` after a test that signs the account out.
 */
export async function useSession(page: Page, account: Account = DEMO_ADMIN): Promise<void> {
  const saved = sessions.get(account.email);
  if (saved) {
    await page.context().addCookies(saved);
    return;
  }
  await signIn(page, account.email, account.password);
  sessions.set(account.email, await page.context().cookies());
}

export function forgetSession(email: string = DEMO_ADMIN.email): void {
  sessions.delete(email);
}

/** Ticks « Je ne suis pas un robot » and waits for the proof of work to be accepted. */
export async function solveCaptcha(page: Page): Promise<void> {
  // The widget draws its own check mark over the box: click the box itself.
  await page.getByRole('checkbox', { name: /Je ne suis pas un robot/ }).click({ force: true });
  await expect(page.getByText('Vérifié')).toBeVisible({ timeout: 20_000 });
}

/** The path of the first link to `pathPrefix` in a new email to `to`. */
export async function waitForEmailLink(
  page: Page,
  known: ReadonlySet<string>,
  to: string,
  pathPrefix: string,
): Promise<string> {
  const mail = await waitForNewMessage(
    page,
    known,
    (m) => m.channel === 'email' && m.to === to && m.text.includes(pathPrefix),
  );
  const url = new RegExp(`https?://\\S+${pathPrefix}\\S+`).exec(mail.text)?.[0];
  expect(url, `a link to ${pathPrefix} in the email`).toBeTruthy();
  return new URL(url!).pathname;
}

export async function outboxIds(page: Page): Promise<Set<string>> {
  return new Set((await readOutbox(page)).map((m) => m.id));
}

/** `GET path` with the page's cookies; fails the test unless the answer is 2xx. */
export async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.ok(), `GET ${path}`).toBe(true);
  return (await response.json()) as T;
}

/** A smallest well-formed PDF: the server checks the first bytes (`%PDF-`). */
export function pdf(title: string): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
      `% ${title}`,
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

/** `text` as a regular expression matching it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Types `companyName` in a back office's company picker and chooses its « Nom — SIREN … ». */
export async function pickCompany(picker: Locator, companyName: string): Promise<void> {
  await picker.click();
  await picker.fill(companyName);
  await picker
    .page()
    .getByRole('option', { name: new RegExp(`^${escapeRegExp(companyName)} — SIREN`) })
    .click();
}

/**
 * Types an ISO date (« 1990-05-14 ») into one of the portal's French date fields as a person
 * would (« 14/05/1990 »), closes its calendar, and checks the field shows it day first.
 */
export async function fillDate(field: Locator, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-');
  const french = `${day}/${month}/${year}`;
  await field.fill(french);
  await field.press('Escape');
  await expect(field).toHaveValue(french);
}
