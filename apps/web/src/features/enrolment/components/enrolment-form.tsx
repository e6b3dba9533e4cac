import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck } from '@tabler/icons-react';
import { PROFESSIONAL_STATUS_LABELS } from '@affilia/shared/domain/enums';
import type { ProfessionalStatus } from '@affilia/shared/domain/enums';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { useDocumentTitle } from '../../../lib/document-title';
import { formatDateTime } from '../../../lib/format-date';
import { errorCode, errorMessage, fieldErrors } from '../../../lib/form-errors';
import type { EnrolmentForm } from '../api/use-enrolment';
import { useSaveDraft, useSubmitEnrolment } from '../api/use-enrolment';
import type { SectionId } from '../enrolment-helpers';
import {
  SECTION_IDS,
  SECTION_TITLES,
  checkIban,
  groupIban,
  sectionCompleteness,
  sectionOfField,
} from '../enrolment-helpers';
import type { EnrolmentValues } from '../form-values';
import { fieldId, initialValues, toDraft, validateValues } from '../form-values';
import { AttachmentsField } from './attachments-field';
import { BeneficiariesFields } from './beneficiaries-fields';
import { SubmitConfirmModal } from './submit-confirm-modal';
import { ReadOnlyField } from './read-only-field';

const ACCESS_LOST = ['form_session_required', 'form_link_invalid', 'form_link_expired'];
const SUMMARY_ID = 'erreurs-formulaire';
const MONO_INPUT = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
const IBAN_INPUT = {
  input: {
    fontVariantNumeric: 'tabular-nums',
    fontSize: 'clamp(14px, 3.8vw, 16px)',
    paddingInline: 10,
  },
} as const;
/** The action bar's labels may take two lines on a narrow phone rather than be cut. */
const WRAP_LABEL = {
  label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.25 },
} as const;

function professionalStatusLabel(status: string): string {
  return PROFESSIONAL_STATUS_LABELS[status as ProfessionalStatus] ?? status;
}

/** Where a field is, for the error summary: its section, or « Ayant droit 2 ». */
function fieldPlace(field: string): string {
  const beneficiary = /^beneficiaries\.(\d+)\./.exec(field);
  if (beneficiary) return `Ayant droit ${Number(beneficiary[1]) + 1}`;
  return SECTION_TITLES[sectionOfField(field)];
}

/** The link of the error summary to a field: opens its section, then focuses it. */
function ErrorLink({
  field,
  message,
  onOpen,
}: {
  field: string;
  message: string;
  onOpen: (section: SectionId, field: string) => void;
}) {
  return (
    <Anchor
      href={`#${fieldId(field)}`}
      size="sm"
      c="red.9"
      td="underline"
      onClick={(event) => {
        event.preventDefault();
        onOpen(sectionOfField(field), field);
      }}
    >
      {fieldPlace(field)} : {message}
    </Anchor>
  );
}

