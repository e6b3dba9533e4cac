import { ofName } from '@affilia/shared/domain/person-name';
/**
 * French message templates with the insurer's branding. Each template renders a subject, a
 * plain-text body and an HTML body; the outbox stores the rendered message.
 */
export interface Branding {
  brandName: string;
  primaryColor: string;
  supportPhone: string;
  supportHours: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface EmailContent {
  subject: string;
  /** Paragraphs of plain text. */
  paragraphs: string[];
  /** An optional call to action. */
  action?: { label: string; url: string };
  /** Paragraphs after the action. */
  after?: string[];
}

const emailTemplates = {
  email_confirmation: (d: { firstName: string; url: string; validity: string }) => ({
    subject: 'Confirmez votre adresse e-mail',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      'Votre Espace Entreprise a bien été créé. Pour terminer, confirmez votre adresse e-mail :',
    ],
    action: { label: 'Confirmer mon adresse e-mail', url: d.url },
    after: [`Ce lien est valable ${d.validity}.`],
  }),
  password_reset: (d: { firstName: string; url: string; validity: string }) => ({
    subject: 'Réinitialisation de votre mot de passe',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      'Vous avez demandé à réinitialiser le mot de passe de votre Espace Entreprise.',
    ],
    action: { label: 'Choisir un nouveau mot de passe', url: d.url },
    after: [
      `Ce lien est valable ${d.validity} et ne peut servir qu’une fois.`,
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
    ],
  }),
  invitation: (d: { firstName: string; inviterName: string; url: string; validity: string }) => ({
    subject: 'Votre accès à l’Espace Entreprise',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `${d.inviterName} vous a donné accès à l’Espace Entreprise. Créez votre mot de passe pour vous connecter :`,
    ],
    action: { label: 'Créer mon mot de passe', url: d.url },
    after: [`Ce lien est valable ${d.validity}.`],
  }),
  staff_invitation: (d: {
    firstName: string;
    inviterName: string;
    url: string;
    validity: string;
  }) => ({
    subject: 'Votre accès au back-office',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `${d.inviterName} vous a ouvert un accès au back-office de l’assureur. Créez votre mot de passe pour vous connecter :`,
    ],
    action: { label: 'Créer mon mot de passe', url: d.url },
    after: [
      `Ce lien est valable ${d.validity}. À la première connexion, un code vous sera envoyé par SMS.`,
    ],
  }),
  // An existing account invited to more companies: nothing changes until they accept.
  company_invitation: (d: {
    firstName: string;
    inviterName: string;
    companies: string;
    url: string;
    validity: string;
  }) => ({
    subject: 'Invitation à rejoindre une société sur l’Espace Entreprise',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `${d.inviterName} vous invite à accéder, sur l’Espace Entreprise, à : ${d.companies}.`,
      'Rien n’est ajouté à votre compte tant que vous n’avez pas accepté. Connectez-vous avec votre adresse e-mail et votre mot de passe habituels pour accepter ou refuser :',
    ],
    action: { label: 'Voir l’invitation', url: d.url },
    after: [
      `Ce lien est valable ${d.validity}.`,
      'Si vous ne connaissez pas cette personne, ignorez ce message : aucun accès ne sera ajouté.',
    ],
  }),
  new_browser_sign_in: (d: { firstName: string; when: string; browser: string; ip: string }) => ({
    subject: 'Nouvelle connexion à votre Espace Entreprise',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `Une connexion à votre Espace Entreprise a eu lieu le ${d.when} depuis un nouveau navigateur (${d.browser}, adresse ${d.ip}).`,
      'Si c’était vous, il n’y a rien à faire. Sinon, changez votre mot de passe sans attendre et contactez-nous.',
    ],
  }),
  // Sign-in throttling (modules/auth/throttle.ts): once a day, when the failures reach 25.
  sign_in_failures_notice: (d: {
    firstName: string;
    failures: number;
    when: string;
    ip: string;
    forgotPasswordUrl: string;
  }) => ({
    subject: 'Tentatives de connexion refusées sur votre compte',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `Aujourd’hui, ${d.failures} tentatives de connexion à votre compte ont été refusées pour un mot de passe incorrect (la dernière le ${d.when}, depuis l’adresse ${d.ip}).`,
      'Votre compte reste accessible : jusqu’à demain, il vous sera simplement demandé de cocher « Je ne suis pas un robot » en vous connectant. Le code de sécurité reste exigé sur un nouvel appareil.',
      'Si ce n’était pas vous, quelqu’un cherche peut-être à deviner votre mot de passe : par précaution, choisissez-en un nouveau.',
    ],
    action: { label: 'Choisir un nouveau mot de passe', url: d.forgotPasswordUrl },
    after: ['Si c’était vous, il n’y a rien à faire.'],
  }),
  second_factor_changed: (d: { firstName: string; change: string }) => ({
    subject: 'Votre double authentification a été modifiée',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `${d.change}`,
      'Si vous n’êtes pas à l’origine de cette modification, contactez-nous sans attendre.',
    ],
  }),
  // « Mon profil » (SPEC §4.4, §9): the link goes to the new address, notices to the account.
  email_change_link: (d: {
    firstName: string;
    newEmail: string;
    url: string;
    validity: string;
  }) => ({
    subject: 'Confirmez votre nouvelle adresse e-mail',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `Vous avez demandé à utiliser l’adresse ${d.newEmail} pour vous connecter à votre Espace Entreprise. Confirmez-la :`,
    ],
    action: { label: 'Confirmer ma nouvelle adresse', url: d.url },
    after: [
      `Ce lien est valable ${d.validity} et ne peut servir qu’une fois. Tant qu’il n’est pas utilisé, votre adresse actuelle reste celle de votre compte.`,
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
    ],
  }),
  email_change_taken: (d: { newEmail: string }) => ({
    subject: 'Demande de changement d’adresse e-mail',
    paragraphs: [
      'Bonjour,',
      `Quelqu’un a demandé à utiliser l’adresse ${d.newEmail} pour un compte de l’Espace Entreprise. Un compte existe déjà avec cette adresse : elle ne peut pas servir à un second compte, et rien n’a été modifié.`,
      'Si c’est vous, connectez-vous avec cette adresse, ou choisissez-en une autre. Sinon, ignorez ce message.',
    ],
  }),
  email_change_notice: (d: { firstName: string; newEmail: string; when: string }) => ({
    subject: 'Demande de changement de votre adresse e-mail',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `Le ${d.when}, une demande de changement d’adresse e-mail a été faite depuis votre Espace Entreprise : la nouvelle adresse ${d.newEmail} doit être confirmée par le lien que nous lui avons envoyé.`,
      'Si c’est vous, il n’y a rien d’autre à faire. Si ce n’est pas vous, ne confirmez rien, changez votre mot de passe et contactez-nous sans attendre.',
    ],
  }),
  email_changed_notice: (d: { firstName: string; newEmail: string; when: string }) => ({
    subject: 'Votre adresse e-mail a été modifiée',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `Le ${d.when}, l’adresse e-mail de votre Espace Entreprise a été remplacée par ${d.newEmail}. Ce message est le dernier envoyé à cette adresse-ci.`,
      'Si vous n’êtes pas à l’origine de cette modification, contactez-nous sans attendre.',
    ],
  }),
  phone_changed_notice: (d: { firstName: string; maskedPhone: string; when: string }) => ({
    subject: 'Votre numéro de téléphone mobile a été modifié',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `Le ${d.when}, le numéro de téléphone mobile de votre Espace Entreprise a été remplacé par le ${d.maskedPhone}. Les codes de connexion par SMS seront envoyés à ce numéro.`,
      'Si vous n’êtes pas à l’origine de cette modification, changez votre mot de passe et contactez-nous sans attendre.',
    ],
  }),
  password_changed_notice: (d: { firstName: string; when: string; endedSessions: number }) => ({
    subject: 'Votre mot de passe a été modifié',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `Le ${d.when}, le mot de passe de votre Espace Entreprise a été modifié depuis « Mon profil ».${
        d.endedSessions > 0
          ? ` Vos autres sessions ouvertes (${d.endedSessions}) ont été fermées.`
          : ''
      }`,
      'Si vous n’êtes pas à l’origine de cette modification, réinitialisez votre mot de passe avec « Mot de passe oublié ? » et contactez-nous sans attendre.',
    ],
  }),
  /** To the employer's users who follow the establishment (SPEC §5.5, §5.8). */
  enrolment_finalised: (d: {
    firstName: string;
    employeeName: string;
    establishmentName: string;
    url: string;
  }) => ({
    subject: `${d.employeeName} a finalisé son formulaire d’affiliation`,
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `${d.employeeName} (${d.establishmentName}) a complété et validé son bulletin individuel d’affiliation en ligne. Sa demande est transmise à l’assureur pour validation.`,
    ],
    action: { label: 'Suivre les demandes d’affiliation', url: d.url },
  }),
  /** To the employee after « Valider », with their completed BIA attached (issue 14 #20). */
  enrolment_submitted: (d: { firstName: string; companyName: string }) => ({
    subject: 'Votre formulaire d’affiliation est bien envoyé',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `Votre formulaire d’affiliation à la complémentaire santé ${ofName(d.companyName)} est bien envoyé. Votre employeur en est informé et votre assureur santé va l’examiner.`,
      'Vous trouverez en pièce jointe votre bulletin individuel d’affiliation complété (PDF) : gardez-le, il récapitule les informations que vous avez données.',
    ],
    after: [
      'Si une information doit être corrigée ou complétée, votre assureur santé vous enverra un nouveau lien.',
    ],
  }),
  /**
   * To the employee when the insurer validates their affiliation (issue 20), with their
   * « Attestation d’affiliation » and « Carte de tiers payant » attached.
   */
  affiliation_certificates: (d: { firstName: string; companyName: string; from: string }) => ({
    subject: 'Votre affiliation à la complémentaire santé est validée',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `Votre affiliation à la complémentaire santé ${ofName(d.companyName)} est validée : vous êtes couvert(e) à partir du ${d.from}.`,
      'Vous trouverez en pièces jointes (PDF) votre attestation d’affiliation et votre carte de tiers payant. Présentez la carte avec votre carte Vitale à votre pharmacien ou à votre professionnel de santé : vous n’avancez pas la part prise en charge par votre complémentaire santé.',
    ],
    after: ['Votre employeur peut vous les remettre à nouveau à tout moment.'],
  }),
  /**
   * To the employee after « Envoyer ma demande de dispense » (issue 19), the request's PDF with
   * the sworn statement attached.
   */
  dispense_submitted: (d: { firstName: string; companyName: string; renewal: boolean }) => ({
    subject: d.renewal
      ? 'Votre renouvellement de dispense est bien envoyé'
      : 'Votre demande de dispense d’adhésion est bien envoyée',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      d.renewal
        ? `Le renouvellement de votre dispense d’adhésion à la complémentaire santé ${ofName(d.companyName)} est bien envoyé. Votre assureur santé va vérifier votre justificatif.`
        : `Votre demande de dispense d’adhésion à la complémentaire santé ${ofName(d.companyName)} est bien envoyée. Votre employeur en est informé et votre assureur santé va la vérifier.`,
      'Vous trouverez en pièce jointe votre demande signée (PDF) : gardez-la, elle récapitule votre déclaration sur l’honneur.',
    ],
    after: [
      'Si votre demande ne peut pas être acceptée, vous recevrez un e-mail avec un lien pour adhérer ou envoyer un autre justificatif.',
    ],
  }),
  /** To the insurer's team address: a new message or a follow-up (SPEC §5.7). */
  new_message_to_insurer: (d: {
    companyName: string;
    category: string;
    subject: string;
    followUp: boolean;
    url: string;
  }) => ({
    subject: d.followUp
      ? `Nouveau message ${ofName(d.companyName)} : ${d.subject}`
      : `Nouvelle demande ${ofName(d.companyName)} : ${d.subject}`,
    paragraphs: [
      'Bonjour,',
      d.followUp
        ? `${d.companyName} a complété sa demande « ${d.subject} » (${d.category}).`
        : `${d.companyName} a envoyé une nouvelle demande « ${d.subject} » (${d.category}).`,
      'Consultez-la et répondez depuis le back-office.',
    ],
    action: { label: 'Ouvrir la conversation', url: d.url },
  }),
  /** To the employee when the insurer returns their form (SPEC §6). */
  enrolment_returned: (d: {
    firstName: string;
    reason: string;
    url: string;
    validity: string;
  }) => ({
    subject: 'Votre formulaire d’affiliation est à compléter',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      'Votre assureur santé a examiné votre formulaire d’affiliation et vous demande de le compléter :',
      d.reason,
      'Reprenez votre formulaire avec ce lien (votre date de naissance vous sera demandée) :',
    ],
    action: { label: 'Compléter mon formulaire', url: d.url },
    after: [`Ce lien est valable ${d.validity}.`],
  }),
  affiliation_invitation: (d: {
    firstName: string;
    companyName: string;
    url: string;
    expiresOn: string;
  }) => ({
    subject: 'Votre affiliation à la complémentaire santé de votre entreprise',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `${d.companyName} vous affilie au contrat Frais de Santé de l’entreprise. Pour finaliser votre affiliation, complétez en ligne votre formulaire d’affiliation (bulletin individuel d’affiliation) :`,
    ],
    action: { label: 'Compléter mon formulaire', url: d.url },
    after: [
      `Ce lien personnel est valable jusqu’au ${d.expiresOn}. Votre date de naissance vous sera demandée pour y accéder.`,
      'Préparez votre RIB et votre attestation de droits Sécurité sociale : ils vous seront demandés.',
    ],
  }),
  affiliation_reminder: (d: {
    firstName: string;
    companyName: string;
    url: string;
    expiresOn: string;
  }) => ({
    subject: 'Rappel : finalisez votre affiliation à la complémentaire santé',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `${d.companyName} vous a affilié au contrat Frais de Santé de l’entreprise, mais votre formulaire d’affiliation n’est pas encore finalisé. Complétez-le en ligne :`,
    ],
    action: { label: 'Compléter mon formulaire', url: d.url },
    after: [
      `Ce nouveau lien est valable jusqu’au ${d.expiresOn} ; les liens reçus précédemment ne fonctionnent plus. Votre date de naissance vous sera demandée pour y accéder.`,
    ],
  }),
  /**
   * To a dispensed employee 30 days before the dispense's next deadline (issue 19, the job
   * jobs/dispense-jobs.ts): a yearly renewal due, or the end of the justification (the individual
   * contract's due date, the CSS's end, the fixed-term contract's end).
   */
  dispense_reminder: (d: {
    firstName: string;
    companyName: string;
    kind: 'end' | 'renewal';
    /** The last day the dispense holds (French date): the link works until then. */
    deadline: string;
    proof: string | null;
    url: string;
  }) => ({
    subject:
      d.kind === 'renewal'
        ? 'Votre dispense d’adhésion à la complémentaire santé est à renouveler'
        : 'Votre dispense d’adhésion à la complémentaire santé arrive à son terme',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      d.kind === 'renewal'
        ? `Vous êtes dispensé(e) d’adhérer à la complémentaire santé ${ofName(d.companyName)}. Cette dispense doit être justifiée de nouveau chaque année : renouvelez-la au plus tard le ${d.deadline}.`
        : `Vous êtes dispensé(e) d’adhérer à la complémentaire santé ${ofName(d.companyName)} jusqu’au ${d.deadline}. Pour garder votre dispense au-delà de cette date, envoyez un nouveau justificatif.`,
      d.proof
        ? `Justificatif à envoyer : ${d.proof.charAt(0).toLowerCase()}${d.proof.slice(1)}.`
        : 'Aucun justificatif n’est demandé : confirmez simplement votre demande.',
    ],
    action: { label: 'Renouveler ma dispense', url: d.url },
    after: [
      `Ce lien personnel est valable jusqu’au ${d.deadline} ; votre date de naissance vous sera demandée pour y accéder. Sans renouvellement, vous serez affilié(e) au contrat de l’entreprise.`,
    ],
  }),
  /**
   * To the departing employee (issue 18): the notice of the end of the group cover, its text
   * from the insurer's letter template (modules/radiations/notice.ts), its PDF attached.
   */
  radiation_notice: (d: { subject: string; paragraphs: string[] }) => ({
    subject: d.subject,
    paragraphs: d.paragraphs,
    after: ['Vous trouverez ce courrier en pièce jointe (PDF) : conservez-le.'],
  }),
  /**
   * To an insured employee (issue 20): the link their employer sent them to declare their
   * beneficiaries' changes (modules/member-links).
   */
  member_link: (d: { firstName: string; companyName: string; url: string; expiresOn: string }) => ({
    subject: 'Déclarez les changements de vos bénéficiaires',
    paragraphs: [
      `Bonjour ${d.firstName},`,
      `${d.companyName} vous invite à déclarer en ligne les changements des bénéficiaires de votre complémentaire santé : une naissance, un mariage ou un PACS, un nouveau concubin, un bénéficiaire à retirer ou à corriger.`,
    ],
    action: { label: 'Déclarer un changement', url: d.url },
    after: [
      `Ce lien personnel est valable jusqu’au ${d.expiresOn}. Votre date de naissance vous sera demandée pour y accéder.`,
      'Préparez le justificatif de l’événement (acte de naissance, acte de mariage, attestation de PACS…) : il vous sera demandé.',
    ],
  }),
  /** The email copy of an in-app notification (SPEC §5.8), see modules/notifications/notify. */
  notification: (d: {
    firstName: string;
    title: string;
    body: string | null;
    url: string | null;
  }) => ({
    subject: d.title,
    paragraphs: [`Bonjour ${d.firstName},`, ...(d.body ? [d.body] : [])],
    ...(d.url ? { action: { label: 'Voir dans mon espace', url: d.url } } : {}),
  }),
} satisfies Record<string, (data: never) => EmailContent>;

