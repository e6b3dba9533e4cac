import { useLayoutEffect, useRef } from 'react';
import type { FormErrors, UseFormInput, UseFormReturnType } from '@mantine/form';
// The one place that calls Mantine's hook: every form goes through useAppForm (eslint enforces it).
// eslint-disable-next-line no-restricted-imports
import { useForm } from '@mantine/form';

/** The value at a dotted path (`children.0.birthDate`) of a form's values. */
export function valueAt(values: unknown, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * The fields in error whose value just changed: they are checked again at once, so that an error
 * goes away as soon as its field becomes valid (and says what is still wrong otherwise). A field
 * without an error is not checked while typing: errors appear on submit (or on blur where a form
 * asks for it), never under a field the user has not reached yet.
 */
export function changedFieldsInError(
  errors: FormErrors,
  values: unknown,
  previous: unknown,
): string[] {
  return Object.keys(errors).filter(
    (path) => errors[path] != null && valueAt(values, path) !== valueAt(previous, path),
  );
}

/**
 * The portal's forms: Mantine's `useForm`, controlled, where a field's error is checked again each
 * time the field changes (issue 14 #16): the error clears the moment the field becomes valid, the
 * same way in every form. A server error on a field without a rule in the form clears when the
 * field changes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Mantine's own bound for values
export function useAppForm<Values extends Record<string, any>, Transformed = Values>(
  input: UseFormInput<Values, Transformed> = {},
): UseFormReturnType<Values, Transformed> {
  const formRef = useRef<UseFormReturnType<Values, Transformed> | null>(null);
  const { onValuesChange, ...rest } = input;
  const form: UseFormReturnType<Values, Transformed> = useForm<Values, Transformed>({
    mode: 'controlled',
    ...rest,
    // Checked again below rather than cleared: an error stays while the field is still invalid.
    clearInputErrorOnChange: false,
    onValuesChange: (values, previous) => {
      onValuesChange?.(values, previous);
      const current = formRef.current;
      if (!current) return;
      for (const path of changedFieldsInError(current.errors, values, previous)) {
        current.validateField(path);
      }
    },
  });
  // The latest render's form (its errors), for the next change.
  useLayoutEffect(() => {
    formRef.current = form;
  });
  return form;
}
