import fp from 'fastify-plugin';
import { z } from 'zod';
import { loadPasswordEvaluator } from '@affilia/shared/domain/password-policy';
import { NewPasswordSchema } from '@affilia/shared/schemas/auth';

/**
 * Whether a request body's schema holds a new password (`NewPasswordSchema`): in an object's
 * fields, through optional, nullable, default, pipe, union and intersection.
 */
export function holdsNewPassword(schema: unknown): boolean {
  if (schema === NewPasswordSchema) return true;
  if (schema instanceof z.ZodObject) {
    return Object.values(schema.shape).some(holdsNewPassword);
  }
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault
  ) {
    return holdsNewPassword(schema.unwrap());
  }
  if (schema instanceof z.ZodPipe) return holdsNewPassword(schema.in);
  if (schema instanceof z.ZodUnion) return schema.options.some(holdsNewPassword);
  if (schema instanceof z.ZodIntersection) {
    return holdsNewPassword(schema.def.left) || holdsNewPassword(schema.def.right);
  }
  return false;
}

async function loadPasswordEstimator(): Promise<void> {
  await loadPasswordEvaluator();
}

/**
 * The password estimator (zxcvbn-ts and its dictionaries, about 12 MB of memory) loads with the
 * first request that chooses a password — sign-up (activation), invitation, reset, change of
 * password — not at start: every route whose body holds `NewPasswordSchema` loads it before its
 * body is validated, so that the schema applies the whole policy (strength included) from the
 * first request on. The services then evaluate with the user's names (`loadPasswordEvaluator()`).
 * Registered before the routes: it hooks each route as it is declared.
 */
export const passwordPolicyPlugin = fp(async (app) => {
  app.addHook('onRoute', (route) => {
    if (!holdsNewPassword(route.schema?.body)) return;
    route.preValidation = [route.preValidation ?? []].flat().concat(loadPasswordEstimator);
  });
});
