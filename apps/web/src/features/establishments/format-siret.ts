/** « 356 000 000 00048 »: a SIRET as printed on letters (one formatter, in the shared package). */
export { formatSiret } from '@affilia/shared/validators/siret';
