import { beforeAll, describe, expect, it } from 'vitest';
import { browser, errorOf, lastLinkSentTo, signInAs, useTestApp } from '../../../test/helper';
import { solveCaptcha } from '../../../test/captcha';
import {
  createCompany,
  createEmployerUser,
  createEstablishment,
  publishTerms,
} from '../../../test/factories';
import { EMAIL_CONFIRMATION_TTL_MS } from './activation.service';

const t = useTestApp();
let termsId: string;
beforeAll(async () => {
  termsId = (await publishTerms(t.ctx.db)).id;
});

const PASSWORD = 'Marronnier-Pervenche-58';

async function freeEstablishment() {
  const company = await createCompany(t.ctx.db, { name: 'Agence Horizon Test' });
  const establishment = await createEstablishment(t.ctx.db, company, { name: 'Agence de Lyon' });
  return { company, establishment };
}

async function identify(b: ReturnType<typeof browser>, siret: string, companyIdentifier: string) {
  return b.post('/api/auth/activation/identify', {
    siret,
    companyIdentifier,
    captcha: await solveCaptcha(t.app),
  });
}

describe('« Activer mon espace »', () => {
  it('goes from the SIRET to a confirmed first administrator who can sign in', async () => {
    const { company, establishment } = await freeEstablishment();
    const b = browser(t.app);
    // A SIRET pasted with spaces, an identifier in lower case: both are normalised.
    const spaced = establishment.siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');
    const step1 = await identify(b, spaced, company.insurer_company_identifier.toLowerCase());
    expect(step1.statusCode).toBe(200);
    const { ticket, establishmentName, companyName } = step1.json<{
      ticket: string;
      establishmentName: string;
      companyName: string;
    }>();
    expect(establishmentName).toBe('Agence de Lyon');
    expect(companyName).toBe('Agence Horizon Test');

    const account = {
      ticket,
      lastName: 'Lefèvre',
      firstName: 'Eugénie',
      email: 'Eugenie.Lefevre@Agence-Horizon.fr',
      mobilePhone: '06 12 34 56 78',
      password: PASSWORD,
      termsVersionId: termsId,
      acceptTerms: true,
    };
    const done = await b.post('/api/auth/activation/complete', account);
    expect(done.statusCode).toBe(201);
    expect(done.json()).toEqual({ email: 'eugenie.lefevre@agence-horizon.fr' });

    const user = await t.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'eugenie.lefevre@agence-horizon.fr')
      .executeTakeFirstOrThrow();
    expect(user.mobile_phone).toBe('+33612345678');
    expect(user.email_verified_at).toBeNull();
    const role = await t.ctx.db
      .selectFrom('user_company_roles')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(role).toMatchObject({ company_id: company.id, role: 'admin' });
    const acceptance = await t.ctx.db
      .selectFrom('terms_acceptances')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(acceptance).toMatchObject({
      terms_version_id: termsId,
      accepted_at: t.clock.now().toISOString(),
    });

    // No sign-in before the address is confirmed.
    const early = await b.post('/api/auth/sign-in', { email: user.email, password: PASSWORD });
    expect(errorOf(early).code).toBe('email_not_confirmed');

    const link = await lastLinkSentTo(t.ctx, user.email);
    const token = link.split('/confirmer-email/')[1]!;
    expect(link).toContain(`${t.config.publicUrl}/confirmer-email/`);
    const confirmed = await b.post('/api/auth/email/confirm', { token });
    expect(confirmed.statusCode).toBe(200);
    const again = await b.post('/api/auth/email/confirm', { token });
    expect(again.statusCode).toBe(410);
    expect(errorOf(again).code).toBe('link_used');

    await signInAs(b, t.ctx, {
      email: user.email,
      password: PASSWORD,
      mobile_phone: user.mobile_phone,
    });
    expect((await b.get('/api/auth/me')).json()).toMatchObject({
      firstName: 'Eugénie',
      companies: [{ id: company.id, role: 'admin' }],
    });
  });

  it('never says which of the two numbers is wrong', async () => {
    const { company, establishment } = await freeEstablishment();
    const other = await freeEstablishment();
    const b = browser(t.app);
    const wrongIdentifier = await identify(
      b,
      establishment.siret,
      other.company.insurer_company_identifier,
    );
    const unknownSiret = await identify(b, '73282932000074', company.insurer_company_identifier);
    expect(wrongIdentifier.statusCode).toBe(400);
    expect(errorOf(wrongIdentifier).code).toBe('activation_mismatch');
    expect(errorOf(unknownSiret).message).toBe(errorOf(wrongIdentifier).message);
  });

  it('checks the SIRET checksum and the captcha', async () => {
    const { company } = await freeEstablishment();
    const b = browser(t.app);
    const bad = await identify(b, '73282932000079', company.insurer_company_identifier);
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).fields?.siret).toMatch(/SIRET/);
    const noCaptcha = await b.post('/api/auth/activation/identify', {
      siret: '73282932000074',
      companyIdentifier: company.insurer_company_identifier,
      captcha: 'forged',
    });
    expect(errorOf(noCaptcha).code).toBe('captcha_invalid');
  });

  it('is refused when the company already has an active administrator', async () => {
    const { company, establishment } = await freeEstablishment();
    await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
    const res = await identify(
      browser(t.app),
      establishment.siret,
      company.insurer_company_identifier,
    );
    expect(res.statusCode).toBe(409);
    expect(errorOf(res)).toMatchObject({
      code: 'activation_admin_exists',
      message: expect.stringMatching(/administrateur/),
    });
  });

  it('refuses a weak password, missing terms, and a taken email, writing nothing', async () => {
    const { company, establishment } = await freeEstablishment();
    const b = browser(t.app);
    const { ticket } = (
      await identify(b, establishment.siret, company.insurer_company_identifier)
    ).json<{ ticket: string }>();
    const base = {
      ticket,
      lastName: 'Roux',
      firstName: 'Paul',
      email: 'paul.roux@exemple.fr',
      mobilePhone: '0611223344',
      termsVersionId: termsId,
      acceptTerms: true,
      password: PASSWORD,
    };
    const weak = await b.post('/api/auth/activation/complete', {
      ...base,
      password: 'motdepasse123',
    });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).fields?.password).toMatch(/facile|caractères/);
    const noTerms = await b.post('/api/auth/activation/complete', { ...base, acceptTerms: false });
    expect(noTerms.statusCode).toBe(400);
    expect(errorOf(noTerms).fields?.acceptTerms).toMatch(/conditions/);
    const existing = await createEmployerUser(t.ctx.db, []);
    const taken = await b.post('/api/auth/activation/complete', { ...base, email: existing.email });
    expect(errorOf(taken).code).toBe('email_taken');
    const forged = await b.post('/api/auth/activation/complete', {
      ...base,
      ticket: `${ticket.split('.')[0]}.deadbeef`,
    });
    expect(errorOf(forged).code).toBe('activation_ticket_invalid');
    const users = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'paul.roux@exemple.fr')
      .execute();
    expect(users).toHaveLength(0);
  });

  it('shows a clear answer for an expired confirmation link', async () => {
    const { company, establishment } = await freeEstablishment();
    const b = browser(t.app);
    const { ticket } = (
      await identify(b, establishment.siret, company.insurer_company_identifier)
    ).json<{ ticket: string }>();
    await b.post('/api/auth/activation/complete', {
      ticket,
      lastName: 'Noël',
      firstName: 'Inès',
      email: 'ines.noel@exemple.fr',
      mobilePhone: '0611223355',
      termsVersionId: termsId,
      acceptTerms: true,
      password: PASSWORD,
    });
    const token = (await lastLinkSentTo(t.ctx, 'ines.noel@exemple.fr')).split(
      '/confirmer-email/',
    )[1]!;
    t.clock.advance(EMAIL_CONFIRMATION_TTL_MS + 1000);
    const res = await b.post('/api/auth/email/confirm', { token });
    expect(res.statusCode).toBe(410);
    expect(errorOf(res).code).toBe('link_expired');
    expect(errorOf(await b.post('/api/auth/email/confirm', { token: 'x'.repeat(43) })).code).toBe(
      'link_invalid',
    );
    // A new link can be asked for; the answer does not depend on the address.
    expect(
      (await b.post('/api/auth/email/resend-confirmation', { email: 'ines.noel@exemple.fr' }))
        .statusCode,
    ).toBe(202);
    expect(
      (await b.post('/api/auth/email/resend-confirmation', { email: 'personne@exemple.fr' }))
        .statusCode,
    ).toBe(202);
    const fresh = (await lastLinkSentTo(t.ctx, 'ines.noel@exemple.fr')).split(
      '/confirmer-email/',
    )[1]!;
    expect(fresh).not.toBe(token);
    expect((await b.post('/api/auth/email/confirm', { token: fresh })).statusCode).toBe(200);
  });
});
