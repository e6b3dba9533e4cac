import type { ComponentType, Ref } from 'react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ComboboxData, SelectProps } from '@mantine/core';
import { InputBase } from '@mantine/core';

type SelectComponent = ComponentType<SelectProps & { ref?: Ref<HTMLInputElement> }>;

let loaded: SelectComponent | null = null;
let loading: Promise<SelectComponent> | null = null;
function loadSelect(): Promise<SelectComponent> {
  loading ??= import('./mantine-select').then((m) => (loaded = m.Select));
  return loading;
}

/** Sets an input's value as typing does, so that React's `onChange` sees it. */
function typeInto(field: HTMLInputElement, text: string) {
  Reflect.set(HTMLInputElement.prototype, 'value', text, field);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

const CHEVRON_SIZES = { xs: 0.875, sm: 1.125, md: 1.25, lg: 1.5, xl: 1.75 } as const;

type Entry = string | { value: string; label?: string } | { group: unknown; items: Entry[] };

/** The label shown for `value` in a Select's `data` (strings, items or groups of them). */
export function selectedLabel(
  data: readonly Entry[] | ComboboxData | undefined,
  value: string | null | undefined,
): string {
  if (value === null || value === undefined || !data) return '';
  for (const entry of data as readonly Entry[]) {
    if (typeof entry === 'string') {
      if (entry === value) return entry;
    } else if ('items' in entry) {
      const found = selectedLabel(entry.items, value);
      if (found) return found;
    } else if (entry.value === value) {
      return entry.label ?? entry.value;
    }
  }
  return '';
}

/**
 * Mantine's Select, whose code (the combobox, its popover and floating-ui: about 35 KB
 * compressed) loads at the first sign that the person reaches for the field — the pointer over
 * it, the focus, a touch — instead of with the page. Until then an input of the same look shows
 * the selected option; clicked, the list opens as soon as the code has arrived, and the focus
 * moves to the real field. A searchable one takes typing at once: what is typed meanwhile becomes
 * the Select's search, its list open on it. Once loaded, every DeferredSelect renders the Select
 * at once.
 */
export function DeferredSelect(props: SelectProps) {
  const [Select, setSelect] = useState<SelectComponent | null>(() => loaded);
  const [clicked, setClicked] = useState(false);
  const [typed, setTyped] = useState<string | null>(null);
  const hadFocus = useRef(false);
  // Between the button pressed and the click, the Select waits: taking the input's place then,
  // it would see the press as one outside it and close its list.
  const pressed = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  // Before the browser paints the Select, so that no keystroke falls between the two inputs.
  useLayoutEffect(() => {
    if (Select && hadFocus.current) input.current?.focus();
  }, [Select]);
  // What was typed before the Select came is typed again into it, once its own effects have run
  // (a Select without a value empties its search when it mounts): the list opens on it.
  useEffect(() => {
    const field = input.current;
    if (!Select || typed === null || !field || field.value === typed) return;
    typeInto(field, typed);
  }, [Select]); // eslint-disable-line react-hooks/exhaustive-deps -- once, when the Select comes
  if (Select) {
    return <Select {...props} ref={input} defaultDropdownOpened={clicked} />;
  }

  const load = () =>
    void loadSelect().then((component) => {
      if (!pressed.current) setSelect(() => component);
    });
  const {
    data,
    value,
    defaultValue,
    onChange: _onChange,
    searchable,
    clearable: _clearable,
    clearButtonProps: _clearButtonProps,
    allowDeselect: _allowDeselect,
    nothingFoundMessage: _nothingFound,
    comboboxProps: _comboboxProps,
    checkIconPosition: _checkIconPosition,
    withCheckIcon: _withCheckIcon,
    maxDropdownHeight: _maxDropdownHeight,
    limit: _limit,
    filter: _filter,
    renderOption: _renderOption,
    onSearchChange,
    searchValue,
    defaultSearchValue: _defaultSearchValue,
    ...rest
  } = props;
  const chevron = `calc(${CHEVRON_SIZES[(props.size as keyof typeof CHEVRON_SIZES) ?? 'sm'] ?? 1.125}rem * var(--mantine-scale))`;
  const shown = typed ?? (searchValue || selectedLabel(data, value ?? defaultValue));
  return (
    <InputBase
      {...rest}
      readOnly={!searchable}
      value={shown}
      onChange={(event) => {
        setTyped(event.currentTarget.value);
        onSearchChange?.(event.currentTarget.value);
        load();
      }}
      role="combobox"
      aria-haspopup="listbox"
      aria-expanded={false}
      autoComplete="off"
      rightSectionPointerEvents="none"
      rightSection={
        rest.rightSection ?? (
          <svg
            aria-hidden
            viewBox="0 0 15 15"
            fill="none"
            style={{ width: chevron, height: chevron, color: 'var(--mantine-color-gray-6)' }}
          >
            <path
              d="M4.93179 5.43179C4.75605 5.60753 4.75605 5.89245 4.93179 6.06819C5.10753 6.24392 5.39245 6.24392 5.56819 6.06819L7.49999 4.13638L9.43179 6.06819C9.60753 6.24392 9.89245 6.24392 10.0682 6.06819C10.2439 5.89245 10.2439 5.60753 10.0682 5.43179L7.81819 3.18179C7.73379 3.0974 7.61933 3.04999 7.49999 3.04999C7.38064 3.04999 7.26618 3.0974 7.18179 3.18179L4.93179 5.43179ZM10.0682 9.56819C10.2439 9.39245 10.2439 9.10753 10.0682 8.93179C9.89245 8.75606 9.60753 8.75606 9.43179 8.93179L7.49999 10.8636L5.56819 8.93179C5.39245 8.75606 5.10753 8.75606 4.93179 8.93179C4.75605 9.10753 4.75605 9.39245 4.93179 9.56819L7.18179 11.8182C7.35753 11.9939 7.64245 11.9939 7.81819 11.8182L10.0682 9.56819Z"
              fill="currentColor"
              fillRule="evenodd"
              clipRule="evenodd"
            />
          </svg>
        )
      }
      onPointerEnter={load}
      onTouchStart={load}
      onFocus={() => {
        hadFocus.current = true;
        load();
      }}
      onBlur={() => {
        hadFocus.current = false;
      }}
      onPointerDown={() => {
        pressed.current = true;
        load();
      }}
      onPointerCancel={() => {
        pressed.current = false;
      }}
      onClick={() => {
        pressed.current = false;
        setClicked(true);
        load();
      }}
    />
  );
}
