import type { ReactNode } from 'react';
import {
  Fieldset,
  Group,
  MultiSelect,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import type { FormErrors } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import type { CompanyRight, RightLevel } from '@affilia/shared/schemas/users';
import { RIGHT_LEVEL_LABELS } from '@affilia/shared/schemas/users';
import { formatSiren, formatSiret } from '@affilia/shared/validators/siret';
import type { ManagedCompany, ManagedUser } from '../api/use-users';

/** The rights on one company as the form holds them. */
export interface RightValue {
  companyId: string;
  level: RightLevel;
  /** « Tous les établissements » or « Certains établissements ». */
  scope: 'all' | 'some';
  /** The followed establishments when `scope` is `some`. */
  establishmentIds: string[];
  /** The person holds the whole company already (they may keep it, even from a regional admin). */
  heldWhole?: boolean;
}

export const NO_ESTABLISHMENT_CHOSEN = 'Choisissez au moins un établissement';

export { formatSiren, formatSiret };

/**
 * One entry per company the administrator manages: the user's current role there (for « Modifier
 * les droits »), or « Aucun accès ».
 */
export function initialRights(companies: ManagedCompany[], user?: ManagedUser): RightValue[] {
  return companies.map((company) => {
    const held = user?.companies.find((c) => c.companyId === company.id);
    if (!held) {
      // An administrator who follows some establishments gives some of them (issue 14 #1).
      const only = company.establishments.length === 1 ? [company.establishments[0]!.id] : [];
      return company.wholeCompany
        ? { companyId: company.id, level: 'none', scope: 'all', establishmentIds: [] }
        : { companyId: company.id, level: 'none', scope: 'some', establishmentIds: only };
    }
    return {
      companyId: company.id,
      level: held.role,
      scope: held.establishmentIds ? 'some' : 'all',
      establishmentIds: held.establishmentIds ?? [],
      heldWhole: held.establishmentIds === null,
    };
  });
}

/** What the API reads: `null` for every establishment, the list otherwise. */
export function toCompanyRights(rights: RightValue[]): CompanyRight[] {
  return rights.map((right) => ({
    companyId: right.companyId,
    level: right.level,
    establishmentIds:
      right.level !== 'none' && right.scope === 'some' ? right.establishmentIds : null,
  }));
}

export const NO_ACCESS_GIVEN = 'Donnez un accès à au moins une société';

/**
 * What the shared schema says only once the rest of the form is valid, said at once: no access
 * at all (`requireOne`), « Certains établissements » with none chosen.
 */
export function validateRights(
  rights: RightValue[],
  { requireOne }: { requireOne: boolean },
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (requireOne && rights.every((right) => right.level === 'none'))
    errors.rights = NO_ACCESS_GIVEN;
  rights.forEach((right, index) => {
    if (right.level !== 'none' && right.scope === 'some' && right.establishmentIds.length === 0)
      errors[`rights.${index}.establishmentIds`] = NO_ESTABLISHMENT_CHOSEN;
  });
  return errors;
}

/** The form's errors but those of the rights (cleared when a right changes). */
export function withoutRightsErrors(errors: FormErrors): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).filter(([path]) => path !== 'rights' && !path.startsWith('rights.')),
  );
}

/** « Aucun accès / Utilisateur / Administrateur », from the least to the most. */
const LEVEL_ORDER: readonly RightLevel[] = ['none', 'user', 'admin'];
const LEVEL_OPTIONS = LEVEL_ORDER.map((level) => ({
  value: level,
  label: RIGHT_LEVEL_LABELS[level],
}));

