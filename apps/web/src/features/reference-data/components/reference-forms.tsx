import type { ReactNode } from 'react';
import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import type { TextInputProps } from '@mantine/core';
import type { z } from 'zod';
import { formatSiren, formatSiret } from '@affilia/shared/validators/siret';
import type { UseFormReturnType } from '@mantine/form';
import { useAppForm } from '../../../lib/use-app-form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import {
  PROFESSIONAL_STATUSES,
  PROFESSIONAL_STATUS_LABELS,
  STAFF_CATEGORIES,
  STAFF_CATEGORY_LABELS,
} from '@affilia/shared/domain/enums';
import type { ProfessionalStatus, StaffCategory } from '@affilia/shared/domain/enums';
import { DISPENSE_CASES, DISPENSE_CASE_SHORT_LABELS } from '@affilia/shared/domain/dispense';
import {
  CompanyCreateSchema,
  CompanyUpdateSchema,
  ContractCreateSchema,
  ContractUpdateSchema,
  CoverageUpdateSchema,
  EstablishmentCreateSchema,
  EstablishmentUpdateSchema,
  ReferenceMemberUpdateSchema,
} from '@affilia/shared/schemas/reference-data';
import { zodResolver } from '../../../lib/zod-resolver';
import { DateField } from '../../../components/date-field';
import { formatIsoDate } from '../../../lib/member-format';
import type {
  CompanyDetail,
  ContractDetail,
  EstablishmentDetail,
  ReferenceCreates,
  ReferenceMemberDetail,
  ReferenceUpdates,
} from '../api/use-reference-data';
import {
  useCreateReference,
  useReferenceList,
  useUpdateCoverage,
  useUpdateReference,
} from '../api/use-reference-data';
import { ReferenceFormModal } from './reference-form-modal';

interface ModalProps {
  opened: boolean;
  onClose: () => void;
}

/**
 * A company's, an establishment's or a contract's form in its modal: « Modifier « name » » when
 * the record is given, else « Ajouter … ». An edit leaves out the `fixed` fields (its key, which
 * does not change); `toInput` turns the form's values into what the API takes.
 */
function CreateOrEditModal<
  E extends keyof ReferenceCreates,
  Values extends Record<string, unknown>,
>({
  entity,
  record,
  fixed,
  addTitle,
  added,
  edited,
  toInput = (values) => values as unknown as ReferenceCreates[E],
  children,
  ...common
}: ModalProps & {
  entity: E;
  record: { id: string; name: string } | undefined;
  fixed: readonly (keyof Values)[];
  addTitle: string;
  added: string;
  edited: (name: string) => string;
  form: UseFormReturnType<Values>;
  schema: z.ZodType;
  toInput?: (values: Values) => ReferenceCreates[E];
  children: ReactNode;
}) {
  const create = useCreateReference(entity);
  const update = useUpdateReference(entity, record?.id ?? '');
  if (record) {
    const withoutFixed = (values: Values) => {
      const input: Record<string, unknown> = { ...toInput(values) };
      for (const key of fixed) delete input[key as string];
      return input as ReferenceUpdates[E];
    };
    return (
      <ReferenceFormModal
        {...common}
        title={`Modifier « ${record.name} »`}
        mutation={update}
        toInput={withoutFixed}
        saved={edited(record.name)}
      >
        {children}
      </ReferenceFormModal>
    );
  }
  return (
    <ReferenceFormModal
      {...common}
      title={addTitle}
      mutation={create}
      toInput={toInput}
      saved={added}
      submitLabel="Ajouter"
    >
      {children}
    </ReferenceFormModal>
  );
}

/**
 * The form of a record to add or edit: its values where it has them, else the empty form's;
 * checked with the schema of an edit or of an addition.
 */
