/**
 * The demo's dispenses d'affiliation (issue 19), made through the application's own services
 * and commands as the employees, the demo administrator and the demo « gestionnaire » would, at
 * the dates they would have (a manual clock set back for the older ones), once the rest of the
 * demo is written. At Valmont Immobilier (the administrator's company), Lyon Brotteaux:
 * - Inès Moreau asks online today, « couverture individuelle en cours » with her insurer's
 *   attestation: waiting in the back office's « Dispenses » queue;
 * - Théo Garnier, dispensed a year ago as « couvert au titre d'un autre emploi »: his yearly
 *   proof is due in three weeks, the renewal job reminded him (the email with his link in the
 *   development mailbox) and the employer (« À renouveler »);
 * - Chloé Fontaine, dispensed five months ago until her individual contract's due date, ten days
 *   ago: the job expired it (the home page's pending action « Affilier »);
 * - Yanis Haddad's paper request (complémentaire santé solidaire), recorded by the administrator
 *   with the signed form and the proof, validated.
 * Valmont's non-cadre contract provides the founding-act case « CDD de moins de 12 mois ».
 */
import type { DispenseCaseCode } from '@affilia/shared/domain/dispense';
import { addMonths } from '@affilia/shared/domain/radiation';
import { DispenseSubmitSchema } from '@affilia/shared/schemas/dispenses';
import { PreAffiliationSchema } from '@affilia/shared/schemas/affiliations';
import { requestDispense } from '../../commands/request-dispense';
import { runDispenseRenewals } from '../../jobs/dispense-jobs';
import { storeCheckedProof } from '../../lib/checked-file';
import { ManualClock, parisDate, parisDayStart } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import { renderPdf } from '../../lib/pdf';
import { staffActor, type EmployerActor, type StaffActor } from '../../lib/policies';
import type { RequestMeta } from '../../lib/request-meta';
import { loadRequest } from '../../modules/affiliations/affiliations.repository';
import { createAffiliation } from '../../modules/affiliations/affiliations.service';
import { decideDispense } from '../../modules/dispenses/backoffice-dispenses.service';
import { addDispenseProof } from '../../modules/enrolment/dispense-form';
import { submitDispense } from '../../modules/enrolment/dispense-submit';
import { getBranding } from '../../modules/settings/settings.service';
import { findAccountByEmail, loadEmployerActor } from '../../modules/users/users.repository';
import { demoAccount, type DemoAccountKey } from './demo-accounts';
import { addDays, createNirGenerator, createRng, makeEmail, type Sex } from './generators';

const META: RequestMeta = { ip: '127.0.0.1', userAgent: 'Données de démonstration' };
const COMPANY = 'Valmont Immobilier';
const ESTABLISHMENT = 'Valmont Immobilier Lyon Brotteaux';
/** The founding-act case the demo's non-cadre contract provides (CSS art. R242-1-6, 2° b). */
const CONTRACT_CASE: DispenseCaseCode = 'short_fixed_term_no_cover';

interface Person {
  firstName: string;
  lastName: string;
  sex: Sex;
  birthDate: string;
  email: boolean;
}

interface Demo {
  ctx: AppContext;
  today: string;
  admin: EmployerActor;
  manager: StaffActor;
  establishmentId: string;
  nirs: ReturnType<typeof createNirGenerator>;
}

/** The application's context on another day (the services read « now » from its clock). */
function on(ctx: AppContext, day: string, hour = 10): AppContext {
  const at = new Date(parisDayStart(day).getTime() + hour * 3600_000);
  return { ...ctx, clock: new ManualClock(at) };
}

async function account(ctx: AppContext, key: DemoAccountKey) {
  const user = await findAccountByEmail(ctx.db, demoAccount(key).email);
  if (!user) throw new Error(`demo dispenses: no ${key}`);
  return user;
}

