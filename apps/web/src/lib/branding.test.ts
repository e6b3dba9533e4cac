import { describe, expect, it } from 'vitest';
import { DEFAULT_BRANDING, parseBranding } from './branding';

describe('parseBranding', () => {
  it('keeps a well-formed answer', async () => {
    const branding = {
      brandName: 'Prévoyance Solidaire',
      primaryColor: '#aa3300',
      logoUrl: '/api/branding/logo',
      supportPhone: '09 87 65 43 21',
      supportHours: 'du lundi au jeudi de 9h à 18h',
      ccnName: 'Immobilier',
    };
    expect(await parseBranding(branding)).toEqual(branding);
  });

  it('falls back to the defaults for a malformed answer', async () => {
    expect(await parseBranding({ brandName: 'X', primaryColor: 'blue' })).toEqual(DEFAULT_BRANDING);
    expect(await parseBranding('<html>')).toEqual(DEFAULT_BRANDING);
  });

  it('replaces blank texts by the defaults and a blank logo by the text logo', async () => {
    const parsed = await parseBranding({
      ...DEFAULT_BRANDING,
      brandName: '  ',
      supportPhone: '',
      logoUrl: ' ',
    });
    expect(parsed.brandName).toBe(DEFAULT_BRANDING.brandName);
    expect(parsed.supportPhone).toBe(DEFAULT_BRANDING.supportPhone);
    expect(parsed.logoUrl).toBeNull();
  });
});
