import { useState } from 'react';

/**
 * The values a list's filter bar holds until « Rechercher »: they start from the address's
 * filters and start again from them whenever the address changes (back button,
 * « Réinitialiser », a search). `set` changes some fields, `setValues` all of them.
 */
export function useFilterDraft<Filters extends object>(initial: Filters) {
  const [values, setValues] = useState<Filters>(initial);
  const initialKey = JSON.stringify(initial);
  const [shownKey, setShownKey] = useState(initialKey);
  if (shownKey !== initialKey) {
    setShownKey(initialKey);
    setValues(initial);
  }
  const set = (patch: Partial<Filters>) => setValues((current) => ({ ...current, ...patch }));
  return { values, set, setValues };
}
