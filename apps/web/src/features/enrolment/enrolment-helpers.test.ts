import { describe, expect, it } from 'vitest';
import {
  checkAttachmentFile,
  checkBic,
  checkIban,
  groupIban,
  sectionCompleteness,
  sectionOfField,
} from './enrolment-helpers';
import type { CompletenessInput } from './enrolment-helpers';

const MB = 1024 * 1024;

describe('checkAttachmentFile', () => {
  it('accepts PDF, JPEG and PNG up to 5 Mo', () => {
    expect(checkAttachmentFile({ name: 'rib.pdf', type: 'application/pdf', size: 1000 })).toBe(
      null,
    );
    expect(checkAttachmentFile({ name: 'a.JPG', type: 'image/jpeg', size: 5 * MB })).toBe(null);
    expect(checkAttachmentFile({ name: 'a.png', type: 'image/png', size: 10 })).toBe(null);
  });
  it('reads the name when the browser gives no type', () => {
    expect(checkAttachmentFile({ name: 'scan.jpeg', type: '', size: 10 })).toBe(null);
    expect(checkAttachmentFile({ name: 'scan.heic', type: '', size: 10 })).toMatch(/PDF, JPEG/);
  });
  it('refuses other types, empty and too large files', () => {
    expect(checkAttachmentFile({ name: 'a.docx', type: 'application/msword', size: 10 })).toBe(
      'Format non accepté : choisissez un fichier PDF, JPEG ou PNG',
    );
    expect(checkAttachmentFile({ name: 'a.pdf', type: 'application/pdf', size: 0 })).toBe(
      'Ce fichier est vide',
    );
    expect(checkAttachmentFile({ name: 'a.pdf', type: 'application/pdf', size: 5 * MB + 1 })).toBe(
      'Fichier trop volumineux (5 Mo au plus)',
    );
  });
});

describe('IBAN and BIC', () => {
  it('groups an IBAN by four, upper-case', () => {
    expect(groupIban('fr7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(groupIban('FR76 3000-6000')).toBe('FR76 3000 6000');
    expect(groupIban('')).toBe('');
  });
  it('checks with the shared validators; empty is allowed (kept for later)', () => {
    expect(checkIban('FR76 3000 6000 0112 3456 7890 189')).toEqual({
      value: 'FR7630006000011234567890189',
      error: null,
    });
    expect(checkIban('FR76 3000 6000 0112 3456 7890 188').error).toMatch(/IBAN/);
    expect(checkIban('  ')).toEqual({ value: null, error: null });
    expect(checkBic('bnpafrpp')).toEqual({ value: 'BNPAFRPP', error: null });
    expect(checkBic('BNP').error).toBe('Le BIC doit comporter 8 ou 11 caractères');
  });
});

describe('sections', () => {
  const complete: CompletenessInput = {
    address: { addressLine1: '1 rue de la Paix', postalCode: '75002', city: 'Paris' },
    beneficiaries: [],
    hasOptions: true,
    optionCode: 'BASE',
    hasIban: true,
    attachmentKinds: ['rib', 'social_security_certificate'],
    certified: true,
  };

  it('a filled form is complete everywhere', () => {
    expect(Object.values(sectionCompleteness(complete)).every(Boolean)).toBe(true);
  });

  it('counts a child attached to « Mon numéro » as complete (issue 14 #25)', () => {
    const child = {
      type: 'child',
      lastName: 'Martin',
      firstName: 'Léa',
      birthDate: '2015-01-01',
      nir: '',
      attachedToNir: '',
      attachedToEmployee: true,
    };
    expect(sectionCompleteness({ ...complete, beneficiaries: [child] })['ayants-droit']).toBe(true);
  });

  it('flags what « Valider » would refuse', () => {
    const result = sectionCompleteness({
      ...complete,
      address: { ...complete.address, city: ' ' },
      beneficiaries: [
        {
          type: 'child',
          lastName: 'Martin',
          firstName: 'Léa',
          birthDate: '2015-01-01',
          nir: '',
          attachedToNir: '',
        },
      ],
      optionCode: '',
      hasIban: false,
      attachmentKinds: ['rib'],
      certified: false,
    });
    expect(result).toEqual({
      identite: false,
      'ayants-droit': false,
      option: false,
      banque: false,
      noemie: true,
      pieces: false,
      certification: false,
    });
  });

  it('no option is needed when the contract offers none', () => {
    expect(sectionCompleteness({ ...complete, hasOptions: false, optionCode: '' }).option).toBe(
      true,
    );
  });

  it('maps the server fields to their section', () => {
    expect(sectionOfField('address.city')).toBe('identite');
    expect(sectionOfField('beneficiaries.0.attachedToNir')).toBe('ayants-droit');
    expect(sectionOfField('iban')).toBe('banque');
    expect(sectionOfField('attachments.rib')).toBe('pieces');
    expect(sectionOfField('certified')).toBe('certification');
  });
});
