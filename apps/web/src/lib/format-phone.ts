/** « 06 12 34 56 78 » for a French mobile, the number as stored otherwise. */
export function formatPhone(e164: string | null): string {
  if (!e164) return '—';
  const french = /^\+33([67]\d{8})$/.exec(e164);
  if (!french) return e164;
  return `0${french[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
}
