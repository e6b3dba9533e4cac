import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  EmailSchema,
  IsoDateSchema,
  NirSchema,
  SirenSchema,
  SiretSchema,
  createNirSchema,
} from './zod';
import { BicSchema, IbanSchema } from './zod-bank';
import { MobilePhoneSchema } from './zod-phone';

function firstError(schema: z.ZodType, input: unknown): string | undefined {
  const result = schema.safeParse(input);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe('shared zod schemas', () => {
  it('yield the canonical value', () => {
    expect(SirenSchema.parse(' 732 829 320 ')).toBe('732829320');
    expect(SiretSchema.parse('732 829 320 00074')).toBe('73282932000074');
    expect(NirSchema.parse('2 69 05 49 588 157 80')).toBe('2690549588157');
    expect(NirSchema.parse('1 55 08 2a 004 005')).toBe('155082A004005');
    expect(IbanSchema.parse('fr76 3000 6000 0112 3456 7890 189')).toBe(
      'FR7630006000011234567890189',
    );
    expect(BicSchema.parse('bnpa frpp xxx')).toBe('BNPAFRPPXXX');
    expect(MobilePhoneSchema.parse('06 12 34 56 78')).toBe('+33612345678');
    expect(IsoDateSchema.parse('31/12/2024')).toBe('2024-12-31');
    expect(IsoDateSchema.parse('2024-12-31')).toBe('2024-12-31');
    expect(EmailSchema.parse('  Marie.Dupont@Example.FR ')).toBe('marie.dupont@example.fr');
  });

  it('report the French message of the validator', () => {
    expect(firstError(SiretSchema, '73282932000079')).toBe('Ce numéro de SIRET n’est pas valide');
    expect(firstError(SiretSchema, '3,56E+13')).toBe(
      'Ce SIRET a été converti en notation scientifique par le tableur : saisissez-le comme du texte',
    );
    expect(firstError(NirSchema, '269054958815781')).toBe(
      'La clé du numéro de sécurité sociale ne correspond pas',
    );
    expect(firstError(MobilePhoneSchema, '01 23 45 67 89')).toBe(
      'Saisissez un numéro de téléphone mobile',
    );
    expect(firstError(IbanSchema, 'FR76 3000 6000 0112 3456 7890 188')).toMatch(/IBAN/);
    expect(firstError(BicSchema, 'BNPA')).toBe('Le BIC doit comporter 8 ou 11 caractères');
    expect(firstError(IsoDateSchema, '31/02/2024')).toBe('Cette date n’existe pas');
    expect(firstError(EmailSchema, 'marie.dupont@')).toBe('Saisissez une adresse e-mail valide');
    expect(firstError(EmailSchema, 'pas une adresse')).toBe('Saisissez une adresse e-mail valide');
    expect(firstError(EmailSchema, '   ')).toBe('Saisissez une adresse e-mail');
    expect(firstError(SiretSchema, undefined)).toBe('Ce champ est obligatoire');
    expect(firstError(SiretSchema, 73282932000074)).toBe('Saisissez du texte');
  });

  it('can refuse temporary NIRs', () => {
    expect(NirSchema.parse('7690549588157')).toBe('7690549588157');
    expect(firstError(createNirSchema({ allowTemporary: false }), '7690549588157')).toBe(
      'Les numéros de sécurité sociale provisoires ne sont pas acceptés',
    );
  });

  it('compose into object schemas and describe themselves as JSON Schema strings', () => {
    const Form = z.object({ siret: SiretSchema, email: EmailSchema, phone: MobilePhoneSchema });
    expect(
      Form.parse({ siret: '35600000009075', email: 'A@B.FR', phone: '+33 7 81 23 45 67' }),
    ).toEqual({ siret: '35600000009075', email: 'a@b.fr', phone: '+33781234567' });
    const result = Form.safeParse({ siret: '35600000009090', email: 'x', phone: '0123456789' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['siret', 'email', 'phone']);
    for (const io of ['input', 'output'] as const) {
      expect(z.toJSONSchema(SiretSchema, { io })).toMatchObject({ type: 'string' });
      expect(z.toJSONSchema(EmailSchema, { io })).toMatchObject({
        type: 'string',
        format: 'email',
      });
    }
  });
});