export type EmailTemplate = keyof typeof emailTemplates;
export type EmailTemplateData<T extends EmailTemplate> = Parameters<(typeof emailTemplates)[T]>[0];

const smsTemplates = {
  sign_in_code: (d: { code: string; brandName: string }) =>
    `${d.code} est votre code de connexion ${d.brandName}. Il expire dans 5 minutes. Ne le communiquez à personne.`,
  phone_change_code: (d: { code: string; brandName: string }) =>
    `${d.code} est votre code de confirmation de numéro ${d.brandName}. Il expire dans 5 minutes.`,
} satisfies Record<string, (data: never) => string>;

export type SmsTemplate = keyof typeof smsTemplates;
export type SmsTemplateData<T extends SmsTemplate> = Parameters<(typeof smsTemplates)[T]>[0];

export function renderSms<T extends SmsTemplate>(template: T, data: SmsTemplateData<T>): string {
  return (smsTemplates[template] as (d: SmsTemplateData<T>) => string)(data);
}

export function renderEmail<T extends EmailTemplate>(
  template: T,
  data: EmailTemplateData<T>,
  branding: Branding,
): RenderedEmail {
  const content = (emailTemplates[template] as (d: EmailTemplateData<T>) => EmailContent)(data);
  return layout(content, branding);
}

