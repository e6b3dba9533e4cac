import { useRef } from 'react';
import { Button, Checkbox, Fieldset, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { BeneficiaryType } from '@affilia/shared/domain/enums';
import { BENEFICIARY_TYPE_LABELS, BENEFICIARY_TYPES } from '@affilia/shared/domain/enums';
import { BENEFICIARY_MAX_COUNT } from '@affilia/shared/schemas/enrolment';
import { DateField } from '../../../components/date-field';
import type { EnrolmentFormApi } from '../form-values';
import { fieldId, newRowKey } from '../form-values';

const TYPE_DATA = BENEFICIARY_TYPES.map((type) => ({
  value: type,
  label: BENEFICIARY_TYPE_LABELS[type],
}));

/** One beneficiary: type, names, birth date, numbers, and « Retirer ». */
function BeneficiaryFieldset({
  form,
  index,
  employeeMaskedNir,
  onRemove,
}: {
  form: EnrolmentFormApi;
  index: number;
  employeeMaskedNir: string;
  onRemove: () => void;
}) {
  const row = form.getValues().beneficiaries[index]!;
  const path = (field: string) => `beneficiaries.${index}.${field}`;
  const props = (field: string) => ({
    ...form.getInputProps(path(field)),
    id: fieldId(path(field)),
    size: 'md' as const,
  });
  const name = [row.firstName, row.lastName].filter(Boolean).join(' ');
  return (
    <Fieldset legend={`Ayant droit ${index + 1}${name ? ` : ${name}` : ''}`}>
      <Stack gap="sm">
        <NativeSelect label="Type d’ayant droit" data={TYPE_DATA} {...props('type')} />
        <TextInput label="Nom" required autoComplete="off" {...props('lastName')} />
        <TextInput label="Prénom" required autoComplete="off" {...props('firstName')} />
        <DateField label="Date de naissance" required {...props('birthDate')} />
        <TextInput
          label="Son numéro de Sécurité sociale"
          description="S’il en a un (13 ou 15 caractères)"
          autoComplete="off"
          {...props('nir')}
        />
        {row.attachedToEmployee ? (
          <TextInput
            label="Numéro de Sécurité sociale de rattachement"
            description="Votre numéro"
            readOnly
            size="md"
            id={fieldId(path('attachedToNir'))}
            value={employeeMaskedNir}
          />
        ) : (
          <TextInput
            label="Numéro de Sécurité sociale de rattachement"
            description="Le vôtre ou celui de votre conjoint (13 ou 15 caractères)"
            required={row.type === 'child' && row.nir.trim() === ''}
            autoComplete="off"
            {...props('attachedToNir')}
          />
        )}
        <Checkbox
          size="md"
          label="Mon numéro : rattacher à mon numéro de Sécurité sociale"
          checked={row.attachedToEmployee}
          onChange={(event) => {
            form.setFieldValue(path('attachedToEmployee'), event.currentTarget.checked);
            form.clearFieldError(path('attachedToNir'));
          }}
        />
        <Button
          variant="subtle"
          color="red"
          size="md"
          leftSection={<IconTrash size={18} aria-hidden />}
          onClick={onRemove}
          style={{ alignSelf: 'flex-start' }}
          aria-label={`Retirer l’ayant droit ${index + 1}${name ? ` (${name})` : ''}`}
        >
          Retirer
        </Button>
      </Stack>
    </Fieldset>
  );
}

/**
 * « Ayants droit »: the spouse or partner and the children, added and removed one by one. A
 * child is attached to the employee's own number with « Mon numéro » (shown masked, not retyped).
 */
export function BeneficiariesFields({
  form,
  employeeMaskedNir,
}: {
  form: EnrolmentFormApi;
  /** The employee's NIR as the form shows it (« 1 90 01 75 1** *** ** »). */
  employeeMaskedNir: string;
}) {
  const addRef = useRef<HTMLButtonElement>(null);
  const rows = form.getValues().beneficiaries;

  const add = () => {
    const index = rows.length;
    form.insertListItem('beneficiaries', {
      key: newRowKey(),
      type: 'child' satisfies BeneficiaryType,
      lastName: '',
      firstName: '',
      birthDate: '',
      nir: '',
      attachedToNir: '',
      attachedToEmployee: false,
    });
    window.requestAnimationFrame(() =>
      document.getElementById(fieldId(`beneficiaries.${index}.type`))?.focus(),
    );
  };

  const remove = (index: number) => {
    form.removeListItem('beneficiaries', index);
    window.requestAnimationFrame(() => addRef.current?.focus());
  };

  return (
    <Stack gap="md">
      <Text size="sm">
        Ajoutez votre conjoint, concubin ou partenaire de PACS et vos enfants à couvrir. Un enfant
        est rattaché au numéro de Sécurité sociale de l’un de ses parents.
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Aucun ayant droit pour l’instant.
        </Text>
      ) : null}
      {rows.map((row, index) => (
        <BeneficiaryFieldset
          key={row.key}
          form={form}
          index={index}
          employeeMaskedNir={employeeMaskedNir}
          onRemove={() => remove(index)}
        />
      ))}
      <Button
        ref={addRef}
        variant="light"
        size="md"
        leftSection={<IconPlus size={18} aria-hidden />}
        onClick={add}
        disabled={rows.length >= BENEFICIARY_MAX_COUNT}
        style={{ alignSelf: 'flex-start' }}
      >
        Ajouter un ayant droit
      </Button>
    </Stack>
  );
}
