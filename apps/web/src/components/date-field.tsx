import { lazy, Suspense, useState } from 'react';
import type { ReactNode } from 'react';
import { TextInput } from '@mantine/core';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { parseTypedDate } from '../lib/typed-date';

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
  /**
   * `false`: typed only, without the calendar (nor @mantine/dates, dayjs and the popover: about
   * 35 KB compressed). For a date the person knows by heart, such as their birth date, that
   * opens a page on a phone (the enrolment form's first screen).
   */
  calendar?: boolean;
  'data-path'?: string;
}

// @mantine/dates and dayjs load with the first date field, not with the shared entry chunk.
const FrenchDateInput = lazy(() => import('./french-date-input'));

/**
 * The portal's one date input (issue 14 #19): French, « jj/mm/aaaa » typed or picked, whatever the
 * browser's language (the native `type="date"` shows mm/dd/yyyy in an English browser). Spread a
 * form's `getInputProps(path)` on it: the value stays an ISO date.
 */
export function DateField({ calendar = true, ...props }: DateFieldProps) {
  const { value, onChange: _onChange, minDate: _min, maxDate: _max, ...rest } = props;
  if (!calendar) return <TypedDateInput {...props} />;
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

/** A date typed « jj/mm/aaaa » (or « jjmmaaaa »): the value is the ISO date once whole, else ''. */
function TypedDateInput({
  value,
  onChange,
  onBlur,
  minDate: _min,
  maxDate: _max,
  ...rest
}: DateFieldProps) {
  const [text, setText] = useState(value ? formatFrenchDate(value) : '');
  // A value set from outside (a reset, a draft) replaces what was typed.
  const [shown, setShown] = useState(value ?? '');
  if ((value ?? '') !== shown) {
    setShown(value ?? '');
    if ((parseTypedDate(text) ?? '') !== (value ?? ''))
      setText(value ? formatFrenchDate(value) : '');
  }
  return (
    <TextInput
      {...rest}
      value={text}
      placeholder="jj/mm/aaaa"
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        const iso = parseTypedDate(next) ?? '';
        setShown(iso);
        onChange?.(iso);
      }}
      onBlur={() => {
        const iso = parseTypedDate(text);
        if (iso) setText(formatFrenchDate(iso));
        onBlur?.();
      }}
    />
  );
}
