import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { TextInput } from '@mantine/core';
import { formatFrenchDate } from '@affilia/shared/validators/dates';

/** What a form gives a date field: an ISO date (« 1990-05-14 ») or '' while empty. */
export interface DateFieldProps {
  label: ReactNode;
  value?: string | null;
  onChange?: (value: string) => void;
  onFocus?: () => void;
  onBlur?: () => void;
  error?: ReactNode;
  description?: ReactNode;
  required?: boolean;
  withAsterisk?: boolean;
  disabled?: boolean;
  id?: string;
  name?: string;
  size?: 'xs' | 'sm' | 'md' | 'lg';
  autoComplete?: string;
  /** Earliest and latest dates offered by the calendar (ISO). */
  minDate?: string;
  maxDate?: string;
  'data-path'?: string;
}

// @mantine/dates and dayjs load with the first date field, not with the shared entry chunk.
const FrenchDateInput = lazy(() => import('./french-date-input'));

/**
 * The portal's one date input (issue 14 #19): French, « jj/mm/aaaa » typed or picked, whatever the
 * browser's language (the native `type="date"` shows mm/dd/yyyy in an English browser). Spread a
 * form's `getInputProps(path)` on it: the value stays an ISO date.
 */
export function DateField(props: DateFieldProps) {
  const { value, onChange: _onChange, minDate: _min, maxDate: _max, ...rest } = props;
  return (
    <Suspense
      fallback={
        <TextInput
          {...rest}
          value={value ? formatFrenchDate(value) : ''}
          placeholder="jj/mm/aaaa"
          readOnly
        />
      }
    >
      <FrenchDateInput {...props} />
    </Suspense>
  );
}
