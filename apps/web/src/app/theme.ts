import type { CSSVariablesResolver, MantineThemeOverride } from '@mantine/core';
import { createTheme } from '@mantine/core';
import { buildAccessiblePalette } from '../lib/colors';

/**
 * The Mantine theme of the portal, built from the insurer's primary colour. Every colour the UI
 * writes text with is checked for WCAG AA contrast (4.5:1): the insurer's palette is darkened
 * when needed (lib/colors.ts), and the few Mantine defaults that fail (red error text, dimmed
 * grey) are replaced.
 */
export function buildTheme(primaryColor: string): MantineThemeOverride {
  return createTheme({
    primaryColor: 'brand',
    primaryShade: 6,
    colors: {
      brand: buildAccessiblePalette(primaryColor),
      // Error text and red alerts: Mantine's red-6 (#fa5252) is only 3.3:1 on white.
      red: buildAccessiblePalette('#c92a2a'),
      // Success notifications and badges.
      teal: buildAccessiblePalette('#087f5b'),
      // Warnings (e.g. « Conservez ces codes »): Mantine's orange text is below 3:1.
      orange: buildAccessiblePalette('#c2410c'),
    },
    autoContrast: true,
    focusRing: 'auto',
    defaultRadius: 'md',
    fontFamily:
      'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
    headings: { fontWeight: '700' },
    other: { brandColor: primaryColor },
    components: {
      Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
      // Mantine's focus placeholder is a role="presentation" child of the role="menu" list, which
      // ARIA forbids (axe: aria-required-children, critical): the focus goes to the first item.
      Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
      // A badge is a status word: never cut to « Répo… » in a narrow table column.
      // Plain objects, not `Badge.extend(…)`/`ColorInput.extend(…)`: importing a component here
      // would put it (the colour picker: its popover and floating-ui) on every page's first load.
      Badge: {
        styles: { root: { overflow: 'visible' }, label: { overflow: 'visible' } },
      },
      // The eyedropper is an icon button: it needs a name (axe « button-name », critical).
      ColorInput: {
        defaultProps: {
          eyeDropperButtonProps: {
            'aria-label': 'Prendre une couleur à l’écran (pipette)',
            title: 'Prendre une couleur à l’écran (pipette)',
          },
        },
      },
    },
  });
}

/** Replaces Mantine's light-scheme greys that fail AA on white. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  },
  dark: {},
});
