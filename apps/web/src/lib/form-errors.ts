import { isApiError } from './api';

/** What the user reads when an answer is not the API's error shape (network, bug). */
export const UNEXPECTED_ERROR =
  'La demande n’a pas pu aboutir. Veuillez réessayer dans quelques instants.';

/**
 * Moves the focus to the first invalid field of a form (the element or its id), once React has
 * shown the errors
 * (Mantine marks an input in error with `aria-invalid="true"`; a custom field can carry
 * `data-focus-on-error`).
 */
export function focusFirstInvalid(form: HTMLFormElement | string | null | undefined): void {
  if (!form) return;
  // The errors are set in the same tick; React shows them on one of the next frames, and a form
  // sent to the server is disabled until its answer is shown. Try for a few frames, until the
  // invalid field exists, is enabled and really has the focus.
  let frames = 0;
  const attempt = () => {
    const element = typeof form === 'string' ? document.getElementById(form) : form;
    // Mantine's PasswordInput marks its inner input with data-invalid only.
    const target = element?.querySelector<HTMLElement>(
      'input[data-invalid="true"], textarea[data-invalid="true"], [aria-invalid="true"], [data-focus-on-error="true"]',
    );
    target?.focus();
    if ((!target || document.activeElement !== target) && ++frames < 20) {
      window.requestAnimationFrame(attempt);
    }
  };
  window.requestAnimationFrame(attempt);
}

/** The French message of an error for an alert. */
export function errorMessage(error: unknown): string {
  return isApiError(error) ? error.message : UNEXPECTED_ERROR;
}

/** The server's per-field messages, or none. */
export function fieldErrors(error: unknown): Record<string, string> {
  return isApiError(error) && error.fields ? error.fields : {};
}

/**
 * The server's messages next to their fields, and the focus on the first of them; false when the
 * error is not about the form's fields.
 */
export function showFieldErrors(
  form: { setErrors: (errors: Record<string, string>) => void },
  formId: string,
  error: unknown,
): boolean {
  const fields = fieldErrors(error);
  if (Object.keys(fields).length === 0) return false;
  form.setErrors(fields);
  focusFirstInvalid(formId);
  return true;
}

/** The stable error code of an API answer, or null. */
export function errorCode(error: unknown): string | null {
  return isApiError(error) ? error.code : null;
}
