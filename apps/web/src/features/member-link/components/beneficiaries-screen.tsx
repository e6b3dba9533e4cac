import { useState } from 'react';
import { Alert, Button, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconClock } from '@tabler/icons-react';
import { BENEFICIARY_TYPE_LABELS } from '@affilia/shared/domain/enums';
import { BENEFICIARY_ACTION_LABELS } from '@affilia/shared/domain/member-change';
import { MemberChangeCreateSchema } from '@affilia/shared/schemas/member-changes';
import {
  BeneficiaryFields,
  EMPTY_BENEFICIARY_CHANGE,
  beneficiaryChange,
  validateBeneficiaryChange,
  type BeneficiaryFormValues,
} from '../../../components/beneficiary-change-fields';
import { DetailField, DetailFields } from '../../../components/detail-fields';
import { FocusedTitle } from '../../../components/focused-title';
import { FormProblemAlert, useDialogForm } from '../../../components/form-parts';
import { useDocumentTitle } from '../../../lib/document-title';
import { formatIsoDate } from '../../../lib/member-format';
import { useAppForm } from '../../../lib/use-app-form';
import {
  useDeclareThroughLink,
  type LinkDeclaration,
  type MemberLinkPage,
} from '../api/use-member-link';

/*
 * The employee's screen once the birth date is confirmed (issue 20): their beneficiaries, the
 * declaration waiting for the insurer if any, and « Déclarer un changement » — the fields of the
 * employer's « Déclarer un changement » (components/beneficiary-change-fields.tsx), the server's
 * errors next to their fields. Loaded once the link is open.
 */

function Beneficiaries({ page }: { page: MemberLinkPage }) {
  if (page.beneficiaries.length === 0) {
    return (
      <Text size="sm" c="gray.8">
        Aucun bénéficiaire n’est couvert avec vous aujourd’hui.
      </Text>
    );
  }
  return (
    <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
      {page.beneficiaries.map((b) => (
        <Paper component="li" key={b.id} withBorder radius="md" p="sm">
          <Text size="sm" fw={600} mb={4}>
            {b.lastName} {b.firstName}
          </Text>
          <DetailFields>
            <DetailField label="Lien">{BENEFICIARY_TYPE_LABELS[b.type]}</DetailField>
            <DetailField label="Date de naissance">{formatIsoDate(b.birthDate)}</DetailField>
            <DetailField label="Couvert(e) depuis le">{formatIsoDate(b.startDate)}</DetailField>
            {b.endDate ? (
              <DetailField label="Jusqu’au">{formatIsoDate(b.endDate)}</DetailField>
            ) : null}
          </DetailFields>
        </Paper>
      ))}
    </Stack>
  );
}

function toInput(values: BeneficiaryFormValues): LinkDeclaration | null {
  const change = { kind: 'beneficiary', change: beneficiaryChange(values.change) };
  if (!MemberChangeCreateSchema.safeParse(change).success) return null;
  return {
    change: change as LinkDeclaration['change'],
    proof: values.change.action === 'add' ? values.proof : null,
  };
}

/** « Déclarer un changement »: what, who, when, and the proof of a beneficiary added. */
function DeclarationForm({
  token,
  page,
  onDone,
}: {
  token: string;
  page: MemberLinkPage;
  onDone: () => void;
}) {
  const declare = useDeclareThroughLink(token);
  const form = useAppForm<BeneficiaryFormValues>({
    initialValues: { change: EMPTY_BENEFICIARY_CHANGE, proof: null },
    validate: validateBeneficiaryChange,
  });
  const { formProps, problem } = useDialogForm({ form, mutation: declare, toInput, onDone });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="declarer">
      <form {...formProps}>
        <Stack gap="md">
          <Title order={2} fz="lg" id="declarer">
            Déclarer un changement
          </Title>
          <Text size="sm" c="gray.8">
            Votre assureur vérifie votre déclaration et son justificatif avant de l’appliquer ;
            votre employeur la voit aussi. Les champs marqués d’un astérisque sont obligatoires.
          </Text>
          <FormProblemAlert problem={problem} />
          <BeneficiaryFields form={form} beneficiaries={page.beneficiaries} />
          <Button type="submit" size="md" fullWidth loading={declare.isPending}>
            Envoyer à l’assureur
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** After a declaration: what happens next. */
function Declared({ onAgain }: { onAgain: () => void }) {
  const title = 'Votre déclaration a été transmise';
  useDocumentTitle(title);
  return (
    <Stack gap="lg" maw={560} mx="auto" align="flex-start">
      <ThemeIcon color="teal" variant="light" size={56} radius="xl">
        <IconCircleCheck size={34} aria-hidden />
      </ThemeIcon>
      <FocusedTitle>{title}</FocusedTitle>
      <Text>
        Merci. Votre assureur va vérifier votre déclaration et son justificatif avant de l’appliquer
        ; votre employeur la retrouve dans votre dossier et vous préviendra s’il manque quelque
        chose.
      </Text>
      <Button variant="light" size="md" onClick={onAgain}>
        Revenir à mes bénéficiaires
      </Button>
    </Stack>
  );
}

export function BeneficiariesScreen({ token, page }: { token: string; page: MemberLinkPage }) {
  const title = 'Mes bénéficiaires';
  useDocumentTitle(title);
  const [declared, setDeclared] = useState(false);
  if (declared) return <Declared onAgain={() => setDeclared(false)} />;
  return (
    <Stack gap="lg" maw={640} mx="auto">
      <FocusedTitle>{title}</FocusedTitle>
      <Text>
        {page.member.firstName} {page.member.lastName}, salarié(e) de {page.companyName} : voici les
        personnes couvertes avec vous par la complémentaire santé. Déclarez ici une naissance, un
        mariage ou un PACS, un nouveau concubin, ou un bénéficiaire à retirer ou à corriger.
      </Text>
      <Text size="sm" c="gray.8">
        Ce lien est valable jusqu’au {formatIsoDate(page.expiresAt)}.
      </Text>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="couverts">
        <Stack gap="sm">
          <Title order={2} fz="lg" id="couverts">
            Bénéficiaires couverts
          </Title>
          <Beneficiaries page={page} />
        </Stack>
      </Paper>
      {page.pending.length > 0 ? (
        <Alert
          color="blue"
          variant="light"
          icon={<IconClock aria-hidden />}
          title="Une déclaration attend votre assureur"
        >
          <Stack gap={4}>
            {page.pending.map((p) => (
              <Text size="sm" key={p.id}>
                {BENEFICIARY_ACTION_LABELS[p.action]} : {p.firstName} {p.lastName}, envoyée le{' '}
                {formatIsoDate(p.createdAt)}
                {p.status === 'returned'
                  ? ' — retournée à votre employeur, qui la corrige avec l’assureur.'
                  : '.'}
              </Text>
            ))}
            <Text size="sm">
              Vous pourrez déclarer un autre changement une fois celle-ci traitée.
            </Text>
          </Stack>
        </Alert>
      ) : (
        <DeclarationForm token={token} page={page} onDone={() => setDeclared(true)} />
      )}
    </Stack>
  );
}