/** A small PDF, as an employee's scanned attestation would be. */
async function attestation(ctx: AppContext, title: string, lines: string[]): Promise<Buffer> {
  const branding = await getBranding(ctx);
  return renderPdf(
    {
      title,
      subtitle: 'Document fictif de démonstration',
      blocks: [{ kind: 'paragraph', text: lines.join('\n') }],
    },
    { brandName: 'Assureur de démonstration', primaryColor: branding.primaryColor },
    ctx.clock.now(),
  );
}

/** « Pré-affiliation » by the administrator on `ctx`'s day, affiliated from `affiliationDate`. */
async function preAffiliate(demo: Demo, ctx: AppContext, person: Person, affiliationDate: string) {
  const input = PreAffiliationSchema.parse({
    establishmentId: demo.establishmentId,
    professionalStatus: 'non_cadre',
    alreadyAffiliated: false,
    lastName: person.lastName,
    firstName: person.firstName,
    email: person.email ? makeEmail(person.firstName, person.lastName, 0) : undefined,
    nir: demo.nirs.next(person.sex, person.birthDate),
    birthDate: person.birthDate,
    hireDate: affiliationDate,
    affiliationDate,
    employmentContractType: 'cdi',
    employmentStartDate: affiliationDate,
    confirmNirWarning: true,
  });
  const { id } = await createAffiliation(ctx, demo.admin, input, META);
  return loadRequest(ctx.db, id);
}

/** The employee's online request through their form: the proof uploaded, then sent. */
async function askOnline(
  ctx: AppContext,
  request: Awaited<ReturnType<typeof loadRequest>>,
  fields: { caseCode: DispenseCaseCode; otherPlanType?: string; justificationEndDate?: string },
  proof: { title: string; lines: string[]; fileName: string },
) {
  await addDispenseProof(ctx, request, {
    bytes: await attestation(ctx, proof.title, proof.lines),
    fileName: proof.fileName,
  });
  const { dispense } = await submitDispense(
    ctx,
    request,
    DispenseSubmitSchema.parse({ ...fields, sworn: true }),
    META,
  );
  return dispense;
}

export async function seedDemoDispenses(ctx: AppContext): Promise<void> {
  const today = parisDate(ctx.clock.now());
  const establishment = await ctx.db
    .selectFrom('establishments as e')
    .innerJoin('companies as c', 'c.id', 'e.company_id')
    .select(['e.id', 'e.company_id'])
    .where('c.name', '=', COMPANY)
    .where('e.name', '=', ESTABLISHMENT)
    .executeTakeFirstOrThrow();
  await ctx.db
    .updateTable('contracts')
    .set({ dispense_cases: JSON.stringify([CONTRACT_CASE]) })
    .where('company_id', '=', establishment.company_id)
    .where('staff_category', '=', 'non_cadre')
    .execute();
  const demo: Demo = {
    ctx,
    today,
    admin: await loadEmployerActor(ctx.db, await account(ctx, 'employerAdmin')),
    manager: staffActor(await account(ctx, 'staffManager'), META),
    establishmentId: establishment.id,
    nirs: createNirGenerator(createRng(1919)),
  };
  await paperDispense(demo);
  await expiredDispense(demo);
  await renewalDueDispense(demo);
  await requestedDispense(demo);
  // The reminders and expiries of today, as the daily job makes them.
  await runDispenseRenewals(ctx, ctx.clock.now());
}

/** Asked today, waiting for the insurer. */
async function requestedDispense(demo: Demo) {
  const { ctx, today } = demo;
  const person: Person = {
    firstName: 'Inès',
    lastName: 'Moreau',
    sex: 2,
    birthDate: '1994-04-18',
    email: true,
  };
  const request = await preAffiliate(demo, on(ctx, addDays(today, -3)), person, today);
  await askOnline(
    ctx,
    request,
    { caseCode: 'individual_cover', justificationEndDate: addMonths(today, 8) },
    {
      title: 'Attestation d’assurance complémentaire santé individuelle',
      lines: [
        `Assurée : ${person.firstName} ${person.lastName}`,
        'Contrat responsable n° IND-2291-784',
        `Date d’échéance : ${addMonths(today, 8)}`,
      ],
      fileName: 'attestation-contrat-individuel.pdf',
    },
  );
}

