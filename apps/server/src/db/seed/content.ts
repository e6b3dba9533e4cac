/**
 * The fixed content of the demo: the fictional insurer, its companies and establishments,
 * the terms of use, the « Conseils et astuces », the documents and the conversations.
 * Every name is fictional (streets and cities are real places).
 */
import type { PdfBlock, PdfContent } from '../../lib/pdf';
import { CONTRACT_OPTIONS } from './generators';

export const DEMO_INSURER = {
  brandName: 'Mutuelle Horizon Prévoyance',
  /** Dark enough for white text and for text on white (contrast 8.6:1, WCAG AA and AAA). */
  primaryColor: '#1d4f91',
  supportPhone: '01 23 45 67 89',
  supportHours: 'du lundi au vendredi de 8h30 à 17h00',
  supportEmail: 'entreprises@mutuelle-horizon.example',
  postalAddress:
    'Mutuelle Horizon Prévoyance\nService Affiliations Entreprises\nTSA 40127\n69441 Lyon Cedex 03',
  ccnName: 'Immobilier',
  idcc: '1527',
} as const;

export interface DemoEstablishmentDef {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  /** Relative share of the company's members. */
  weight: number;
}

export interface DemoCompanyDef {
  key: 'valmont' | 'marceau' | 'deuxRives';
  name: string;
  /** « Identifiant entreprise ». */
  identifier: string;
  contractStart: string;
  /** One contract per collège; 'all' for a single whole-staff contract. */
  categories: readonly ('cadre' | 'non_cadre' | 'all')[];
  /** Members created by the random generator (validated enrolments add a few more). */
  randomMembers: number;
  establishments: readonly DemoEstablishmentDef[];
}

/**
 * The last establishment of each company is followed by nobody: its space is "not activated"
 * (see DemoInfo.activation).
 */
// prettier-ignore
export const DEMO_COMPANIES: readonly DemoCompanyDef[] = [
  {
    key: 'valmont',
    name: 'Valmont Immobilier',
    identifier: 'MHP104527',
    contractStart: '2018-01-01',
    categories: ['non_cadre', 'cadre'],
    randomMembers: 198,
    establishments: [
      { name: 'Valmont Immobilier - Siège', street: '42 avenue de Friedland', postalCode: '75008', city: 'Paris', weight: 30 },
      { name: 'Valmont Immobilier Paris Convention', street: '118 rue de la Convention', postalCode: '75015', city: 'Paris', weight: 16 },
      { name: 'Valmont Immobilier Boulogne', street: '25 boulevard Jean Jaurès', postalCode: '92100', city: 'Boulogne-Billancourt', weight: 12 },
      { name: 'Valmont Immobilier Versailles', street: '8 rue de la Paroisse', postalCode: '78000', city: 'Versailles', weight: 10 },
      { name: 'Valmont Immobilier Lille Grand Place', street: '14 rue Esquermoise', postalCode: '59000', city: 'Lille', weight: 14 },
      { name: "Valmont Immobilier Lyon Presqu’île", street: '31 rue de la République', postalCode: '69002', city: 'Lyon', weight: 18 },
      { name: 'Valmont Immobilier Lyon Brotteaux', street: '62 boulevard des Belges', postalCode: '69006', city: 'Lyon', weight: 12 },
      { name: 'Valmont Immobilier Marseille Prado', street: '205 avenue du Prado', postalCode: '13008', city: 'Marseille', weight: 16 },
      { name: 'Valmont Immobilier Aix-en-Provence', street: '3 cours Mirabeau', postalCode: '13100', city: 'Aix-en-Provence', weight: 10 },
      { name: 'Valmont Immobilier Nice Masséna', street: '17 avenue Jean Médecin', postalCode: '06000', city: 'Nice', weight: 12 },
      { name: 'Valmont Immobilier Bordeaux Chartrons', street: '48 quai des Chartrons', postalCode: '33000', city: 'Bordeaux', weight: 14 },
      { name: 'Valmont Immobilier Toulouse Capitole', street: "9 rue d’Alsace-Lorraine", postalCode: '31000', city: 'Toulouse', weight: 16 },
    ],
  },
  {
    key: 'marceau',
    name: 'Syndic Marceau & Fils',
    identifier: 'MHP218364',
    contractStart: '2020-01-01',
    categories: ['non_cadre', 'cadre'],
    randomMembers: 64,
    establishments: [
      { name: 'Syndic Marceau & Fils - Siège Nantes', street: '6 place Graslin', postalCode: '44000', city: 'Nantes', weight: 30 },
      { name: 'Syndic Marceau & Fils Rennes', street: '21 quai Lamennais', postalCode: '35000', city: 'Rennes', weight: 20 },
      { name: 'Syndic Marceau & Fils Angers', street: '12 rue Lenepveu', postalCode: '49100', city: 'Angers', weight: 15 },
    ],
  },
  {
    key: 'deuxRives',
    name: 'Agence des Deux Rives',
    identifier: 'MHP305791',
    contractStart: '2022-07-01',
    categories: ['all'],
    randomMembers: 35,
    establishments: [
      { name: 'Agence des Deux Rives Strasbourg', street: '5 quai des Bateliers', postalCode: '67000', city: 'Strasbourg', weight: 22 },
      { name: 'Agence des Deux Rives Colmar', street: "30 Grand’Rue", postalCode: '68000', city: 'Colmar', weight: 13 },
    ],
  },
];

