import type { AttachmentKind } from '@affilia/shared/schemas/enrolment';
import { ATTACHMENT_MAX_BYTES } from '@affilia/shared/schemas/enrolment';
import { formatIban, parseBic, parseIban } from '@affilia/shared/validators/bank';

const MAX_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;
const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * Why a chosen attachment cannot be sent, or null: PDF, JPEG or PNG (by its type, or its name
 * when the browser gives no type), not empty, 5 Mo at most. The server checks the bytes again.
 */
export function checkAttachmentFile(file: Pick<File, 'name' | 'size' | 'type'>): string | null {
  const typeOk = file.type
    ? ACCEPTED_TYPES.includes(file.type.toLowerCase())
    : /\.(pdf|jpe?g|png)$/i.test(file.name);
  if (!typeOk) return 'Format non accepté : choisissez un fichier PDF, JPEG ou PNG';
  if (file.size === 0) return 'Ce fichier est vide';
  if (file.size > ATTACHMENT_MAX_BYTES) return `Fichier trop volumineux (${MAX_MB} Mo au plus)`;
  return null;
}

/**
 * An IBAN as the employee types it, grouped by four for reading (« FR76 3000 6000 … »);
 * only letters and digits are kept, upper-case.
 */
export function groupIban(input: string): string {
  const compact = input.replace(/[^0-9a-z]/gi, '').toUpperCase();
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The IBAN to send (null when empty), or the French reason it is refused. */
export function checkIban(input: string): { value: string | null; error: string | null } {
  if (input.trim() === '') return { value: null, error: null };
  const parsed = parseIban(input);
  return parsed.ok ? { value: parsed.value, error: null } : { value: null, error: parsed.error };
}

/** The BIC to send (null when empty), or the French reason it is refused. */
export function checkBic(input: string): { value: string | null; error: string | null } {
  if (input.trim() === '') return { value: null, error: null };
  const parsed = parseBic(input);
  return parsed.ok ? { value: parsed.value, error: null } : { value: null, error: parsed.error };
}

export { formatIban };

export const SECTION_IDS = [
  'identite',
  'ayants-droit',
  'option',
  'banque',
  'noemie',
  'pieces',
  'certification',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const SECTION_TITLES: Record<SectionId, string> = {
  identite: 'Identité et adresse',
  'ayants-droit': 'Ayants droit',
  option: 'Option',
  banque: 'Coordonnées bancaires',
  noemie: 'Télétransmission Noémie',
  pieces: 'Pièces justificatives',
  certification: 'Certification',
};

/** The section a server field (`address.city`, `beneficiaries.0.attachedToNir`…) belongs to. */
export function sectionOfField(field: string): SectionId {
  if (field.startsWith('address')) return 'identite';
  if (field.startsWith('beneficiaries')) return 'ayants-droit';
  if (field.startsWith('optionCode')) return 'option';
  if (field === 'iban' || field === 'bic') return 'banque';
  if (field.startsWith('noemie')) return 'noemie';
  if (field.startsWith('attachments') || field === 'file' || field === 'kind') return 'pieces';
  return 'certification';
}

/** What decides whether each section is complete. */
export interface CompletenessInput {
  address: { addressLine1: string; postalCode: string; city: string };
  beneficiaries: {
    type: string;
    lastName: string;
    firstName: string;
    birthDate: string;
    nir: string;
    attachedToNir: string;
    /** « Mon numéro »: attached to the employee's own NIR. */
    attachedToEmployee?: boolean;
  }[];
  hasOptions: boolean;
  optionCode: string;
  /** An IBAN saved on the server, or a valid one typed. */
  hasIban: boolean;
  attachmentKinds: readonly AttachmentKind[];
  certified: boolean;
}

/**
 * Which sections hold what « Valider » needs (the server's own checks): the address, the
 * children's attachment NIR, an option when the contract offers some, the IBAN, the RIB and the
 * certificate, the certification. « Ayants droit » and « Noémie » are optional.
 */
export function sectionCompleteness(input: CompletenessInput): Record<SectionId, boolean> {
  const address = input.address;
  return {
    identite: [address.addressLine1, address.postalCode, address.city].every(
      (v) => v.trim() !== '',
    ),
    'ayants-droit': input.beneficiaries.every(
      (b) =>
        b.lastName.trim() !== '' &&
        b.firstName.trim() !== '' &&
        b.birthDate !== '' &&
        (b.type !== 'child' ||
          b.nir.trim() !== '' ||
          b.attachedToEmployee === true ||
          b.attachedToNir.trim() !== ''),
    ),
    option: !input.hasOptions || input.optionCode !== '',
    banque: input.hasIban,
    noemie: true,
    pieces:
      input.attachmentKinds.includes('rib') &&
      input.attachmentKinds.includes('social_security_certificate'),
    certification: input.certified,
  };
}
