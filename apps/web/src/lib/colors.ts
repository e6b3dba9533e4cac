/**
 * Colour helpers for the white-label theme: build a 10-shade Mantine palette around the insurer's
 * colour so that text and filled components keep a WCAG AA contrast (4.5:1) whatever colour is
 * configured.
 */

import {
  AA_CONTRAST,
  contrastRatio,
  hexToRgb,
  isHexColor,
  type Rgb,
} from '@affilia/shared/domain/colors';

export { AA_CONTRAST, contrastRatio, hexToRgb, isHexColor, type Rgb };

export type Palette = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

export function rgbToHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Mixes `a` into `b`: weight 0 gives `a`, weight 1 gives `b`. */
export function mix(a: Rgb, b: Rgb, weight: number): Rgb {
  return [0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * weight) as unknown as Rgb;
}

// Weights of the base colour in the light tints (shades 0–5) and of the base colour against black
// in the dark shades (7–9).
const TINTS = [0.05, 0.12, 0.22, 0.38, 0.55, 0.75];
const SHADES = [0.82, 0.66, 0.5];

function paletteAround(base: Rgb): Palette {
  return [
    ...TINTS.map((w) => rgbToHex(mix(WHITE, base, w))),
    rgbToHex(base),
    ...SHADES.map((w) => rgbToHex(mix(BLACK, base, w))),
  ] as Palette;
}

/**
 * Builds a Mantine palette whose shade 6 (the filled and link colour) is the given colour, darkened
 * just enough when needed so that:
 * - white text on shade 6 (filled buttons) and shade-6 text on white and on the lightest tint
 *   (links, outlines) reach 4.5:1;
 * - shade-9 text on shades 1 and 2 (Mantine's "light" variant and its hover) reaches 4.5:1.
 */
export function buildAccessiblePalette(hex: string): Palette {
  let base = hexToRgb(hex);
  for (let i = 0; i < 40; i += 1) {
    const palette = paletteAround(base);
    const [tint0, tint1, tint2, , , , , , , dark9] = palette.map(hexToRgb);
    const ok =
      contrastRatio(base, WHITE) >= AA_CONTRAST + 0.1 &&
      contrastRatio(base, tint0!) >= AA_CONTRAST &&
      contrastRatio(dark9!, tint1!) >= AA_CONTRAST &&
      contrastRatio(dark9!, tint2!) >= AA_CONTRAST;
    if (ok) return palette;
    base = mix(base, BLACK, 0.06);
  }
  return paletteAround(base);
}
