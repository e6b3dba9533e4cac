/**
 * The enrolment form's code (its fields, the calendar, the attachments, the summary): loaded once
 * the birth date has opened the form — and while it is being checked — so that the first screen
 * an employee sees on a phone carries the birth date field alone.
 */
export const loadEnrolmentForm = () => import('./components/enrolment-form');
