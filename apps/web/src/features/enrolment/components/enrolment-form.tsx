import type { RefObject } from 'react';
import { useRef, useState } from 'react';
import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  List,
  Paper,
  Stack,
  Text,
} from '@mantine/core';
import { useAppForm } from '../../../lib/use-app-form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck } from '@tabler/icons-react';
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
  sectionCompleteness,
  sectionOfField,
} from '../enrolment-helpers';
import type { EnrolmentFormApi, EnrolmentValues } from '../form-values';
import { fieldId, initialValues, toDraft, validateValues } from '../form-values';
import { EnrolmentSection } from './enrolment-sections';
import { SubmitConfirmModal } from './submit-confirm-modal';
import { FocusedTitle } from '../../../components/focused-title';
import type { AdhesionChoiceValue } from './adhesion-choice';
import { AdhesionChoice } from './adhesion-choice';
import { DispenseRenewal } from './dispense-renewal';
import { DispenseRequest } from './dispense-request';
import { refusedDispense } from '../dispense-values';

const ACCESS_LOST = ['form_session_required', 'form_link_invalid', 'form_link_expired'];
const SUMMARY_ID = 'erreurs-formulaire';
/** The action bar's labels may take two lines on a narrow phone rather than be cut. */
const WRAP_LABEL = {
  label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.25 },
} as const;

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

interface Summary {
  message: string;
  fields: Record<string, string>;
}

/**
 * What the form does with the server: « Enregistrer le brouillon », « Valider » then the
 * confirmation, the error summary and the sections it opens, the access lost on the way.
 */
function useEnrolmentActions({
  token,
  form,
  onSubmitted,
  onAccessLost,
}: {
  token: string;
  form: EnrolmentFormApi;
  onSubmitted: () => void;
  onAccessLost: (error: unknown) => void;
}) {
  const save = useSaveDraft(token);
  const submit = useSubmitEnrolment(token);
  const [open, setOpen] = useState<string[]>(['identite']);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [confirming, setConfirming] = useState<EnrolmentForm | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const busy = save.isPending || submit.isPending;

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

  return {
    open,
    setOpen,
    summary,
    summaryRef,
    confirming,
    setConfirming,
    focusField,
    onSaveDraft,
    onValidate,
    onConfirm,
    busy,
    saving: save.isPending,
    submitting: submit.isPending,
  };
}

/** The title (focused on arrival), the company and contract, the last save. */
function FormHeading({ title, data }: { title: string; data: EnrolmentForm }) {
  return (
    <Stack gap={4}>
      <FocusedTitle>{title}</FocusedTitle>
      <Text c="dimmed" size="sm">
        {data.company.name} · {data.contract.label}
      </Text>
      {data.savedAt ? (
        <Text size="sm" c="dimmed">
          Dernier enregistrement : {formatDateTime(data.savedAt)}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * The errors of the last « Enregistrer » or « Valider », each a link to its field. The summary
 * follows the fields: an error fixed since (a field, or a file now attached) leaves the list.
 */
function ErrorSummary({
  summary,
  errors,
  data,
  summaryRef,
  onOpen,
}: {
  summary: Summary | null;
  errors: EnrolmentFormApi['errors'];
  data: EnrolmentForm;
  summaryRef: RefObject<HTMLDivElement | null>;
  onOpen: (section: SectionId, field: string) => void;
}) {
  const attachedKinds = new Set(data.attachments.map((a) => `attachments.${a.kind}`));
  const summaryFields = summary
    ? Object.entries(errors).flatMap(([field, message]) =>
        typeof message === 'string' && !attachedKinds.has(field) ? [[field, message] as const] : [],
      )
    : [];
  return (
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
                  <ErrorLink field={field} message={message} onOpen={onOpen} />
                </List.Item>
              ))}
            </List>
          ) : null}
        </Alert>
      ) : null}
    </Box>
  );
}

