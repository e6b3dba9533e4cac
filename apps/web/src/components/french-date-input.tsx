import 'dayjs/locale/fr';
import '@mantine/dates/styles.css';
import { useState } from 'react';
import { DateInput, DatesProvider } from '@mantine/dates';
import { parseTypedDate } from '../lib/typed-date';
import type { DateFieldProps } from './date-field';

const ARIA_LABELS = {
  monthLevelControl: 'Choisir le mois',
  yearLevelControl: 'Choisir l’année',
  nextMonth: 'Mois suivant',
  previousMonth: 'Mois précédent',
  nextYear: 'Année suivante',
  previousYear: 'Année précédente',
  nextDecade: 'Décennie suivante',
  previousDecade: 'Décennie précédente',
};

/**
 * Mantine's DateInput in French, loaded on demand by `DateField` (with dayjs and its `fr`
 * locale): typed « jj/mm/aaaa » (or « jjmmaaaa ») or picked in a calendar starting on Monday;
 * always shown « 14/05/1990 », whatever the browser's language. In a dialog, Escape closes the
 * open calendar only, not the dialog with what was typed (Mantine's dialogs leave an Escape from
 * a field marked `data-mantine-stop-propagation` to it, as its Select does).
 */
export default function FrenchDateInput({ value, onChange, ...props }: DateFieldProps) {
  const [calendarOpen, setCalendarOpen] = useState(false);
  return (
    <DatesProvider settings={{ locale: 'fr', firstDayOfWeek: 1, weekendDays: [0, 6] }}>
      <DateInput
        {...props}
        value={value || null}
        onChange={(next) => onChange?.(next ?? '')}
        valueFormat="DD/MM/YYYY"
        dateParser={(text) => parseTypedDate(text)}
        placeholder="jj/mm/aaaa"
        allowDeselect
        ariaLabels={ARIA_LABELS}
        data-mantine-stop-propagation={calendarOpen || undefined}
        popoverProps={{
          withinPortal: true,
          onOpen: () => setCalendarOpen(true),
          onClose: () => setCalendarOpen(false),
        }}
      />
    </DatesProvider>
  );
}
