import { describe, expect, it } from 'vitest';
import { AA_CONTRAST, buildAccessiblePalette, contrastRatio, hexToRgb, rgbToHex } from './colors';

const WHITE = [255, 255, 255] as const;

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio([0, 0, 0], WHITE)).toBeCloseTo(21, 5);
    expect(contrastRatio(WHITE, WHITE)).toBe(1);
    // Mantine's default red-6 and grey-6 fail AA on white: why the theme replaces them.
    expect(contrastRatio(hexToRgb('#fa5252'), WHITE)).toBeLessThan(AA_CONTRAST);
    expect(contrastRatio(hexToRgb('#868e96'), WHITE)).toBeLessThan(AA_CONTRAST);
  });
});

describe('hexToRgb / rgbToHex', () => {
  it('round-trips', () => {
    expect(rgbToHex(hexToRgb('#1d4f91'))).toBe('#1d4f91');
    expect(() => hexToRgb('blue')).toThrow();
  });
});

describe('buildAccessiblePalette', () => {
  const colours = [
    '#1d4f91',
    '#ffcc00',
    '#3fa9f5',
    '#e83e8c',
    '#ffffff',
    '#000000',
    '#00ff00',
    '#c92a2a',
  ];

  it.each(colours)('keeps AA contrast for %s', (colour) => {
    const palette = buildAccessiblePalette(colour).map(hexToRgb);
    expect(palette).toHaveLength(10);
    const [s0, s1, s2, , , , s6, , , s9] = palette;
    // Filled buttons (white on shade 6), links (shade 6 on white and on the lightest tint).
    expect(contrastRatio(s6!, WHITE)).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrastRatio(s6!, s0!)).toBeGreaterThanOrEqual(AA_CONTRAST);
    // Mantine's light variant: shade 9 on shade 1, and on shade 2 when hovered.
    expect(contrastRatio(s9!, s1!)).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrastRatio(s9!, s2!)).toBeGreaterThanOrEqual(AA_CONTRAST);
  });

  it('keeps a colour that already passes as shade 6', () => {
    expect(buildAccessiblePalette('#1d4f91')[6]).toBe('#1d4f91');
  });

  it('orders the shades from light to dark', () => {
    const luminances = buildAccessiblePalette('#3fa9f5').map((hex) =>
      contrastRatio(hexToRgb(hex), WHITE),
    );
    expect([...luminances].sort((a, b) => a - b)).toEqual(luminances);
  });
});
