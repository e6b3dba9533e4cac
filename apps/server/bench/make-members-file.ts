/**
 * Writes the files of a first load for the reference-data import's benchmark:
 *
 *   npx tsx apps/server/bench/make-members-file.ts --members 100000 --establishments 1000 --out /tmp/load [--seed 7]
 *
 * → entreprises.csv (3 companies), etablissements.csv, contrats.csv (one per collège) and
 * assures.csv (the members, one row per coverage: one or two each), in the import's columns,
 * with the demo seed's generators (valid SIREN/SIRET/NIR with their keys, realistic dates).
 * Then, against an empty database:
 *
 *   for k in companies:entreprises establishments:etablissements contracts:contrats; do
 *     npm run cli -- import /tmp/load/${k#*:}.csv --kind ${k%%:*}; done
 *   time npm run cli -- import /tmp/load/assures.csv --kind members
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatFrenchDate, todayIsoDate } from '@affilia/shared/validators/dates';
import type { StaffCategory } from '../src/db/schema';
import { DEMO_COMPANIES } from '../src/db/seed/content';
import { COLUMNS } from '../src/modules/reference-data/import-parse';
import {
  CITIES,
  CONTRACT_OPTIONS,
  contractLabel,
  contractNumber,
  createNirGenerator,
  createRng,
  makeCoverages,
  makePerson,
  makeSiren,
  makeSiret,
  makeStreet,
  pickProfessionalStatus,
  withNirKey,
} from '../src/db/seed/generators';

const COLLEGES = { cadre: 'Cadre', non_cadre: 'Non cadre', all: 'Ensemble du personnel' };

function field(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function writeCsv(file: string, rows: string[][]): void {
  fs.writeFileSync(file, `${rows.map((r) => r.map(field).join(';')).join('\r\n')}\r\n`, 'utf8');
}

function main(): void {
  const { values } = parseArgs({
    options: {
      members: { type: 'string', default: '100000' },
      establishments: { type: 'string', default: '1000' },
      out: { type: 'string', default: 'bench-load' },
      seed: { type: 'string', default: '7' },
    },
  });
  const members = Number(values.members);
  const establishments = Math.max(3, Number(values.establishments));
  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
  fs.mkdirSync(out, { recursive: true });
  const rng = createRng(Number(values.seed));
  const nirs = createNirGenerator(rng);
  const today = todayIsoDate();

  const companies = DEMO_COMPANIES.map((def, i) => ({
    def,
    siren: makeSiren(rng),
    establishments: Math.max(
      1,
      Math.floor(establishments / DEMO_COMPANIES.length) +
        (i === 0 ? establishments % DEMO_COMPANIES.length : 0),
    ),
  }));

  writeCsv(path.join(out, 'entreprises.csv'), [
    ['SIREN', 'Raison sociale', 'Identifiant entreprise', 'CCN', 'IDCC'],
    ...companies.map((c) => [c.siren, c.def.name, c.def.identifier, 'Immobilier', '1527']),
  ]);

  const sirets: { siret: string; company: (typeof companies)[number] }[] = [];
  const establishmentRows: string[][] = [
    ['SIRET', 'SIREN', 'Nom', 'Adresse', 'Code postal', 'Ville', 'Identifiant établissement'],
  ];
  for (const c of companies) {
    for (let j = 1; j <= c.establishments; j += 1) {
      const city = CITIES[j % CITIES.length] ?? CITIES[0];
      const siret = makeSiret(c.siren, j);
      sirets.push({ siret, company: c });
      establishmentRows.push([
        siret,
        c.siren,
        `${c.def.name} ${city?.city ?? ''} ${j}`,
        makeStreet(rng),
        city?.postalCode ?? '75001',
        city?.city ?? 'Paris',
        `${c.def.identifier}-${String(j).padStart(4, '0')}`,
      ]);
    }
  }
  writeCsv(path.join(out, 'etablissements.csv'), establishmentRows);

  const options = CONTRACT_OPTIONS.map((o) => `${o.code}=${o.label}`).join(' | ');
  writeCsv(path.join(out, 'contrats.csv'), [
    ['Numéro de contrat', 'SIREN', 'Libellé', 'Collège', 'Options', 'Date de début', 'Date de fin'],
    ...companies.flatMap((c) =>
      c.def.categories.map((category) => [
        contractNumber(c.def.identifier, category),
        c.siren,
        contractLabel(category),
        COLLEGES[category],
        options,
        formatFrenchDate(c.def.contractStart),
        '',
      ]),
    ),
  ]);

  // Every column of the members' template, in its order.
  const memberRows: string[][] = [COLUMNS.members.map((c) => c.header)];
  for (let i = 0; i < members; i += 1) {
    const { siret, company } = rng.pick(sirets);
    const categories: readonly StaffCategory[] = company.def.categories;
    let status = pickProfessionalStatus(rng);
    // A contract of the member's collège, or the whole staff's.
    if (!categories.includes(status) && !categories.includes('all')) {
      status = categories[0] === 'cadre' ? 'cadre' : 'non_cadre';
    }
    const number = contractNumber(
      company.def.identifier,
      categories.includes(status) ? status : 'all',
    );
    const person = makePerson(rng, nirs, { today });
    for (const coverage of makeCoverages(rng, {
      today,
      contractStart: company.def.contractStart,
      birthDate: person.birthDate,
    })) {
      memberRows.push([
        withNirKey(person.nir),
        person.lastName,
        person.firstName,
        formatFrenchDate(person.birthDate),
        siret,
        COLLEGES[status],
        number,
        coverage.optionCode,
        formatFrenchDate(coverage.effectiveDate),
        coverage.endDate ? formatFrenchDate(coverage.endDate) : '',
      ]);
    }
  }
  writeCsv(path.join(out, 'assures.csv'), memberRows);
  console.log(
    `make-members-file — ${companies.length} entreprises, ${sirets.length} établissements, ${members} assurés (${memberRows.length - 1} lignes de couverture) dans ${out}`,
  );
}

main();