function layout(c: EmailContent, b: Branding): RenderedEmail {
  const signature = [
    `L’équipe ${b.brandName}`,
    `Besoin d’aide ? ${b.supportPhone}, ${b.supportHours}.`,
  ];
  const text = [
    ...c.paragraphs,
    ...(c.action ? [`${c.action.label} : ${c.action.url}`] : []),
    ...(c.after ?? []),
    '',
    ...signature,
  ].join('\n\n');
  const p = (t: string) => `<p style="margin:0 0 16px">${escapeHtml(t)}</p>`;
  const color = /^#[0-9a-fA-F]{6}$/.test(b.primaryColor) ? b.primaryColor : '#1d4f91';
  const button = c.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(c.action.url)}" style="background:${color};color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(c.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555">Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :<br><span style="word-break:break-all">${escapeHtml(c.action.url)}</span></p>`
    : '';
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(c.subject)}</title></head>
<body style="margin:0;background:#f4f6f9;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px;overflow:hidden">
<tr><td style="background:${color};color:#ffffff;padding:20px 24px;font-size:20px;font-weight:700">${escapeHtml(b.brandName)}</td></tr>
<tr><td style="padding:24px;font-size:15px;line-height:1.5">
${c.paragraphs.map(p).join('\n')}
${button}
${(c.after ?? []).map(p).join('\n')}
</td></tr>
<tr><td style="padding:16px 24px;background:#f0f2f5;font-size:13px;color:#444">${signature.map(escapeHtml).join('<br>')}</td></tr>
</table></td></tr></table></body></html>`;
  return { subject: `${c.subject} — ${b.brandName}`, text, html };
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