/** The seven sections, each with « Complété » or « À compléter ». */
function SectionsAccordion({
  open,
  onChange,
  token,
  data,
  form,
}: {
  open: string[];
  onChange: (open: string[]) => void;
  token: string;
  data: EnrolmentForm;
  form: EnrolmentFormApi;
}) {
  const values = form.getValues();
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
  return (
    <Accordion multiple value={open} onChange={onChange} variant="separated" order={2} radius="md">
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
          <Accordion.Panel>
            <EnrolmentSection section={section} token={token} data={data} form={form} />
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

/** « Enregistrer le brouillon » and « Valider », kept in view at the bottom of the screen. */
function ActionBar({
  onSaveDraft,
  onValidate,
  saving,
  submitting,
}: {
  onSaveDraft: () => void;
  onValidate: () => void;
  saving: boolean;
  submitting: boolean;
}) {
  const busy = saving || submitting;
  return (
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
          onClick={onSaveDraft}
          loading={saving && !submitting}
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
          onClick={onValidate}
          loading={submitting}
          disabled={busy}
        >
          Valider
        </Button>
      </Group>
    </Paper>
  );
}

/** Why the form came back: the insurer refused the dispense, or returned the BIA. */
function ReturnNotice({ data }: { data: EnrolmentForm }) {
  const refused = refusedDispense(data);
  if (refused) {
    return (
      <Alert
        color="orange"
        variant="light"
        title="Votre assureur a refusé votre demande de dispense"
      >
        {refused.refusalReason ? <Text size="sm">Motif : {refused.refusalReason}</Text> : null}
        <Text size="sm">
          Vous pouvez adhérer, ou demander de nouveau une dispense avec le bon justificatif.
        </Text>
      </Alert>
    );
  }
  if (!data.returnReason) return null;
  return (
    <Alert color="orange" variant="light" title="Votre assureur vous a retourné le formulaire">
      <Text size="sm">Motif : {data.returnReason}</Text>
      <Text size="sm">Corrigez les informations demandées puis validez de nouveau.</Text>
    </Alert>
  );
}

interface EnrolmentViewProps {
  token: string;
  data: EnrolmentForm;
  onSubmitted: () => void;
  /** « Envoyer ma demande de dispense » (or its renewal) went through. */
  onDispenseSubmitted: () => void;
  /** The form session ended (401) or the link died (404/410): the page starts over. */
  onAccessLost: (error: unknown) => void;
}

/**
 * What the link opens: the form (adhere or ask a dispense), or, for a dispense in force whose
 * proof is due, its renewal only (issue 19).
 */
export function EnrolmentEntry(props: EnrolmentViewProps) {
  if (props.data.dispense.mode === 'renewal') {
    return (
      <DispenseRenewal
        token={props.token}
        data={props.data}
        onSubmitted={props.onDispenseSubmitted}
        onAccessLost={props.onAccessLost}
      />
    );
  }
  return <EnrolmentFormView {...props} />;
}

/** The employee's online BIA (SPEC §5.5), once the birth date was confirmed. */
export function EnrolmentFormView({
  token,
  data,
  onSubmitted,
  onDispenseSubmitted,
  onAccessLost,
}: EnrolmentViewProps) {
  const title = 'Votre bulletin d’affiliation';
  useDocumentTitle(title);
  const [choice, setChoice] = useState<AdhesionChoiceValue>('adhere');
  const form = useAppForm<EnrolmentValues>({
    mode: 'controlled',
    initialValues: initialValues(data),
    // The same checks as « Enregistrer » and « Valider »: a field's error goes once it is fixed.
    validate: validateValues,
  });
  const actions = useEnrolmentActions({ token, form, onSubmitted, onAccessLost });

  return (
    <Stack gap="lg" maw={720} mx="auto" w="100%">
      <FormHeading title={title} data={data} />
      <ReturnNotice data={data} />
      <AdhesionChoice value={choice} onChange={setChoice} />

      {choice === 'dispense' ? (
        <DispenseRequest
          token={token}
          data={data}
          onSubmitted={onDispenseSubmitted}
          onAccessLost={onAccessLost}
        />
      ) : (
        <>
          <ErrorSummary
            summary={actions.summary}
            errors={form.errors}
            data={data}
            summaryRef={actions.summaryRef}
            onOpen={actions.focusField}
          />

          <SectionsAccordion
            open={actions.open}
            onChange={actions.setOpen}
            token={token}
            data={data}
            form={form}
          />

          <SubmitConfirmModal
            saved={actions.confirming}
            onCancel={() => actions.setConfirming(null)}
            onConfirm={() => void actions.onConfirm()}
            confirming={actions.submitting}
          />

          <ActionBar
            onSaveDraft={() => void actions.onSaveDraft()}
            onValidate={() => void actions.onValidate()}
            saving={actions.saving}
            submitting={actions.submitting}
          />
        </>
      )}
    </Stack>
  );
}
