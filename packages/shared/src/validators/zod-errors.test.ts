import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './zod-errors';

function messages(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

const ENGLISH = /\b(invalid|expected|received|too|unrecognized|must)\b/i;

describe('French zod error map (issue 14 #14)', () => {
  it('answers an enum in French, with the accepted values', () => {
    expect(messages(z.enum(['user', 'admin']), 'root')).toEqual([
      'Valeur non reconnue : choisissez parmi « user », « admin »',
    ]);
    expect(messages(z.literal('oui'), 'non')).toEqual(['Valeur non reconnue : « oui » attendu']);
  });

  it('answers missing fields and wrong types in French', () => {
    expect(messages(z.object({ name: z.string() }), {})).toEqual(['Ce champ est obligatoire']);
    expect(messages(z.string(), 12)).toEqual(['Saisissez du texte']);
    expect(messages(z.number(), 'douze')).toEqual(['Saisissez un nombre']);
    expect(messages(z.number().int(), 1.5)).toEqual(['Saisissez un nombre entier']);
    expect(messages(z.boolean(), 'oui')).toEqual(['Valeur non reconnue : vrai ou faux attendu']);
    expect(messages(z.array(z.string()), 'a')).toEqual(['Une liste est attendue']);
    expect(messages(z.object({}), 'a')).toEqual(['Un objet est attendu']);
  });

  it('answers sizes in French', () => {
    expect(messages(z.string().min(1), '')).toEqual(['Ce champ est obligatoire']);
    expect(messages(z.string().min(12), 'court')).toEqual(['12 caractères au moins']);
    expect(messages(z.string().max(3), 'long')).toEqual(['3 caractères au plus']);
    expect(messages(z.string().length(5), 'abc')).toEqual(['5 caractères exactement']);
    expect(messages(z.array(z.string()).min(1), [])).toEqual(['Choisissez au moins un élément']);
    expect(messages(z.array(z.string()).max(1), ['a', 'b'])).toEqual(['1 élément au plus']);
    expect(messages(z.number().min(1), 0)).toEqual(['La valeur doit être au moins 1']);
    expect(messages(z.number().positive(), 0)).toEqual(['La valeur doit être supérieure à 0']);
    expect(messages(z.number().max(100), 101)).toEqual(['La valeur doit être au plus 100']);
    expect(messages(z.number().lt(100), 100)).toEqual(['La valeur doit être inférieure à 100']);
  });

  it('answers formats, unknown keys and unions in French', () => {
    expect(messages(z.email(), 'x')).toEqual(['Saisissez une adresse e-mail valide']);
    expect(messages(z.uuid(), 'x')).toEqual(['Identifiant invalide']);
    expect(messages(z.string().regex(/^\d+$/), 'x')).toEqual(['Format invalide']);
    expect(messages(z.iso.date(), '2024-13-01')).toEqual([
      'Saisissez une date au format AAAA-MM-JJ',
    ]);
    expect(messages(z.strictObject({}), { a: 1, b: 2 })).toEqual(['Champs non reconnus : a, b']);
    expect(messages(z.union([z.string(), z.number()]), true)).toEqual(['Valeur invalide']);
    expect(messages(z.number().multipleOf(5), 7)).toEqual(['La valeur doit être un multiple de 5']);
  });

  it('never answers in English', () => {
    const samples: [z.ZodType, unknown][] = [
      [z.enum(['a', 'b']), 'c'],
      [z.string(), undefined],
      [z.string(), null],
      [z.date(), 'x'],
      [z.bigint(), 'x'],
      [z.record(z.enum(['a']), z.string()), { b: 'x' }],
      [z.set(z.number()), new Set(['x'])],
      [z.string().startsWith('a'), 'b'],
      [z.url(), 'x'],
      [z.iso.datetime(), 'x'],
      [z.string().refine(() => false), 'x'],
      [z.discriminatedUnion('k', [z.object({ k: z.literal('a') })]), { k: 'b' }],
      [z.tuple([z.string()]), ['a', 'b']],
    ];
    for (const [schema, input] of samples) {
      const found = messages(schema, input);
      expect(found.length).toBeGreaterThan(0);
      for (const message of found) expect(message).not.toMatch(ENGLISH);
    }
  });

  it('leaves the messages a schema gives itself', () => {
    expect(messages(z.string().min(1, { error: 'Indiquez le nom' }), '')).toEqual([
      'Indiquez le nom',
    ]);
  });
});
