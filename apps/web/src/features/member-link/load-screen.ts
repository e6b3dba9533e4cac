/**
 * The beneficiaries screen's code (the fields, the calendar, zod): loaded once the birth date
 * has opened the link — and while it is being checked — so that the first screen carries the
 * birth date field alone.
 */
export const loadBeneficiariesScreen = () => import('./components/beneficiaries-screen');
