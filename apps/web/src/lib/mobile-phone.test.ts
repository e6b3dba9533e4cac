import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

// A fresh module each test: the check is loaded once per page.
async function fresh() {
  vi.resetModules();
  return import('./mobile-phone');
}

describe('FormMobilePhoneSchema', () => {
  it('applies the shared rule once loaded, and nothing before', async () => {
    const { FormMobilePhoneSchema, loadPhoneCheck } = await fresh();
    const form = z.object({ mobilePhone: FormMobilePhoneSchema });
    expect(form.safeParse({ mobilePhone: '01 23 45 67 89' }).success).toBe(true);
    await loadPhoneCheck();
    const parsed = form.safeParse({ mobilePhone: '01 23 45 67 89' });
    expect(parsed.error?.issues[0]?.message).toBe('Saisissez un numéro de téléphone mobile');
    expect(form.parse({ mobilePhone: '06 12 34 56 78' })).toEqual({ mobilePhone: '+33612345678' });
  });
});

describe('afterPhoneCheck', () => {
  it('waits for the check before validating a submit', async () => {
    const { afterPhoneCheck, FormMobilePhoneSchema } = await fresh();
    const seen: boolean[] = [];
    const submit = vi.fn(() => {
      seen.push(FormMobilePhoneSchema.safeParse('01 23 45 67 89').success);
    });
    const preventDefault = vi.fn();
    afterPhoneCheck(submit)({ preventDefault } as never);
    expect(preventDefault).toHaveBeenCalled();
    expect(submit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
    expect(seen).toEqual([false]);
    // Loaded: at once, with the event.
    const event = { preventDefault: vi.fn() } as never;
    afterPhoneCheck(submit)(event);
    expect(submit).toHaveBeenLastCalledWith(event);
  });
});
