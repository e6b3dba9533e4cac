import type { ReactNode } from 'react';
import { Alert, Checkbox, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { PROFESSIONAL_STATUS_LABELS } from '@affilia/shared/domain/enums';
import type { ProfessionalStatus } from '@affilia/shared/domain/enums';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { EnrolmentForm } from '../api/use-enrolment';
import type { SectionId } from '../enrolment-helpers';
import { checkIban, groupIban } from '../enrolment-helpers';
import type { EnrolmentFormApi } from '../form-values';
import { fieldId } from '../form-values';
import { AttachmentsField } from './attachments-field';
import { BeneficiariesFields } from './beneficiaries-fields';
import { ReadOnlyField } from './read-only-field';

const MONO_INPUT = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
const IBAN_INPUT = {
  input: {
    fontVariantNumeric: 'tabular-nums',
    fontSize: 'clamp(14px, 3.8vw, 16px)',
    paddingInline: 10,
  },
} as const;

interface SectionProps {
  token: string;
  data: EnrolmentForm;
  form: EnrolmentFormApi;
}

function professionalStatusLabel(status: string): string {
  return PROFESSIONAL_STATUS_LABELS[status as ProfessionalStatus] ?? status;
}

/** A text field of the form: its value, error and handlers, the id the error summary links to. */
function fieldInput(form: EnrolmentFormApi, path: string) {
  return { ...form.getInputProps(path), id: fieldId(path), size: 'md' as const };
}

/** 1. What the employer sent (read only), then the address. */
function IdentitySection({ data, form }: SectionProps) {
  const input = (path: string) => fieldInput(form, path);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Ces informations ont été transmises par votre employeur. Si l’une d’elles est inexacte,
        signalez-le-lui.
      </Text>
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="sm" m={0}>
        <ReadOnlyField label="Nom">{data.identity.lastName}</ReadOnlyField>
        <ReadOnlyField label="Prénom">{data.identity.firstName}</ReadOnlyField>
        <ReadOnlyField label="Date de naissance">
          {formatFrenchDate(data.identity.birthDate)}
        </ReadOnlyField>
        <ReadOnlyField label="Numéro de Sécurité sociale">{data.identity.maskedNir}</ReadOnlyField>
        <ReadOnlyField label="Statut professionnel">
          {professionalStatusLabel(data.identity.professionalStatus)}
        </ReadOnlyField>
        <ReadOnlyField label="Date d’affiliation">
          {formatFrenchDate(data.identity.affiliationDate)}
        </ReadOnlyField>
        <ReadOnlyField label="Entreprise">{data.company.name}</ReadOnlyField>
        <ReadOnlyField label="Établissement">{data.company.establishmentName}</ReadOnlyField>
      </SimpleGrid>
      <Title order={3} fz="md" mt="sm">
        Votre adresse
      </Title>
      <TextInput
        label="Adresse"
        required
        autoComplete="address-line1"
        {...input('address.addressLine1')}
      />
      <TextInput
        label="Complément d’adresse"
        autoComplete="address-line2"
        {...input('address.addressLine2')}
      />
      <TextInput
        label="Code postal"
        required
        inputMode="numeric"
        autoComplete="postal-code"
        {...input('address.postalCode')}
      />
      <TextInput label="Ville" required autoComplete="address-level2" {...input('address.city')} />
      <TextInput label="Pays" autoComplete="country-name" {...input('address.country')} />
      <TextInput label="Téléphone" type="tel" autoComplete="tel" {...input('address.phone')} />
    </Stack>
  );
}

/** 2. The spouse and children covered. */
function BeneficiariesSection({ data, form }: SectionProps) {
  return <BeneficiariesFields form={form} employeeMaskedNir={data.identity.maskedNir} />;
}