export const TERMS = {
  version: '2026-01',
  title: 'Conditions générales d’utilisation',
  content: `# Conditions générales d'utilisation de l'espace entreprise

*Version 2026-01*

## 1. Objet
Les présentes conditions encadrent l'utilisation de l'espace entreprise mis à disposition par Mutuelle Horizon Prévoyance (« l'assureur ») aux entreprises adhérentes à un contrat collectif de complémentaire santé. L'espace permet de consulter les salariés assurés, de pré-affilier les nouveaux salariés, de suivre leurs demandes d'affiliation, de télécharger les documents du régime et d'échanger avec l'assureur.

## 2. Accès à l'espace
L'accès est réservé aux personnes habilitées par l'entreprise : administrateurs, utilisateurs et tiers déclarants. Chaque utilisateur dispose d'identifiants personnels (adresse e-mail et mot de passe) complétés d'un second facteur d'authentification (code reçu par SMS ou application d'authentification). Les identifiants ne doivent jamais être communiqués à un tiers.

## 3. Responsabilités de l'entreprise
L'entreprise désigne au moins un administrateur, qui attribue et retire les habilitations. Elle s'assure de l'exactitude des informations saisies lors des pré-affiliations et informe ses salariés de la transmission de leurs données à l'assureur.

## 4. Données personnelles
Les données des salariés (identité, numéro de sécurité sociale, coordonnées bancaires) sont traitées par l'assureur pour la gestion du contrat collectif, sur le fondement de l'exécution du contrat et de ses obligations légales. Elles sont chiffrées et conservées pendant la durée du contrat puis pendant les durées de prescription applicables. Chaque personne dispose d'un droit d'accès, de rectification, d'effacement, de limitation et d'opposition, qu'elle exerce auprès du délégué à la protection des données : dpo@mutuelle-horizon.example. Elle peut saisir la CNIL.

## 5. Traçabilité
Les connexions et les opérations réalisées dans l'espace (affiliations, habilitations, exports) sont enregistrées afin d'assurer la sécurité du service, et conservées un an.

## 6. Disponibilité
L'assureur s'efforce d'assurer l'accès au service en continu, sauf opérations de maintenance. Pour toute question, nos conseillers vous répondent au 01 23 45 67 89, du lundi au vendredi de 8h30 à 17h00.

## 7. Évolution des conditions
Les présentes conditions peuvent évoluer. La nouvelle version est présentée à la connexion suivante et doit être acceptée pour continuer à utiliser l'espace.
`,
} as const;

