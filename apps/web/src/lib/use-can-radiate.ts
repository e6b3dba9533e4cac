import { canOnAnyCompany } from '@affilia/shared/domain/permissions';
import { useMe } from './use-me';

/**
 * « Radier » is offered to a user who manages affiliations (the server checks the member's
 * company). Apart from the radiations' API hooks: « Mes salariés » asks it on its first load.
 */
export function useCanRadiate(): boolean {
  const me = useMe().data;
  return Boolean(me && canOnAnyCompany(me.companies, 'affiliations.manage'));
}
