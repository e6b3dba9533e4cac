import { z } from 'zod';
import { requiredName } from './fields';

/** PATCH /api/profile — « Nom », « Prénom » (« Mon profil », schemas/profile.ts). */
export const UpdateProfileRequestSchema = z.object({
  lastName: requiredName,
  firstName: requiredName,
});
export type UpdateProfileRequest = z.input<typeof UpdateProfileRequestSchema>;