export const TIPS: readonly { title: string; body: string }[] = [
  {
    title: 'Pré-affiliez vos nouveaux salariés dès leur arrivée',
    body: 'Le salarié est couvert dès son entrée dans l’entreprise. En le pré-affiliant le jour de son embauche, il reçoit aussitôt son formulaire d’affiliation par e-mail et ses premiers remboursements ne prennent pas de retard.',
  },
  {
    title: 'La portabilité des droits en cas de départ',
    body: 'Un salarié dont le contrat de travail prend fin (hors faute lourde) et qui est indemnisé par France Travail conserve gratuitement sa couverture santé pendant la durée de son dernier contrat, dans la limite de 12 mois. Déclarez son départ avec « Radier » depuis sa fiche dans « Mes salariés » : la durée de sa portabilité est calculée et il reçoit la notice de fin de ses garanties.',
  },
  {
    title: 'Les dispenses d’adhésion',
    body: 'Certains salariés peuvent demander à être dispensés d’adhérer au régime : contrat court, couverture obligatoire en tant qu’ayant droit de leur conjoint, bénéficiaires de la complémentaire santé solidaire… La demande écrite du salarié et ses justificatifs sont à conserver par l’entreprise.',
  },
  {
    title: 'Sécurisez votre accès',
    body: 'Pour plus de sécurité, utilisez une application d’authentification plutôt que le code SMS : rendez-vous dans « Mon profil », rubrique « Double authentification ». Et n’oubliez pas de retirer les habilitations des personnes qui quittent votre entreprise.',
  },
];

const OPTION_COLUMNS = [
  { title: 'Garantie', width: 3 },
  ...CONTRACT_OPTIONS.map((o) => ({ title: o.label, width: 1.5 })),
];

function guaranteesTable(cadre: boolean): PdfBlock {
  const boost = (v: number) => `${cadre ? v + 25 : v} % BR`;
  return {
    kind: 'table',
    columns: OPTION_COLUMNS,
    // prettier-ignore
    rows: [
      ['Hospitalisation : frais de séjour', '100 % BR', '100 % BR', '100 % BR', '100 % BR', '100 % BR'],
      ['Honoraires chirurgicaux (DPTAM)', boost(150), boost(200), boost(250), boost(300), boost(350)],
      ['Chambre particulière (par jour)', '50 €', '60 €', '70 €', '80 €', '100 €'],
      ['Consultations généralistes (DPTAM)', boost(100), boost(130), boost(150), boost(180), boost(200)],
      ['Pharmacie remboursée', '100 % BR', '100 % BR', '100 % BR', '100 % BR', '100 % BR'],
      ['Optique : équipement 100 % Santé', 'Frais réels', 'Frais réels', 'Frais réels', 'Frais réels', 'Frais réels'],
      ['Optique : verres simples (tarif libre)', '100 €', '150 €', '200 €', '250 €', '300 €'],
      ['Dentaire : soins', '100 % BR', '125 % BR', '150 % BR', '175 % BR', '200 % BR'],
      ['Dentaire : prothèses hors 100 % Santé', boost(125), boost(200), boost(275), boost(350), boost(400)],
      ['Aides auditives (par oreille, tous les 4 ans)', '400 €', '600 €', '800 €', '1 000 €', '1 200 €'],
      ['Médecines douces (par an)', '-', '100 €', '150 €', '200 €', '250 €'],
    ],
  };
}

function guaranteesSummary(cadre: boolean): PdfContent {
  const college = cadre ? 'Cadres' : 'Non cadres';
  return {
    title: `Résumé des garanties - ${college}`,
    subtitle: `Convention collective nationale de l’immobilier (IDCC 1527) - contrat « BASE CCN ${cadre ? 'C' : 'NC'} RG Oblig/Options 1 2 3 4 Fac »`,
    blocks: [
      {
        kind: 'paragraph',
        text: `Ce résumé présente les principales garanties du régime frais de santé des salariés ${cadre ? 'cadres' : 'non cadres'}. La base est obligatoire ; les options 1 à 4 sont facultatives et s’ajoutent à la base, au choix du salarié. Les montants incluent le remboursement de la Sécurité sociale (BR : base de remboursement de la Sécurité sociale).`,
      },
      { kind: 'heading', text: 'Tableau des garanties' },
      guaranteesTable(cadre),
      { kind: 'heading', text: 'Cotisations mensuelles (2026)' },
      {
        kind: 'bullets',
        items: [
          `Base obligatoire : ${cadre ? '1,45' : '1,20'} % du plafond mensuel de la Sécurité sociale, financée à 50 % au moins par l’employeur.`,
          'Options 1 à 4 : de 8,50 € à 42,00 € par mois selon l’option, à la charge du salarié.',
          'Extension aux ayants droit : tarif famille disponible sur simple demande.',
        ],
      },
      {
        kind: 'paragraph',
        text: 'Document non contractuel. Seules les conditions générales et particulières du contrat et la notice d’information engagent l’assureur.',
      },
    ],
  };
}