function CompanyRightField({
  company,
  value,
  onChange,
  error,
}: {
  company: ManagedCompany;
  value: RightValue;
  onChange: (next: RightValue) => void;
  error: ReactNode;
}) {
  const phone = useMediaQuery('(max-width: 30em)') ?? false;
  // « Tous les établissements » is for an administrator of the whole company (or kept as held).
  const canGiveAll = company.wholeCompany || value.heldWhole === true;
  // A company with a single establishment has nothing to restrict, unless the administrator
  // follows only some of its establishments: then they choose among theirs.
  const canRestrict = value.level !== 'none' && (company.establishments.length > 1 || !canGiveAll);
  const count = company.establishments.length;
  return (
    <Fieldset
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      legend={
        <Text span fw={700}>
          <VisuallyHidden>Droits sur </VisuallyHidden>
          {company.name}
        </Text>
      }
    >
      <Stack gap="sm">
        <Text size="sm" c="gray.8" mt={-4}>
          SIREN {formatSiren(company.siren)} · {count} établissement{count > 1 ? 's' : ''}
          {company.wholeCompany ? '' : ` que vous suivez`}
        </Text>
        <SegmentedControl
          fullWidth
          // Three labels side by side do not fit a phone: one under the other there.
          orientation={phone ? 'vertical' : 'horizontal'}
          size={phone ? 'md' : 'sm'}
          data={LEVEL_OPTIONS}
          value={value.level}
          onChange={(level) => onChange({ ...value, level })}
          color={value.level === 'none' ? undefined : 'brand'}
          styles={{ label: { whiteSpace: 'normal', lineHeight: 1.25 } }}
        />
        {canRestrict && canGiveAll ? (
          <Radio.Group
            label="Établissements suivis"
            value={value.scope}
            onChange={(scope) => onChange({ ...value, scope: scope === 'some' ? 'some' : 'all' })}
          >
            <Group gap="lg" mt={6}>
              <Radio value="all" label="Tous les établissements" />
              <Radio value="some" label="Certains établissements" />
            </Group>
          </Radio.Group>
        ) : null}
        {canRestrict && value.scope === 'some' ? (
          <MultiSelect
            label={
              <>
                Établissements choisis<VisuallyHidden> de {company.name}</VisuallyHidden>
              </>
            }
            placeholder={value.establishmentIds.length ? undefined : 'Choisissez…'}
            data={company.establishments.map((e) => ({
              value: e.id,
              label: `${e.name} — ${formatSiret(e.siret)}`,
            }))}
            value={value.establishmentIds}
            onChange={(establishmentIds) => onChange({ ...value, establishmentIds })}
            error={error}
            required
            searchable
            clearable
            nothingFoundMessage="Aucun établissement ne correspond"
            hidePickedOptions
            maxDropdownHeight={260}
            comboboxProps={{ withinPortal: true }}
          />
        ) : null}
      </Stack>
    </Fieldset>
  );
}

/**
 * The rights of « Ajouter un utilisateur » and « Modifier les droits » (one component): for each
 * company the administrator manages, « Aucun accès », « Utilisateur » or « Administrateur », and
 * the establishments followed (all of them by default, or some — a regional HR manager).
 */
export function UserRightsEditor({
  companies,
  value,
  onChange,
  errors,
}: {
  companies: ManagedCompany[];
  value: RightValue[];
  onChange: (next: RightValue[]) => void;
  /** The form's errors: `rights` (no access at all) and `rights.{i}.establishmentIds`. */
  errors: FormErrors;
}) {
  return (
    <Stack gap="sm">
      {companies.map((company, index) => {
        const right = value[index];
        if (!right) return null;
        return (
          <CompanyRightField
            key={company.id}
            company={company}
            value={right}
            error={errors[`rights.${index}.establishmentIds`]}
            onChange={(next) => onChange(value.map((r, i) => (i === index ? next : r)))}
          />
        );
      })}
      {errors.rights ? (
        <Text
          size="sm"
          c="red.7"
          role="alert"
          tabIndex={-1}
          data-focus-on-error="true"
          style={{ outline: 'none' }}
        >
          {errors.rights}
        </Text>
      ) : null}
    </Stack>
  );
}
