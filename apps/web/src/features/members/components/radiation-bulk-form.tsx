import { useEffect, useRef } from 'react';
import { Alert, List, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { RadiationBulkCreateSchema } from '@affilia/shared/schemas/radiations';
import { FormButtons, FormProblemAlert, useDialogForm } from '../../../components/form-parts';
import {
  CommentField,
  ContractEndField,
  MotifFields,
  RadiationPreview,
} from '../../../components/radiation-fields';
import { errorMessage, fieldErrors } from '../../../lib/form-errors';
import type { RadiationCommonValues } from '../../../lib/radiation-form';
import {
  EMPTY_COMMON_VALUES,
  bulkPortabilitySentence,
  evinSentence,
} from '../../../lib/radiation-form';
import type { RadiationCreated } from '../../../lib/radiations-api';
import { useBulkCreateRadiation } from '../../../lib/radiations-api';
import { useAppForm } from '../../../lib/use-app-form';
import { zodResolver } from '../../../lib/zod-resolver';

/** What the API receives for the selected members. */
function toBulkInput(memberIds: string[], values: RadiationCommonValues) {
  return {
    memberIds,
    contractEndDate: values.contractEndDate,
    motif: values.motif,
    unemploymentRights: values.unemploymentRights,
    disabilityPension: values.disabilityPension,
    comment: values.comment,
  };
}

/** Each member the server refused (`members.<id>`: « NOM Prénom : reason »), all or nothing. */
export function refusedMembers(error: unknown): string[] {
  return Object.entries(fieldErrors(error))
    .filter(([path]) => path.startsWith('members.'))
    .map(([, message]) => message);
}

/**
 * « Radier la sélection » of « Mes salariés » (issue 18): one date and motif for every selected
 * member; each one's last contract and e-mail come from what the portal knows. All or nothing:
 * one member refused refuses the whole, each refused member said with the reason.
 */
export function RadiationBulkForm({
  memberIds,
  onDone,
  onCancel,
}: {
  memberIds: string[];
  onDone: (result: RadiationCreated) => void;
  onCancel: () => void;
}) {
  const bulk = useBulkCreateRadiation();
  const form = useAppForm<RadiationCommonValues>({
    initialValues: EMPTY_COMMON_VALUES,
    validate: (values) => zodResolver(RadiationBulkCreateSchema)(toBulkInput(memberIds, values)),
  });
  const { formProps, problem } = useDialogForm({
    form,
    mutation: bulk,
    toInput: (values) => {
      const parsed = RadiationBulkCreateSchema.safeParse(toBulkInput(memberIds, values));
      return parsed.success ? parsed.data : null;
    },
    onDone,
  });
  const refused = refusedMembers(bulk.error);
  // The refusal shows beside the buttons and takes the focus, so that it is in view.
  const refusal = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!bulk.error) return;
    // Once the submit button is enabled again (the dialog keeps the focus inside meanwhile).
    const timer = window.setTimeout(() => refusal.current?.focus(), 50);
    return () => window.clearTimeout(timer);
  }, [bulk.error]);
  const values = form.values;
  const portability = bulkPortabilitySentence(values);
  const evin =
    values.motif && values.unemploymentRights !== null
      ? evinSentence({
          motif: values.motif,
          unemploymentRights: values.unemploymentRights,
          disabilityPension: values.disabilityPension,
          contractEndDate: '',
          portability: null,
        })
      : null;
  return (
    <form {...formProps}>
      <Stack gap="md">
        {refused.length === 0 ? <FormProblemAlert problem={problem} /> : null}
        <ContractEndField
          form={form}
          onChange={(value) => form.setFieldValue('contractEndDate', value)}
        />
        <MotifFields form={form} />
        <CommentField form={form} />
        <RadiationPreview
          portability={portability}
          evin={evin}
          pendingHint="La portabilité s’affiche ici une fois le motif choisi."
        />
        <Text size="xs" c="gray.8">
          La notice de fin de garantie est envoyée à l’e-mail connu de chaque salarié, ou est à
          imprimer depuis la radiation pour un salarié sans e-mail.
        </Text>
        {refused.length > 0 ? (
          <Alert
            ref={refusal}
            tabIndex={-1}
            role="alert"
            color="red"
            variant="light"
            icon={<IconAlertCircle aria-hidden />}
          >
            <Text size="sm">{errorMessage(bulk.error)}</Text>
            <List size="sm" spacing={2} mt={4} data-testid="bulk-refused">
              {refused.map((message) => (
                <List.Item key={message}>{message}</List.Item>
              ))}
            </List>
            <Text size="sm" mt={4}>
              Retirez-les de la sélection, puis recommencez.
            </Text>
          </Alert>
        ) : null}
        <FormButtons
          submitLabel={
            memberIds.length > 1 ? `Radier les ${memberIds.length} salariés` : 'Radier le salarié'
          }
          loading={bulk.isPending}
          onCancel={onCancel}
          cancelDisabled={bulk.isPending}
        />
      </Stack>
    </form>
  );
}
