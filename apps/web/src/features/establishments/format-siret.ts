/** « 356 000 000 00048 »: a SIRET as printed on letters (SIREN by threes, then the NIC). */
export function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret)
    ? siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4')
    : siret;
}
