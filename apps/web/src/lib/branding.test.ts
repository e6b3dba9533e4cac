import { describe, expect, it } from 'vitest';
import { BrandingSchema } from '@affilia/shared/schemas/branding';
import { DEFAULT_BRANDING, embeddedBranding, parseBranding } from './branding';

describe('parseBranding', () => {
  it('keeps a well-formed answer', () => {
    const branding = {
      brandName: 'Prévoyance Solidaire',
      primaryColor: '#aa3300',
      logoUrl: '/api/branding/logo',
      supportPhone: '09 87 65 43 21',
      supportHours: 'du lundi au jeudi de 9h à 18h',
      ccnName: 'Immobilier',
    };
    expect(parseBranding(branding)).toEqual(branding);
    // The same shape as the server's schema, without loading zod on every page.
    expect(parseBranding(branding)).toEqual(BrandingSchema.parse(branding));
    expect(parseBranding({ ...branding, logoUrl: null, extra: 'x' })).toEqual({
      ...branding,
      logoUrl: null,
    });
  });

  it('falls back to the defaults for a malformed answer', () => {
    expect(parseBranding({ brandName: 'X', primaryColor: 'blue' })).toEqual(DEFAULT_BRANDING);
    expect(parseBranding('<html>')).toEqual(DEFAULT_BRANDING);
    expect(parseBranding(null)).toEqual(DEFAULT_BRANDING);
    expect(parseBranding({ ...DEFAULT_BRANDING, logoUrl: 3 })).toEqual(DEFAULT_BRANDING);
    expect(parseBranding({ ...DEFAULT_BRANDING, ccnName: undefined })).toEqual(DEFAULT_BRANDING);
  });

  it('replaces blank texts by the defaults and a blank logo by the text logo', () => {
    const parsed = parseBranding({
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

describe('embeddedBranding', () => {
  const page = (text: string | null) => ({
    getElementById: (id: string) =>
      id === 'affilia-branding' && text !== null ? ({ textContent: text } as HTMLElement) : null,
  });

  it('reads the branding the server wrote into the page', () => {
    const branding = { ...DEFAULT_BRANDING, brandName: 'Prévoyance </script> Solidaire' };
    expect(embeddedBranding(page(JSON.stringify(branding)))).toEqual(branding);
  });

  it('leaves the query to ask the API without it, or when it is not JSON', () => {
    expect(embeddedBranding(page(null))).toBeUndefined();
    expect(embeddedBranding(page('{'))).toBeUndefined();
    expect(embeddedBranding(page('{"brandName":1}'))).toEqual(DEFAULT_BRANDING);
  });
});