export interface DemoDocumentDef {
  key: string;
  title: string;
  description: string;
  category:
    | 'benefits_summary'
    | 'information_notice'
    | 'portability_form'
    | 'paper_enrolment_form'
    | 'other';
  scope: 'all' | 'ccn' | 'company';
  /** For scope 'company'. */
  companyKey?: DemoCompanyDef['key'];
  /** One PDF per version, oldest first. */
  versions: PdfContent[];
  /** Days before now of the first version; later versions 30 days apart. */
  publishedDaysAgo: number;
}

function notice(edition: string, extra: PdfBlock[]): PdfContent {
  return {
    title: 'Notice d’information - Frais de santé',
    subtitle: `Valmont Immobilier - contrats collectifs obligatoires - édition ${edition}`,
    blocks: [
      {
        kind: 'paragraph',
        text: 'Cette notice, établie par Mutuelle Horizon Prévoyance, vous est remise par votre employeur. Elle décrit les garanties, leurs conditions d’application, les formalités à accomplir et les démarches en cas de sinistre.',
      },
      { kind: 'heading', text: '1. Qui est assuré ?' },
      {
        kind: 'paragraph',
        text: 'L’ensemble des salariés de l’entreprise, cadres et non cadres, sans condition d’ancienneté, à l’exception de ceux qui ont fait valoir un cas de dispense prévu par la réglementation. Vos ayants droit (conjoint, partenaire de PACS, concubin, enfants à charge) peuvent être couverts à titre facultatif.',
      },
      { kind: 'heading', text: '2. Date d’effet et fin des garanties' },
      {
        kind: 'paragraph',
        text: 'Les garanties prennent effet à votre date d’entrée dans l’entreprise. Elles cessent à la rupture du contrat de travail, sous réserve du maintien des droits au titre de la portabilité (article L. 911-8 du Code de la Sécurité sociale).',
      },
      { kind: 'heading', text: '3. Vos démarches' },
      {
        kind: 'bullets',
        items: [
          'Complétez votre bulletin individuel d’affiliation en ligne à partir du lien reçu par e-mail, ou sur papier.',
          'Joignez un RIB et votre attestation de droits à la Sécurité sociale.',
          'Acceptez la télétransmission (Noémie) pour être remboursé sans envoyer vos décomptes.',
        ],
      },
      { kind: 'heading', text: '4. Réclamations et médiation' },
      {
        kind: 'paragraph',
        text: 'Pour toute réclamation, contactez votre conseiller au 01 23 45 67 89 (du lundi au vendredi de 8h30 à 17h00). En cas de désaccord persistant, vous pouvez saisir le médiateur de l’assurance.',
      },
      ...extra,
    ],
  };
}

