import type { FormEvent } from 'react';
import { useRef, useState } from 'react';
import { Alert, Button, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import { IconAlertTriangle, IconFileCertificate } from '@tabler/icons-react';
import type { ProfessionalStatus } from '@affilia/shared/domain/enums';
import {
  PROFESSIONAL_STATUSES,
  PROFESSIONAL_STATUS_LABELS,
  isOneOf,
} from '@affilia/shared/domain/enums';
import { todayIsoDate } from '@affilia/shared/validators/dates';
import type { AffiliationOptions } from '../api/use-affiliations';
import { formatDate, formatSiren, formatSiret } from '../format';
import type { Establishment, SetupValues } from '../pre-affiliation-form';
import { contractFor, setupErrors } from '../pre-affiliation-form';
import { focusFirstInvalid } from '../../../lib/form-errors';

interface Option {
  value: string;
  label: string;
}

/** The establishments, grouped by company when the perimeter has several. */
function establishmentData(
  options: AffiliationOptions,
): (Option | { group: string; items: Option[] })[] {
  const byCompany = new Map<string, { group: string; items: Option[] }>();
  for (const establishment of options.establishments) {
    const key = establishment.company.id;
    let group = byCompany.get(key);
    if (!group) {
      group = {
        group: `${establishment.company.name} (SIREN ${formatSiren(establishment.company.siren)})`,
        items: [],
      };
      byCompany.set(key, group);
    }
    group.items.push({
      value: establishment.id,
      label: `${establishment.name} — SIRET ${formatSiret(establishment.siret)}`,
    });
  }
  const groups = [...byCompany.values()];
  return groups.length === 1 ? groups[0]!.items : groups;
}

/** « Contrat : … » for the chosen collège, or why the request cannot be made. */
export function ContractNotice({
  establishment,
  status,
}: {
  establishment: Establishment | undefined;
  status: ProfessionalStatus | '';
}) {
  if (!establishment || status === '') return null;
  // Today's: the affiliation date, asked at the next step, may pick another one (issue 14 #26).
  const contract = contractFor(establishment, status, todayIsoDate());
  if (!contract) {
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle aria-hidden />}
        title="Aucun contrat Frais de Santé pour ce collège"
      >
        {`${establishment.company.name} n’a pas de contrat Frais de Santé pour le statut « ${PROFESSIONAL_STATUS_LABELS[status]} » : la pré-affiliation de ce salarié n’est pas possible. Choisissez un autre statut ou contactez votre interlocuteur.`}
      </Alert>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <IconFileCertificate size={20} aria-hidden style={{ flexShrink: 0 }} />
      <Stack gap={2}>
        <Text size="sm">
          <strong>Contrat :</strong> {contract.label} (n° {contract.number})
        </Text>
        {contract.endDate ? (
          <Text size="xs" c="gray.8">
            {`Ce contrat prend fin le ${formatDate(contract.endDate)} : pour une affiliation plus tardive, le contrat retenu s’affiche à l’étape suivante.`}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}

/**
 * Step 1 « Etablissement et statut professionnel »: the establishment (within the perimeter) and the
 * collège, which picks the contract.
 */
export function SetupStep({
  options,
  initial,
  onCancel,
  onValidate,
}: {
  options: AffiliationOptions;
  initial: SetupValues;
  onCancel: () => void;
  onValidate: (values: SetupValues) => void;
}) {
  const [values, setValues] = useState<SetupValues>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof SetupValues, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const establishment = options.establishments.find((e) => e.id === values.establishmentId);
  const contract = contractFor(establishment, values.professionalStatus, todayIsoDate());
  const noContract = Boolean(establishment && values.professionalStatus !== '' && !contract);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = setupErrors(values, establishment);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    if (noContract) return;
    onValidate(values);
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="lg" maw={640}>
          <DeferredSelect
            label="Établissement"
            placeholder="Choisir un établissement"
            description="Saisissez quelques lettres du nom ou du SIRET pour filtrer la liste."
            data={establishmentData(options)}
            value={values.establishmentId || null}
            onChange={(value) => {
              setValues((v) => ({ ...v, establishmentId: value ?? '' }));
              setErrors((e) => ({ ...e, establishmentId: undefined }));
            }}
            searchable
            nothingFoundMessage="Aucun établissement ne correspond"
            withAsterisk
            error={errors.establishmentId}
            comboboxProps={{ withinPortal: true }}
          />
          <Radio.Group
            label="Statut professionnel"
            withAsterisk
            value={values.professionalStatus}
            onChange={(value) => {
              setValues((v) => ({
                ...v,
                professionalStatus: isOneOf(PROFESSIONAL_STATUSES, value) ? value : '',
              }));
              setErrors((e) => ({ ...e, professionalStatus: undefined }));
            }}
            error={errors.professionalStatus}
          >
            <Group gap="xl" mt="xs">
              {PROFESSIONAL_STATUSES.map((status, index) => (
                <Radio
                  key={status}
                  value={status}
                  label={PROFESSIONAL_STATUS_LABELS[status]}
                  data-focus-on-error={
                    index === 0 && errors.professionalStatus ? 'true' : undefined
                  }
                />
              ))}
            </Group>
          </Radio.Group>
          <div aria-live="polite">
            <ContractNotice establishment={establishment} status={values.professionalStatus} />
          </div>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel}>
              Annuler
            </Button>
            <Button type="submit" disabled={noContract}>
              Valider
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
