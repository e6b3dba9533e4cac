import type { FormErrors } from '@mantine/form';
import { schemaResolver } from '@mantine/form';
import type { z } from 'zod';
// Every zod message in French (issue 14 #14), installed before any form validates — here rather
// than in main.tsx, so that zod is not on the first load of every page.
import '@affilia/shared/validators/zod-errors';

/**
 * Validates a @mantine/form with a shared zod schema (the same one the API route uses), so the
 * form and the server never disagree. Each issue's French message lands on its field path
 * (`email`, `children.0.birthDate`…); the first issue of a field wins.
 *
 * zod 4 implements Standard Schema, which Mantine's `schemaResolver` reads; this wrapper pins the
 * synchronous mode `useForm({ validate })` expects and keeps the schema typed.
 */
export function zodResolver<Schema extends z.ZodType>(
  schema: Schema,
): (values: unknown) => FormErrors {
  return schemaResolver(schema, { sync: true });
}