export const DEMO_DOCUMENTS: readonly DemoDocumentDef[] = [
  {
    key: 'summary-non-cadre',
    title: 'Résumé des garanties - Non cadres',
    description:
      'Tableau des garanties de la base obligatoire et des options 1 à 4, collège non cadre.',
    category: 'benefits_summary',
    scope: 'ccn',
    versions: [guaranteesSummary(false)],
    publishedDaysAgo: 120,
  },
  {
    key: 'summary-cadre',
    title: 'Résumé des garanties - Cadres',
    description:
      'Tableau des garanties de la base obligatoire et des options 1 à 4, collège cadre.',
    category: 'benefits_summary',
    scope: 'ccn',
    versions: [guaranteesSummary(true)],
    publishedDaysAgo: 120,
  },
  {
    key: 'notice',
    title: 'Notice d’information',
    description: 'La notice à remettre à chaque salarié (article L. 141-4 du Code des assurances).',
    category: 'information_notice',
    scope: 'company',
    companyKey: 'valmont',
    versions: [
      notice('2025', []),
      notice('2026', [
        { kind: 'heading', text: '5. Ce qui change au 1er janvier 2026' },
        {
          kind: 'bullets',
          items: [
            'Revalorisation du forfait médecines douces des options 2 à 4.',
            'Prise en charge des consultations de psychologue (dispositif Mon soutien psy) dès la base.',
          ],
        },
      ]),
    ],
    publishedDaysAgo: 75,
  },
  {
    key: 'portability',
    title: 'Formulaire de portabilité',
    description: 'À remettre au salarié qui quitte l’entreprise pour le maintien de ses garanties.',
    category: 'portability_form',
    scope: 'all',
    versions: [
      {
        title: 'Demande de maintien des garanties au titre de la portabilité',
        subtitle: 'Article L. 911-8 du Code de la Sécurité sociale',
        blocks: [
          {
            kind: 'paragraph',
            text: 'À compléter par l’employeur et l’ancien salarié, puis à retourner à Mutuelle Horizon Prévoyance avec l’attestation d’ouverture de droits à l’assurance chômage, dans les 30 jours qui suivent la fin du contrat de travail.',
          },
          { kind: 'heading', text: 'Partie à compléter par l’employeur' },
          {
            kind: 'fields',
            labels: [
              'Raison sociale :',
              'SIRET :',
              'Identifiant entreprise :',
              'Date de fin du contrat de travail :',
              'Motif de la rupture :',
              'Durée du dernier contrat de travail (en mois) :',
            ],
          },
          { kind: 'heading', text: 'Partie à compléter par l’ancien salarié' },
          {
            kind: 'fields',
            labels: [
              'Nom et prénom :',
              'Numéro de sécurité sociale :',
              'Adresse :',
              'Adresse e-mail :',
              'Date et signature :',
            ],
          },
        ],
      },
    ],
    publishedDaysAgo: 200,
  },
  {
    key: 'paper-bia',
    title: 'Bulletin individuel d’affiliation (BIA papier)',
    description: 'Pour les salariés qui s’affilient par courrier.',
    category: 'paper_enrolment_form',
    scope: 'all',
    versions: [
      {
        title: 'Bulletin individuel d’affiliation - Frais de santé',
        subtitle:
          'À retourner complété et signé à : Mutuelle Horizon Prévoyance, Service Affiliations Entreprises, TSA 40127, 69441 Lyon Cedex 03',
        blocks: [
          { kind: 'heading', text: 'Entreprise' },
          { kind: 'fields', labels: ['Raison sociale :', 'SIRET :', 'Identifiant entreprise :'] },
          { kind: 'heading', text: 'Salarié' },
          {
            kind: 'fields',
            labels: [
              'Nom de naissance :',
              'Nom d’usage :',
              'Prénom :',
              'Date de naissance :',
              'Numéro de sécurité sociale (15 caractères) :',
              'Adresse :',
              'Code postal et ville :',
              'Téléphone mobile :',
              'Adresse e-mail :',
              'Date d’entrée dans l’entreprise :',
              'Statut : [ ] Cadre   [ ] Non cadre',
            ],
          },
          { kind: 'heading', text: 'Choix de la couverture' },
          {
            kind: 'bullets',
            items: [
              '[ ] Base obligatoire seule',
              '[ ] Base + Option 1    [ ] Base + Option 2    [ ] Base + Option 3    [ ] Base + Option 4',
            ],
          },
          { kind: 'heading', text: 'Ayants droit' },
          {
            kind: 'table',
            columns: [
              { title: 'Lien', width: 2 },
              { title: 'Nom et prénom', width: 4 },
              { title: 'Date de naissance', width: 2 },
              { title: 'N° de sécurité sociale de rattachement', width: 4 },
            ],
            rows: [
              ['', '', '', ''],
              ['', '', '', ''],
              ['', '', '', ''],
            ],
          },
          { kind: 'heading', text: 'Remboursements' },
          {
            kind: 'fields',
            labels: ['IBAN :', 'BIC :', '[ ] J’accepte la télétransmission Noémie avec ma caisse'],
          },
          {
            kind: 'paragraph',
            text: 'Pièces à joindre : un RIB à votre nom et votre attestation de droits à la Sécurité sociale. Je certifie l’exactitude des renseignements ci-dessus.',
          },
          { kind: 'fields', labels: ['Fait à :', 'Le :', 'Signature :'] },
        ],
      },
    ],
    publishedDaysAgo: 200,
  },
  {
    key: 'portal-guide',
    title: 'Guide de l’espace entreprise',
    description: 'Toutes les fonctionnalités de votre espace, pas à pas.',
    category: 'other',
    scope: 'all',
    versions: [
      {
        title: 'Guide de l’espace entreprise',
        subtitle: 'Gérez vos salariés assurés en quelques clics',
        blocks: [
          { kind: 'heading', text: '1. Activer mon espace' },
          {
            kind: 'paragraph',
            text: 'Cliquez sur « Activer mon espace » et saisissez le numéro de SIRET de votre établissement et l’identifiant entreprise figurant sur nos courriers. Renseignez ensuite vos nom, prénom, adresse e-mail et téléphone mobile, puis choisissez un mot de passe d’au moins 12 caractères.',
          },
          { kind: 'heading', text: '2. La double authentification' },
          {
            kind: 'paragraph',
            text: 'Un code de sécurité vous est envoyé par SMS lorsque vous vous connectez depuis un nouveau navigateur, depuis une nouvelle adresse IP ou après trois mois sans connexion. Vous pouvez aussi utiliser une application d’authentification.',
          },
          { kind: 'heading', text: '3. Les rubriques' },
          {
            kind: 'bullets',
            items: [
              '« Mes salariés » : la liste de vos salariés assurés, leur contrat, leur date d’effet et leur date de fin, avec export.',
              '« Pré-affiliation » : déclarez un nouveau salarié ; il reçoit son formulaire par e-mail ou par courrier.',
              '« Suivi des demandes d’affiliation » : l’état de chaque demande, les relances et les annulations.',
              '« Mes documents pratiques » : résumés de garanties, notice, formulaires.',
              '« Mes habilitations » (administrateurs) : donnez accès à vos collègues et à vos tiers déclarants.',
              '« Nous contacter » : écrivez à nos conseillers et suivez leurs réponses.',
            ],
          },
          { kind: 'heading', text: '4. Besoin d’aide ?' },
          {
            kind: 'paragraph',
            text: 'Nos conseillers vous accompagnent du lundi au vendredi de 8h30 à 17h00 sur votre ligne dédiée : 01 23 45 67 89 (numéro non surtaxé).',
          },
        ],
      },
    ],
    publishedDaysAgo: 90,
  },
];