/** The employee's online BIA (SPEC §5.5), once the birth date was confirmed. */
export function EnrolmentFormView({
  token,
  data,
  onSubmitted,
  onAccessLost,
}: {
  token: string;
  data: EnrolmentForm;
  onSubmitted: () => void;
  /** The form session ended (401) or the link died (404/410): the page starts over. */
  onAccessLost: (error: unknown) => void;
}) {
  const title = 'Votre bulletin d’affiliation';
  useDocumentTitle(title);
  const save = useSaveDraft(token);
  const submit = useSubmitEnrolment(token);
  const form = useAppForm<EnrolmentValues>({
    mode: 'controlled',
    initialValues: initialValues(data),
    // The same checks as « Enregistrer » and « Valider »: a field's error goes once it is fixed.
    validate: validateValues,
  });
  const [open, setOpen] = useState<string[]>(['identite']);
  const [summary, setSummary] = useState<{
    message: string;
    fields: Record<string, string>;
  } | null>(null);
  const [confirming, setConfirming] = useState<EnrolmentForm | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const busy = save.isPending || submit.isPending;
  const values = form.getValues();

  useEffect(() => headingRef.current?.focus(), []);

  const hasIban = data.maskedIban !== null || checkIban(values.iban).value !== null;
  const complete = sectionCompleteness({
    address: values.address,
    beneficiaries: values.beneficiaries,
    hasOptions: data.contract.options.length > 0,
    optionCode: values.optionCode,
    hasIban,
    attachmentKinds: data.attachments.map((a) => a.kind),
    certified: values.certified,
  });

  const focusField = (section: SectionId, field: string) => {
    setOpen((current) => (current.includes(section) ? current : [...current, section]));
    // The section's panel opens (and mounts) first.
    window.setTimeout(() => {
      const element =
        document.getElementById(fieldId(field)) ??
        document.querySelector<HTMLElement>(`[data-section="${section}"]`);
      element?.focus();
      element?.scrollIntoView({ block: 'center' });
    }, 250);
  };

  const showErrors = (message: string, fields: Record<string, string>) => {
    form.setErrors(fields);
    const sections = [...new Set(Object.keys(fields).map(sectionOfField))];
    setOpen((current) => [...new Set([...current, ...sections])]);
    setSummary({ message, fields });
    window.requestAnimationFrame(() => summaryRef.current?.focus());
  };

  /** Checks the formats, then saves; resolves with the saved form, or null. */
  const saveDraft = async (): Promise<EnrolmentForm | null> => {
    const errors = validateValues(form.getValues());
    if (Object.keys(errors).length > 0) {
      showErrors('Corrigez les champs signalés avant d’enregistrer.', errors);
      return null;
    }
    try {
      const saved = await save.mutateAsync(toDraft(form.getValues()));
      form.setFieldValue('iban', '');
      form.setFieldValue('bic', saved.bic ?? '');
      form.clearErrors();
      setSummary(null);
      return saved;
    } catch (error) {
      if (ACCESS_LOST.includes(errorCode(error) ?? '')) {
        onAccessLost(error);
        return null;
      }
      showErrors(errorMessage(error), fieldErrors(error));
      return null;
    }
  };

  const onSaveDraft = async () => {
    if (busy) return;
    if (await saveDraft()) {
      notifications.show({
        color: 'teal',
        icon: <IconCheck size={18} aria-hidden />,
        closeButtonProps: { 'aria-label': 'Fermer la notification' },
        message:
          'Votre brouillon a été enregistré. Vous pourrez reprendre plus tard avec le même lien.',
      });
    }
  };

  /** « Valider »: saved, then a summary to confirm before anything is sent. */
  const onValidate = async () => {
    if (busy) return;
    const saved = await saveDraft();
    if (saved) setConfirming(saved);
  };

  const onConfirm = async () => {
    try {
      await submit.mutateAsync(form.getValues().certified);
      setConfirming(null);
      onSubmitted();
    } catch (error) {
      setConfirming(null);
      if (ACCESS_LOST.includes(errorCode(error) ?? '')) onAccessLost(error);
      else showErrors(errorMessage(error), fieldErrors(error));
    }
  };

  // The summary follows the fields: an error fixed since (a field, or a file now attached)
  // leaves the list.
  const attachedKinds = new Set(data.attachments.map((a) => `attachments.${a.kind}`));
  const summaryFields = summary
    ? Object.entries(form.errors).flatMap(([field, message]) =>
        typeof message === 'string' && !attachedKinds.has(field) ? [[field, message] as const] : [],
      )
    : [];
  const input = (path: string) => ({
    ...form.getInputProps(path),
    id: fieldId(path),
    size: 'md' as const,
  });

  const sectionContent: Record<SectionId, ReactNode> = {
    identite: (
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
          <ReadOnlyField label="Numéro de Sécurité sociale">
            {data.identity.maskedNir}
          </ReadOnlyField>
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
        <TextInput
          label="Ville"
          required
          autoComplete="address-level2"
          {...input('address.city')}
        />
        <TextInput label="Pays" autoComplete="country-name" {...input('address.country')} />
        <TextInput label="Téléphone" type="tel" autoComplete="tel" {...input('address.phone')} />
      </Stack>
    ),
    'ayants-droit': <BeneficiariesFields form={form} employeeMaskedNir={data.identity.maskedNir} />,
    option: (
      <Stack gap="sm">
        {data.contract.options.length === 0 ? (
          <Text size="sm">Votre contrat « {data.contract.label} » ne propose pas d’option.</Text>
        ) : (
          <Radio.Group
            label="Option choisie"
            description={`Contrat « ${data.contract.label} » : la base est obligatoire ; vous pouvez choisir une option plus couvrante.`}
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
    ),
    banque: (
      <Stack gap="md">
        <Text size="sm">
          Le compte sur lequel vos remboursements seront versés. Recopiez l’IBAN et le BIC de votre
          RIB.
        </Text>
        {data.maskedIban ? (
          <Alert color="teal" variant="light" icon={<IconCheck aria-hidden />}>
            IBAN enregistré : <strong>{data.maskedIban}</strong>. Pour le changer, saisissez le
            nouvel IBAN ci-dessous.
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
    ),
    noemie: (
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
    ),
    pieces: (
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
    ),
    certification: (
      <Checkbox
        size="md"
        label="Je certifie l’exactitude des informations de ce bulletin d’affiliation."
        {...form.getInputProps('certified', { type: 'checkbox' })}
        id={fieldId('certified')}
      />
    ),
  };

  return (
    <Stack gap="lg" maw={720} mx="auto" w="100%">
      <Stack gap={4}>
        <Title
          order={1}
          fz={{ base: 24, sm: 30 }}
          ref={headingRef}
          tabIndex={-1}
          style={{ outline: 'none' }}
        >
          {title}
        </Title>
        <Text c="dimmed" size="sm">
          {data.company.name} · {data.contract.label}
        </Text>
        {data.savedAt ? (
          <Text size="sm" c="dimmed">
            Dernier enregistrement : {formatDateTime(data.savedAt)}
          </Text>
        ) : null}
      </Stack>

      {data.returnReason ? (
        <Alert color="orange" variant="light" title="Votre assureur vous a retourné le formulaire">
          <Text size="sm">Motif : {data.returnReason}</Text>
          <Text size="sm">Corrigez les informations demandées puis validez de nouveau.</Text>
        </Alert>
      ) : null}

      <Box aria-live="assertive">
        {summary && (Object.keys(summary.fields).length === 0 || summaryFields.length > 0) ? (
          <Alert
            ref={summaryRef}
            id={SUMMARY_ID}
            tabIndex={-1}
            color="red"
            variant="light"
            icon={<IconAlertCircle aria-hidden />}
            title={
              summaryFields.length > 1
                ? `Le formulaire contient ${summaryFields.length} erreurs`
                : 'Le formulaire contient une erreur'
            }
          >
            <Text size="sm" mb={summaryFields.length ? 'xs' : 0}>
              {summary.message}
            </Text>
            {summaryFields.length ? (
              <List size="sm" spacing={4}>
                {summaryFields.map(([field, message]) => (
                  <List.Item key={field}>
                    <ErrorLink field={field} message={message} onOpen={focusField} />
                  </List.Item>
                ))}
              </List>
            ) : null}
          </Alert>
        ) : null}
      </Box>

      <Accordion multiple value={open} onChange={setOpen} variant="separated" order={2} radius="md">
        {SECTION_IDS.map((section, index) => (
          <Accordion.Item key={section} value={section}>
            <Accordion.Control data-section={section} py={6}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text fw={700}>
                  {index + 1}. {SECTION_TITLES[section]}
                </Text>
                {complete[section] ? (
                  <Badge color="teal" variant="light" size="sm" style={{ flexShrink: 0 }}>
                    Complété
                  </Badge>
                ) : (
                  <Badge color="orange" variant="light" size="sm" style={{ flexShrink: 0 }}>
                    À compléter
                  </Badge>
                )}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>{sectionContent[section]}</Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>

      <SubmitConfirmModal
        saved={confirming}
        onCancel={() => setConfirming(null)}
        onConfirm={() => void onConfirm()}
        confirming={submit.isPending}
      />

      <Paper
        withBorder
        radius="md"
        p="sm"
        shadow="md"
        style={{ position: 'sticky', bottom: 8, zIndex: 10 }}
      >
        <Group grow gap="sm" wrap="nowrap">
          <Button
            variant="default"
            size="md"
            h="auto"
            mih={48}
            py={6}
            styles={WRAP_LABEL}
            onClick={() => void onSaveDraft()}
            loading={save.isPending && !submit.isPending}
            disabled={busy}
          >
            Enregistrer le brouillon
          </Button>
          <Button
            size="md"
            h="auto"
            mih={48}
            py={6}
            styles={WRAP_LABEL}
            onClick={() => void onValidate()}
            loading={submit.isPending}
            disabled={busy}
          >
            Valider
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
