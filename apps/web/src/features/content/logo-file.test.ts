import { describe, expect, it } from 'vitest';
import { contrastWithWhite, PrimaryColorSchema } from '@affilia/shared/schemas/content';
import { checkLogoFile } from './logo-file';

describe('logo file', () => {
  it('takes a PNG or a JPEG of 500 kB at most', () => {
    expect(checkLogoFile({ type: 'image/png', size: 12_000 })).toBeNull();
    expect(checkLogoFile({ type: 'image/jpeg', size: 500 * 1024 })).toBeNull();
    expect(checkLogoFile({ type: 'image/svg+xml', size: 800 })).toMatch(/PNG ou JPEG/);
    expect(checkLogoFile({ type: 'image/png', size: 500 * 1024 + 1 })).toMatch(/trop volumineuse/);
    expect(checkLogoFile({ type: 'image/png', size: 0 })).toMatch(/vide/);
  });
});

describe('brand colour', () => {
  it('needs a 4.5:1 contrast against white', () => {
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1);
    expect(contrastWithWhite('#000000')).toBeCloseTo(21);
    expect(PrimaryColorSchema.safeParse('#1D4F91')).toMatchObject({
      success: true,
      data: '#1d4f91',
    });
    const light = PrimaryColorSchema.safeParse('#7fb3ff');
    expect(light.success).toBe(false);
    expect(light.error?.issues[0]?.message).toMatch(/trop claire/);
    expect(PrimaryColorSchema.safeParse('bleu').error?.issues[0]?.message).toMatch(/#RRGGBB/);
  });
});
