/**
 * WCAG 2.x colour contrast, for the insurer's brand colour: checked by the branding form and the
 * API (schemas/content.ts) and used by the web theme to build an accessible palette.
 */

export type Rgb = readonly [number, number, number];

/** WCAG AA minimum for normal text. */
export const AA_CONTRAST = 4.5;

const WHITE: Rgb = [255, 255, 255];

export function isHexColor(value: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(value);
}

export function hexToRgb(hex: string): Rgb {
  if (!isHexColor(hex)) throw new Error(`Not a #rrggbb colour: ${hex}`);
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** Relative luminance as defined by WCAG 2.x. */
export function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The contrast ratio of a "#rrggbb" colour against white (1 to 21; NaN for another text). */
export function contrastWithWhite(hex: string): number {
  return isHexColor(hex) ? contrastRatio(hexToRgb(hex), WHITE) : Number.NaN;
}