function useRecordForm<Values extends Record<string, unknown>>(
  record: Partial<Record<keyof Values, unknown>> | undefined,
  empty: Values,
  schemas: { create: z.ZodType; update: z.ZodType },
) {
  const schema = record ? schemas.update : schemas.create;
  const initialValues = { ...empty };
  for (const key of Object.keys(empty) as (keyof Values)[]) {
    initialValues[key] = (record?.[key] ?? empty[key]) as Values[keyof Values];
  }
  const form = useAppForm<Values>({ initialValues, validate: zodResolver(schema) });
  return { form, schema };
}

/** A record's key (SIREN, SIRET, contract number): typed when adding, shown but fixed when editing. */
function KeyInput({
  editing,
  fixedNote,
  description,
  ...props
}: TextInputProps & { editing: boolean; fixedNote: string }) {
  return (
    <TextInput
      required={!editing}
      disabled={editing}
      description={editing ? fixedNote : description}
      data-autofocus={editing ? undefined : true}
      {...props}
    />
  );
}

// Companies ------------------------------------------------------------------------------------

interface CompanyValues extends Record<string, unknown> {
  siren: string;
  name: string;
  insurerCompanyIdentifier: string;
  ccnName: string;
  idcc: string;
}

/** « Ajouter une entreprise », or « Modifier » when `company` is given (the SIREN stays). */
export function CompanyFormModal({
  company,
  opened,
  onClose,
}: ModalProps & { company?: CompanyDetail }) {
  const { form, schema } = useRecordForm<CompanyValues>(
    company,
    { siren: '', name: '', insurerCompanyIdentifier: '', ccnName: '', idcc: '' },
    { create: CompanyCreateSchema, update: CompanyUpdateSchema },
  );
  const fields = (
    <>
      <KeyInput
        label="SIREN"
        editing={Boolean(company)}
        fixedNote="Le SIREN ne se modifie pas"
        description="9 chiffres"
        inputMode="numeric"
        maxLength={20}
        {...form.getInputProps('siren')}
      />
      <TextInput
        label="Raison sociale"
        required
        maxLength={200}
        data-autofocus={company ? true : undefined}
        {...form.getInputProps('name')}
      />
      <TextInput
        label="Identifiant entreprise"
        description="Le numéro imprimé sur les courriers de l’assureur"
        required
        maxLength={40}
        {...form.getInputProps('insurerCompanyIdentifier')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Convention collective (CCN)"
          maxLength={200}
          {...form.getInputProps('ccnName')}
        />
        <TextInput label="IDCC" inputMode="numeric" maxLength={4} {...form.getInputProps('idcc')} />
      </SimpleGrid>
    </>
  );
  return (
    <CreateOrEditModal
      entity="entreprises"
      record={company}
      fixed={['siren']}
      addTitle="Ajouter une entreprise"
      added="L’entreprise est ajoutée."
      edited={(name) => `L’entreprise « ${name} » est modifiée.`}
      opened={opened}
      onClose={onClose}
      form={form}
      schema={schema}
    >
      {fields}
    </CreateOrEditModal>
  );
}

// Establishments -------------------------------------------------------------------------------

interface EstablishmentValues extends Record<string, unknown> {
  siret: string;
  name: string;
  addressLine1: string;
  addressLine2: string;
  postalCode: string;
  city: string;
  insurerIdentifier: string;
}

/** « Ajouter un établissement » (its company: the SIREN of its SIRET), or « Modifier ». */
export function EstablishmentFormModal({
  establishment,
  opened,
  onClose,
}: ModalProps & { establishment?: EstablishmentDetail }) {
  const { form, schema } = useRecordForm<EstablishmentValues>(
    establishment,
    {
      siret: '',
      name: '',
      addressLine1: '',
      addressLine2: '',
      postalCode: '',
      city: '',
      insurerIdentifier: '',
    },
    { create: EstablishmentCreateSchema, update: EstablishmentUpdateSchema },
  );
  const fields = (
    <>
      <KeyInput
        label="SIRET"
        editing={Boolean(establishment)}
        fixedNote="Le SIRET ne se modifie pas"
        description="14 chiffres ; l’entreprise de son SIREN doit exister"
        inputMode="numeric"
        maxLength={25}
        {...form.getInputProps('siret')}
      />
      <TextInput
        label="Nom de l’établissement"
        required
        maxLength={200}
        data-autofocus={establishment ? true : undefined}
        {...form.getInputProps('name')}
      />
      <TextInput label="Adresse" maxLength={200} {...form.getInputProps('addressLine1')} />
      <TextInput
        label="Complément d’adresse"
        maxLength={200}
        {...form.getInputProps('addressLine2')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Code postal"
          inputMode="numeric"
          maxLength={5}
          {...form.getInputProps('postalCode')}
        />
        <TextInput label="Ville" maxLength={100} {...form.getInputProps('city')} />
      </SimpleGrid>
      <TextInput
        label="Code identifiant"
        description="« ID Assureur » : la preuve demandée aux entreprises pour suivre l’établissement"
        required
        maxLength={40}
        {...form.getInputProps('insurerIdentifier')}
      />
    </>
  );
  return (
    <CreateOrEditModal
      entity="etablissements"
      record={establishment}
      fixed={['siret']}
      addTitle="Ajouter un établissement"
      added="L’établissement est ajouté."
      edited={(name) => `L’établissement « ${name} » est modifié.`}
      opened={opened}
      onClose={onClose}
      form={form}
      schema={schema}
    >
      {fields}
    </CreateOrEditModal>
  );
}

// Contracts ------------------------------------------------------------------------------------

interface ContractValues extends Record<string, unknown> {
  number: string;
  companyId: string;
  label: string;
  staffCategory: StaffCategory | '';
  options: { code: string; label: string; mandatory: boolean }[];
  startDate: string;
  endDate: string;
  dispenseCases: string[];
}

const STAFF_CATEGORY_OPTIONS = STAFF_CATEGORIES.map((value) => ({
  value,
  label: STAFF_CATEGORY_LABELS[value],
}));

/** A company chosen by its name or SIREN (the first 50 that match what is typed). */
function CompanyPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: React.ReactNode;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const list = useReferenceList('entreprises', { q: debounced, pageSize: 50 });
  const data = (list.data?.items ?? []).map((c) => ({
    value: c.id,
    label: `${c.name} (${formatSiren(c.siren)})`,
  }));
  return (
    <DeferredSelect
      label="Entreprise"
      required
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      value={value || null}
      onChange={(id) => onChange(id ?? '')}
      nothingFoundMessage={list.isFetching ? 'Recherche…' : 'Aucune entreprise'}
      placeholder="Nom ou SIREN"
      error={error}
    />
  );
}

/** « Options proposées »: code, label and « Obligatoire » for each, added and removed. */
function ContractOptionsFields({ form }: { form: UseFormReturnType<ContractValues> }) {
  const options = form.values.options;
  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" fw={500} size="sm">
        Options proposées *
      </Text>
      {typeof form.errors.options === 'string' ? (
        <Text size="sm" c="red.8" role="alert">
          {form.errors.options}
        </Text>
      ) : null}
      {options.map((option, index) => (
        <Paper key={index} withBorder p="xs" radius="sm">
          <Group align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              label="Code"
              required
              w={120}
              maxLength={40}
              {...form.getInputProps(`options.${index}.code`)}
            />
            <TextInput
              label="Libellé de l’option"
              required
              style={{ flex: 1, minWidth: 180 }}
              maxLength={200}
              {...form.getInputProps(`options.${index}.label`)}
            />
            <Checkbox
              label="Obligatoire"
              mb={8}
              {...form.getInputProps(`options.${index}.mandatory`, { type: 'checkbox' })}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mb={4}
              aria-label={`Retirer l’option ${option.code || index + 1}`}
              disabled={options.length === 1}
              onClick={() => form.removeListItem('options', index)}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      <Group>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlus size={16} aria-hidden />}
          disabled={options.length >= 20}
          onClick={() =>
            form.insertListItem('options', {
              code: `option${options.length}`,
              label: '',
              mandatory: false,
            })
          }
        >
          Ajouter une option
        </Button>
      </Group>
    </Stack>
  );
}

const FOUNDING_ACT_CASES = DISPENSE_CASES.filter((c) => c.source === 'founding_act');

/**
 * « Cas de dispense prévus par l’acte fondateur »: the cases of CSS art. R242-1-6 the contract
 * allows, each with its legal source (issue 19); the « de droit » ones need no box.
 */
function ContractDispenseCasesField({ form }: { form: UseFormReturnType<ContractValues> }) {
  return (
    <Checkbox.Group
      label="Cas de dispense prévus par l’acte fondateur"
      description="Les cas de droit (D911-2, L911-7-1) s’appliquent toujours."
      {...form.getInputProps('dispenseCases')}
    >
      <Stack gap="xs" mt="xs">
        {FOUNDING_ACT_CASES.map((c) => (
          <Checkbox
            key={c.code}
            value={c.code}
            label={DISPENSE_CASE_SHORT_LABELS[c.code]}
            description={c.legalSource}
          />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** « Ajouter un contrat », or « Modifier » (the number and the company stay). */
export function ContractFormModal({
  contract,
  companyId,
  opened,
  onClose,
}: ModalProps & { contract?: ContractDetail; companyId?: string }) {
  const { form, schema } = useRecordForm<ContractValues>(
    contract && { ...contract, companyId: contract.company.id },
    {
      number: '',
      companyId: companyId ?? '',
      label: '',
      staffCategory: '',
      options: [{ code: 'base', label: 'Base obligatoire', mandatory: true }],
      startDate: '',
      endDate: '',
      dispenseCases: [],
    },
    { create: ContractCreateSchema, update: ContractUpdateSchema },
  );
  const fields = (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <KeyInput
          label="Numéro de contrat"
          editing={Boolean(contract)}
          fixedNote="Le numéro ne se modifie pas"
          maxLength={40}
          {...form.getInputProps('number')}
        />
        {contract ? (
          <TextInput label="Entreprise" disabled value={contract.company.name} readOnly />
        ) : (
          <CompanyPicker
            value={form.values.companyId}
            onChange={(id) => form.setFieldValue('companyId', id)}
            error={form.errors.companyId}
          />
        )}
      </SimpleGrid>
      <TextInput
        label="Libellé"
        required
        maxLength={200}
        data-autofocus={contract ? true : undefined}
        {...form.getInputProps('label')}
      />
      <DeferredSelect
        label="Collège"
        required
        data={STAFF_CATEGORY_OPTIONS}
        allowDeselect={false}
        {...form.getInputProps('staffCategory')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField label="Date de début" required {...form.getInputProps('startDate')} />
        <DateField
          label="Date de fin"
          description="Facultative"
          {...form.getInputProps('endDate')}
        />
      </SimpleGrid>
      <ContractOptionsFields form={form} />
      <ContractDispenseCasesField form={form} />
    </>
  );
  return (
    <CreateOrEditModal
      entity="contrats"
      record={contract && { id: contract.id, name: contract.label }}
      fixed={['number', 'companyId']}
      addTitle="Ajouter un contrat"
      added="Le contrat est ajouté."
      edited={(label) => `Le contrat « ${label} » est modifié.`}
      opened={opened}
      onClose={onClose}
      form={form}
      schema={schema}
      toInput={({ staffCategory, ...v }) => ({
        ...v,
        staffCategory: staffCategory as StaffCategory,
      })}
    >
      {fields}
    </CreateOrEditModal>
  );
}

// Members --------------------------------------------------------------------------------------

interface MemberValues extends Record<string, unknown> {
  lastName: string;
  firstName: string;
  birthDate: string;
  professionalStatus: ProfessionalStatus;
  establishmentId: string;
}

const PROFESSIONAL_STATUS_OPTIONS = PROFESSIONAL_STATUSES.map((value) => ({
  value,
  label: PROFESSIONAL_STATUS_LABELS[value],
}));

/** « Modifier » an insured member: names, birth date, professional status, establishment. */
export function MemberFormModal({
  member,
  opened,
  onClose,
}: ModalProps & { member: ReferenceMemberDetail }) {
  const update = useUpdateReference('assures', member.id);
  const form = useAppForm<MemberValues>({
    initialValues: {
      lastName: member.lastName,
      firstName: member.firstName,
      birthDate: member.birthDate,
      professionalStatus: member.professionalStatus,
      establishmentId: member.establishment.id,
    },
    validate: zodResolver(ReferenceMemberUpdateSchema),
  });
  return (
    <ReferenceFormModal
      title={`Modifier ${member.lastName} ${member.firstName}`}
      opened={opened}
      onClose={onClose}
      form={form}
      schema={ReferenceMemberUpdateSchema}
      mutation={update}
      toInput={(v) => v}
      saved={`La fiche de ${member.lastName} ${member.firstName} est modifiée.`}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Nom"
          required
          maxLength={100}
          data-autofocus
          {...form.getInputProps('lastName')}
        />
        <TextInput label="Prénom" required maxLength={100} {...form.getInputProps('firstName')} />
      </SimpleGrid>
      <DateField label="Date de naissance" required {...form.getInputProps('birthDate')} />
      <DeferredSelect
        label="Statut professionnel"
        required
        data={PROFESSIONAL_STATUS_OPTIONS}
        allowDeselect={false}
        {...form.getInputProps('professionalStatus')}
      />
      <DeferredSelect
        label="Établissement"
        required
        searchable
        allowDeselect={false}
        data={member.companyEstablishments.map((e) => ({
          value: e.id,
          label: `${e.name} (${formatSiret(e.siret)})`,
        }))}
        {...form.getInputProps('establishmentId')}
      />
    </ReferenceFormModal>
  );
}

interface CoverageValues extends Record<string, unknown> {
  optionCode: string;
  endDate: string;
}

/** « Modifier » a coverage: its option and its end date (which makes it « terminé »). */
export function CoverageFormModal({
  memberId,
  coverage,
  opened,
  onClose,
}: ModalProps & { memberId: string; coverage: ReferenceMemberDetail['coverages'][number] }) {
  const update = useUpdateCoverage(memberId, coverage.id);
  const form = useAppForm<CoverageValues>({
    initialValues: { optionCode: coverage.optionCode, endDate: coverage.endDate ?? '' },
    validate: zodResolver(CoverageUpdateSchema),
  });
  return (
    <ReferenceFormModal
      title={`Modifier la couverture « ${coverage.contract.label} »`}
      opened={opened}
      onClose={onClose}
      form={form}
      schema={CoverageUpdateSchema}
      mutation={update}
      toInput={(v) => v}
      saved="La couverture est modifiée : « Mes salariés » de l’entreprise la montre déjà."
    >
      <Text size="sm">
        Date d’effet : {formatIsoDate(coverage.effectiveDate)}. Le statut suit les dates : une date
        de fin passée rend la couverture « terminée ».
      </Text>
      <DeferredSelect
        label="Option"
        required
        allowDeselect={false}
        data={coverage.contractOptions.map((o) => ({ value: o.code, label: o.label }))}
        data-autofocus
        {...form.getInputProps('optionCode')}
      />
      <DateField
        label="Date de fin"
        description="Dernier jour couvert ; laissez vide pour une couverture sans fin"
        {...form.getInputProps('endDate')}
      />
    </ReferenceFormModal>
  );
}