/** A fictional bank document for an enrolment attachment. */
export function ribPdf(holder: string, iban: string, bic: string): PdfContent {
  return {
    title: 'Relevé d’identité bancaire',
    subtitle: 'Banque Populaire des Tilleuls (établissement fictif)',
    blocks: [
      {
        kind: 'fields',
        labels: [
          `Titulaire : ${holder}`,
          `IBAN : ${iban.replace(/(.{4})/g, '$1 ').trim()}`,
          `BIC : ${bic}`,
        ],
      },
    ],
  };
}

/** A fictional social security certificate for an enrolment attachment. */
export function certificatePdf(holder: string, nir15: string): PdfContent {
  return {
    title: 'Attestation de droits à l’assurance maladie',
    subtitle: 'Caisse primaire d’assurance maladie (document fictif de démonstration)',
    blocks: [
      {
        kind: 'fields',
        labels: [
          `Assuré : ${holder}`,
          `Numéro de sécurité sociale : ${nir15}`,
          'Droits ouverts : oui',
        ],
      },
    ],
  };
}

/** The insurer's logo, a small SVG in the brand colour. */
export function logoSvg(brandName: string, color: string): string {
  const escaped = brandName.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="64" viewBox="0 0 320 64" role="img" aria-label="${escaped}">
  <circle cx="32" cy="40" r="22" fill="${color}"/>
  <rect x="4" y="40" width="56" height="24" fill="#ffffff"/>
  <rect x="6" y="42" width="52" height="3" fill="${color}"/>
  <text x="68" y="30" font-family="Helvetica, Arial, sans-serif" font-size="18" font-weight="700" fill="${color}">${escaped.split(' ').slice(0, 2).join(' ')}</text>
  <text x="68" y="52" font-family="Helvetica, Arial, sans-serif" font-size="15" fill="#333333">${escaped.split(' ').slice(2).join(' ')}</text>
</svg>
`;
}
