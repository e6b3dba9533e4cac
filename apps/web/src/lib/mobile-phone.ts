import type { FormEvent } from 'react';
import type { ParseResult } from '@affilia/shared/validators/result';
import { parsedString } from '@affilia/shared/validators/zod';

type Check = (input: string) => ParseResult;

let check: Check | null = null;
let loading: Promise<Check> | null = null;

/**
 * Loads the shared check of a mobile number (validators/phone.ts, `parseMobilePhone`: with
 * libphonenumber's metadata, about 46 KB compressed) — when the person starts filling a form
 * that asks for a number (`onFocus` of the form), not with the page.
 */
export function loadPhoneCheck(): Promise<Check> {
  loading ??= import('@affilia/shared/validators/phone').then((m) => (check = m.parseMobilePhone));
  return loading;
}

/**
 * The form's mobile number: the shared rule once loaded, nothing before — a submit waits for it
 * (`afterPhoneCheck`), and the server applies the same rule to what it receives.
 */
export const FormMobilePhoneSchema = parsedString((input) =>
  check ? check(input) : { ok: true, value: input },
);

/**
 * A form's submit handler (`form.onSubmit(…)`) that, when the phone check has not arrived yet,
 * waits for it before validating: a form is never sent with a number the check did not see.
 */
export function afterPhoneCheck(
  submit: (event?: FormEvent<HTMLFormElement>) => void,
): (event?: FormEvent<HTMLFormElement>) => void {
  return (event) => {
    if (check) return submit(event);
    event?.preventDefault();
    void loadPhoneCheck().then(() => submit());
  };
}
