import type { Db } from '../../db/database';
import { AppError } from '../../lib/errors';
import { countActiveAdmins } from '../users/users.repository';

/** What « Activer mon espace » checks at its first step and again when it creates the account. */
export const adminExists = () =>
  new AppError(
    'activation_admin_exists',
    409,
    'L’espace de cette société est déjà activé. Demandez à son administrateur de vous donner accès depuis « Mes habilitations ».',
  );

export const badTicket = () =>
  new AppError(
    'activation_ticket_invalid',
    400,
    'Votre saisie a expiré. Recommencez depuis la première étape.',
  );

export async function hasActiveAdministrator(db: Db, companyId: string): Promise<boolean> {
  return (await countActiveAdmins(db, companyId)) > 0;
}