/** Validated a year ago, « autre emploi » (fonction publique): its yearly proof due in 3 weeks. */
async function renewalDueDispense(demo: Demo) {
  const effective = addDays(addMonths(demo.today, -12), 21);
  const asked = on(demo.ctx, addDays(effective, -6));
  const person: Person = {
    firstName: 'Théo',
    lastName: 'Garnier',
    sex: 1,
    birthDate: '1988-11-02',
    email: true,
  };
  const request = await preAffiliate(demo, on(demo.ctx, addDays(effective, -8)), person, effective);
  const dispense = await askOnline(
    asked,
    request,
    { caseCode: 'multi_employer', otherPlanType: 'public_service' },
    {
      title: 'Attestation d’affiliation au régime de la fonction publique territoriale',
      lines: [`Agent : ${person.firstName} ${person.lastName}`, 'Affilié pour l’année en cours'],
      fileName: 'attestation-fonction-publique.pdf',
    },
  );
  await decideDispense(on(demo.ctx, addDays(effective, -3)), demo.manager, dispense.id, {
    kind: 'validate',
  });
}

/** Validated five months ago until the individual contract's due date, ten days ago: expired. */
async function expiredDispense(demo: Demo) {
  const effective = addMonths(demo.today, -5);
  const endDate = addDays(demo.today, -10);
  const person: Person = {
    firstName: 'Chloé',
    lastName: 'Fontaine',
    sex: 2,
    birthDate: '1991-07-23',
    email: true,
  };
  const request = await preAffiliate(demo, on(demo.ctx, addDays(effective, -7)), person, effective);
  const dispense = await askOnline(
    on(demo.ctx, addDays(effective, -5)),
    request,
    { caseCode: 'individual_cover', justificationEndDate: endDate },
    {
      title: 'Attestation d’assurance complémentaire santé individuelle',
      lines: [`Assurée : ${person.firstName} ${person.lastName}`, `Date d’échéance : ${endDate}`],
      fileName: 'attestation-individuelle.pdf',
    },
  );
  await decideDispense(on(demo.ctx, addDays(effective, -2)), demo.manager, dispense.id, {
    kind: 'validate',
  });
  // The job of 25 days before the end reminded her (and the employer) then.
  const reminded = on(demo.ctx, addDays(endDate, -25), 2);
  await runDispenseRenewals(reminded, reminded.clock.now());
}

/** A signed paper request (CSS) recorded by the administrator two months ago, validated. */
async function paperDispense(demo: Demo) {
  const { ctx, today } = demo;
  const effective = addMonths(today, -2);
  const person: Person = {
    firstName: 'Yanis',
    lastName: 'Haddad',
    sex: 1,
    birthDate: '1979-02-09',
    email: false,
  };
  const recorded = on(ctx, addDays(effective, 4));
  const request = await preAffiliate(demo, on(ctx, addDays(effective, -2)), person, effective);
  const file = async (kind: 'proof' | 'signed_request', title: string, fileName: string) => ({
    kind,
    ...(await storeCheckedProof(ctx.storage, {
      bytes: await attestation(ctx, title, [`Salarié : ${person.firstName} ${person.lastName}`]),
      fileName,
    })),
  });
  const dispense = await requestDispense(recorded, {
    request,
    fields: {
      caseCode: 'css',
      otherPlanType: null,
      justificationEndDate: addMonths(today, 7),
    },
    origin: 'paper',
    actor: { kind: 'employer', userId: demo.admin.user.id },
    signedOn: addDays(effective, 1),
    files: [
      await file('signed_request', 'Demande de dispense d’adhésion signée', 'demande-signee.pdf'),
      await file('proof', 'Attestation de droits à la complémentaire santé solidaire', 'css.pdf'),
    ],
    meta: META,
  });
  await decideDispense(on(ctx, addDays(effective, 6)), demo.manager, dispense.id, {
    kind: 'validate',
  });
}
