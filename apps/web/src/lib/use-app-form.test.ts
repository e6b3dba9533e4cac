import { describe, expect, it } from 'vitest';
import { changedFieldsInError, valueAt } from './use-app-form';

describe('useAppForm: an error is checked again when its field changes (issue 14 #16)', () => {
  it('reads a dotted path', () => {
    expect(valueAt({ children: [{ birthDate: '2020-01-01' }] }, 'children.0.birthDate')).toBe(
      '2020-01-01',
    );
    expect(valueAt({ a: null }, 'a.b')).toBeUndefined();
  });

  it('names the fields in error whose value changed, and only those', () => {
    const errors = { category: 'Choisissez une catégorie', text: 'Saisissez votre message' };
    const previous = { category: null, subject: null, text: '' };
    expect(changedFieldsInError(errors, { ...previous, category: 'x' }, previous)).toEqual([
      'category',
    ]);
    // A field without an error (subject) is not checked while the user types.
    expect(changedFieldsInError(errors, { ...previous, subject: 'y' }, previous)).toEqual([]);
    // An error on something that is not a value (a server's « attachments ») stays.
    expect(changedFieldsInError({ attachments: 'Trop gros' }, { a: 1 }, { a: 2 })).toEqual([]);
  });
});