/** 3. The contract’s option, when it has some. */
function OptionSection({ data, form }: SectionProps) {
  return (
    <Stack gap="sm">
      {data.contract.options.length === 0 ? (
        <Text size="sm">Votre contrat « {data.contract.label} » ne propose pas d’option.</Text>
      ) : (
        <Radio.Group
          label="Option choisie"
          description={`Contrat « ${data.contract.label} » : la base est obligatoire ; vous pouvez choisir une option plus couvrante.`}
          required
          {...form.getInputProps('optionCode')}
          id={fieldId('optionCode')}
        >
          <Stack gap="sm" mt="sm">
            {data.contract.options.map((option) => (
              <Radio
                key={option.code}
                value={option.code}
                size="md"
                label={option.label}
                description={option.mandatory ? 'Couverture de base obligatoire' : undefined}
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
    </Stack>
  );
}

/** 4. Where the reimbursements are paid. */
function BankSection({ data, form }: SectionProps) {
  const input = (path: string) => fieldInput(form, path);
  const values = form.getValues();
  return (
    <Stack gap="md">
      <Text size="sm">
        Le compte sur lequel vos remboursements seront versés. Recopiez l’IBAN et le BIC de votre
        RIB.
      </Text>
      {data.maskedIban ? (
        <Alert color="teal" variant="light" icon={<IconCheck aria-hidden />}>
          IBAN enregistré : <strong>{data.maskedIban}</strong>. Pour le changer, saisissez le nouvel
          IBAN ci-dessous.
        </Alert>
      ) : null}
      <TextInput
        label={data.maskedIban ? 'Nouvel IBAN' : 'IBAN'}
        required={!data.maskedIban}
        description="Par exemple FR76 3000 6000 0112 3456 7890 189"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        {...input('iban')}
        value={groupIban(values.iban)}
        onChange={(event) => form.setFieldValue('iban', groupIban(event.currentTarget.value))}
        onBlur={() => {
          const check = checkIban(values.iban);
          form.setFieldError('iban', check.error);
        }}
        // A spaced French IBAN (33 characters) fits the field on a 375 px phone: the text font
        // (not monospace), a little smaller on narrow screens, less padding.
        styles={IBAN_INPUT}
      />
      <TextInput
        label="BIC"
        description="8 ou 11 caractères, par exemple BNPAFRPP"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        {...input('bic')}
        onChange={(event) =>
          form.setFieldValue('bic', event.currentTarget.value.toUpperCase().replace(/\s/g, ''))
        }
        styles={MONO_INPUT}
      />
    </Stack>
  );
}

/** 5. The consent to Noémie. */
function NoemieSection({ form }: SectionProps) {
  return (
    <Stack gap="sm">
      <Text size="sm">
        Avec la télétransmission Noémie, votre caisse d’assurance maladie transmet directement vos
        remboursements à votre complémentaire santé : vous n’avez plus à envoyer vos décomptes, et
        vous êtes remboursé plus vite.
      </Text>
      <Checkbox
        size="md"
        label="J’accepte la télétransmission de mes remboursements par ma caisse d’assurance maladie (Noémie)"
        {...form.getInputProps('noemieConsent', { type: 'checkbox' })}
        id={fieldId('noemieConsent')}
      />
    </Stack>
  );
}

/** 6. The RIB, the social security certificate and other files. */
function AttachmentsSection({ token, data, form }: SectionProps) {
  return (
    <Stack gap="md">
      <AttachmentsField
        token={token}
        kind="rib"
        required
        attachments={data.attachments}
        serverError={form.errors['attachments.rib'] as string | undefined}
      />
      <AttachmentsField
        token={token}
        kind="social_security_certificate"
        required
        attachments={data.attachments}
        serverError={form.errors['attachments.social_security_certificate'] as string | undefined}
      />
      <AttachmentsField
        token={token}
        kind="other"
        required={false}
        attachments={data.attachments}
      />
    </Stack>
  );
}

/** 7. « Je certifie… ». */
function CertificationSection({ form }: SectionProps) {
  return (
    <Checkbox
      size="md"
      label="Je certifie l’exactitude des informations de ce bulletin d’affiliation."
      {...form.getInputProps('certified', { type: 'checkbox' })}
      id={fieldId('certified')}
    />
  );
}

const SECTIONS: Record<SectionId, (props: SectionProps) => ReactNode> = {
  identite: IdentitySection,
  'ayants-droit': BeneficiariesSection,
  option: OptionSection,
  banque: BankSection,
  noemie: NoemieSection,
  pieces: AttachmentsSection,
  certification: CertificationSection,
};

/** The fields of one section of the BIA (SPEC §5.5), in its accordion panel. */
export function EnrolmentSection({ section, ...props }: SectionProps & { section: SectionId }) {
  const Section = SECTIONS[section];
  return <Section {...props} />;
}
