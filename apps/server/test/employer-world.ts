import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  publishTerms,
} from './factories';
import { browser, signInAs, type TestApp } from './helper';

/**
 * The usual world of an employer API test: a company with two establishments (« Lyon »,
 * « Paris ») and a contract, another company with its establishment and contract, and three
 * signed-in browsers — the company's « Administrateur », an « Utilisateur » restricted to one
 * establishment (`restrictedTo`, Paris by default) and another company's administrator.
 * `ip` is the first of the three addresses used (192.0.2.<ip>, +1, +2).
 */
export async function employerWorld(
  t: TestApp,
  opts: { name: string; ip: number; restrictedTo?: 'lyon' | 'paris' },
) {
  const db = t.ctx.db;
  await publishTerms(db);
  const company = await createCompany(db, { name: opts.name });
  const lyon = await createEstablishment(db, company, { name: `${opts.name} Lyon` });
  const paris = await createEstablishment(db, company, { name: `${opts.name} Paris` });
  const otherCompany = await createCompany(db, { name: `Autre que ${opts.name}` });
  const otherEstablishment = await createEstablishment(db, otherCompany);
  const contract = await createContract(db, company);
  const otherContract = await createContract(db, otherCompany);
  const adminUser = await createEmployerUser(db, [{ company, role: 'admin' }]);
  const restrictedUser = await createEmployerUser(db, [
    { company, role: 'user', establishments: [opts.restrictedTo === 'lyon' ? lyon : paris] },
  ]);
  const otherUser = await createEmployerUser(db, [{ company: otherCompany, role: 'admin' }]);
  const signedIn = async (user: Parameters<typeof signInAs>[2], n: number) => {
    const b = browser(t.app, { ip: `192.0.2.${opts.ip + n}` });
    await signInAs(b, t.ctx, user);
    return b;
  };
  return {
    company,
    lyon,
    paris,
    otherCompany,
    otherEstablishment,
    contract,
    otherContract,
    adminUser,
    admin: await signedIn(adminUser, 0),
    restricted: await signedIn(restrictedUser, 1),
    other: await signedIn(otherUser, 2),
  };
}
export type EmployerWorld = Awaited<ReturnType<typeof employerWorld>>;
