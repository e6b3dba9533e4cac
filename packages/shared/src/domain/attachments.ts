// The kinds of the enrolment form's attachments (schemas/enrolment.ts), apart from the zod
// schemas: the back office's request page names them without loading zod.

export const ATTACHMENT_KINDS = ['rib', 'social_security_certificate', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  rib: 'RIB',
  social_security_certificate: 'Attestation de droits Sécurité sociale',
  other: 'Autre justificatif',
};
