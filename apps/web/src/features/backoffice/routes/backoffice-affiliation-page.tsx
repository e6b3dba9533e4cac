import type { ReactNode } from 'react';
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import {
  IconArrowBackUp,
  IconCheck,
  IconDownload,
  IconFileTypePdf,
  IconMailbox,
} from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import type { EmploymentContractType, ProfessionalStatus } from '@affilia/shared/domain/enums';
import {
  AFFILIATION_MODE_LABELS,
  AFFILIATION_STATUS_LABELS,
  BENEFICIARY_TYPE_LABELS,
  EMPLOYMENT_CONTRACT_TYPE_LABELS,
  PROFESSIONAL_STATUS_LABELS,
  actorKindLabel,
} from '@affilia/shared/domain/enums';
import { ATTACHMENT_KIND_LABELS } from '@affilia/shared/domain/attachments';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { formatSiren, formatSiret } from '@affilia/shared/validators/siret';
import { LazyDialog } from '../../../components/lazy-dialog';
import { Page } from '../../../components/page';
import { SectionCard } from '../../../components/section-card';
import { paths } from '../../../config/paths';
import { formatDateTime } from '../../../lib/format-date';
import type { BackofficeAffiliation } from '../api/use-backoffice-affiliations';
import {
  affiliationPath,
  useBackofficeAffiliation,
  useMarkPaperReceived,
  useValidateAffiliation,
} from '../api/use-backoffice-affiliations';
import { AffiliationStatusBadge } from '../components/affiliation-status-badge';
import { BackLink, RequestPage, useOutcome } from '../components/request-page-parts';

// « Retourner au salarié » (its reason checked by the shared zod schema) loads when asked for.
const loadReturnModal = () => import('../components/return-modal').then((m) => m.ReturnModal);

/** Reasons the server records as codes. */
const REASON_LABELS: Record<string, string> = { paper_received: 'bulletin papier reçu' };

const date = (iso: string | null | undefined) => (iso ? formatFrenchDate(iso.slice(0, 10)) : '—');

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="gray.7">
        {label}
      </Text>
      <Text component="dd" m={0} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Text>
    </div>
  );
}

function Fields({ children }: { children: ReactNode }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm" m={0}>
      {children}
    </SimpleGrid>
  );
}

function BackToQueue() {
  return <BackLink to={paths.backOfficeAffiliations}>Retour aux demandes d’affiliation</BackLink>;
}

/** The employee as the form and the employer gave them. */
function IdentityCard({ data }: { data: BackofficeAffiliation }) {
  const form = data.form;
  const address = form?.address;
  return (
    <SectionCard title="Identité">
      <Fields>
        <Field label="Nom">{data.lastName}</Field>
        <Field label="Prénom">{data.firstName}</Field>
        <Field label="Date de naissance">{date(data.birthDate)}</Field>
        {/* The server sends it grouped (« 1 90 05 75 123 456 22 »): shown as it is. */}
        <Field label="Numéro de Sécurité sociale">{data.nir}</Field>
        <Field label="E-mail">{data.email}</Field>
        <Field label="Téléphone">{address?.phone}</Field>
        <Field label="Adresse">
          {address
            ? [
                address.addressLine1,
                address.addressLine2,
                [address.postalCode, address.city].filter(Boolean).join(' '),
                address.country,
              ]
                .filter(Boolean)
                .join(', ')
            : ''}
        </Field>
      </Fields>
    </SectionCard>
  );
}

/** The job as the employer declared it. */
function EmploymentCard({ data }: { data: BackofficeAffiliation }) {
  return (
    <SectionCard title="Emploi">
      <Fields>
        <Field label="Société">
          {data.companyName} (SIREN {formatSiren(data.siren)})
        </Field>
        <Field label="Établissement">
          {data.establishmentName} (SIRET {formatSiret(data.siret)})
        </Field>
        <Field label="Statut professionnel">
          {PROFESSIONAL_STATUS_LABELS[data.professionalStatus as ProfessionalStatus] ??
            data.professionalStatus}
        </Field>
        <Field label="Type de contrat de travail">
          {EMPLOYMENT_CONTRACT_TYPE_LABELS[data.employmentContractType as EmploymentContractType] ??
            data.employmentContractType}
        </Field>
        <Field label="Date d’embauche">{date(data.hireDate)}</Field>
        <Field label="Début du contrat de travail">{date(data.employmentStartDate)}</Field>
        {data.employmentEndDate ? (
          <Field label="Fin du contrat de travail">{date(data.employmentEndDate)}</Field>
        ) : null}
        <Field label="Poste">{data.positionInCompany}</Field>
        <Field label="Date d’affiliation">{date(data.affiliationDate)}</Field>
      </Fields>
    </SectionCard>
  );
}

/** The contract, the option chosen, the bank details, the consents. */
function ContractCard({ data }: { data: BackofficeAffiliation }) {
  const form = data.form;
  return (
    <SectionCard title="Contrat et coordonnées bancaires">
      <Fields>
        <Field label="Contrat">
          {data.contractLabel} (n° {data.contractNumber})
        </Field>
        <Field label="Option">{form?.optionLabel}</Field>
        <Field label="IBAN">{form?.maskedIban}</Field>
        <Field label="BIC">{form?.bic}</Field>
        <Field label="Télétransmission Noémie">
          {form ? (form.noemieConsent ? 'Acceptée' : 'Refusée') : ''}
        </Field>
        <Field label="Certifié le">{formatDateTime(form?.certifiedAt)}</Field>
      </Fields>
    </SectionCard>
  );
}

/** The files the employee joined, each a download. */
function AttachmentsCard({ data }: { data: BackofficeAffiliation }) {
  const form = data.form;
  return (
    <SectionCard title="Pièces justificatives">
      {form && form.attachments.length > 0 ? (
        <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
          {form.attachments.map((a) => (
            <li key={a.id}>
              <Anchor
                href={`${affiliationPath(data.id)}/attachments/${encodeURIComponent(a.id)}`}
                size="sm"
                fw={600}
              >
                <Group gap={6} component="span" wrap="nowrap">
                  <IconDownload size={16} aria-hidden />
                  {ATTACHMENT_KIND_LABELS[a.kind]} : {a.originalName}
                </Group>
              </Anchor>
            </li>
          ))}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Aucune pièce jointe.
        </Text>
      )}
    </SectionCard>
  );
}

/** The beneficiaries declared in the form. */
function BeneficiariesCard({ data }: { data: BackofficeAffiliation }) {
  const form = data.form;
  return (
    <SectionCard title="Ayants droit">
      {form && form.beneficiaries.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Type</Table.Th>
                <Table.Th scope="col">Nom et prénom</Table.Th>
                <Table.Th scope="col">Date de naissance</Table.Th>
                <Table.Th scope="col">N° de Sécurité sociale</Table.Th>
                <Table.Th scope="col">Rattaché au n°</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {form.beneficiaries.map((b, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{BENEFICIARY_TYPE_LABELS[b.type]}</Table.Td>
                  <Table.Td>
                    {b.lastName} {b.firstName}
                  </Table.Td>
                  <Table.Td>{date(b.birthDate)}</Table.Td>
                  <Table.Td>{b.nir ?? '—'}</Table.Td>
                  <Table.Td>{b.attachedToNir ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm" c="dimmed">
          Aucun ayant droit déclaré.
        </Text>
      )}
    </SectionCard>
  );
}

/** Every change of status, oldest first. */
function HistoryCard({ data }: { data: BackofficeAffiliation }) {
  return (
    <SectionCard title="Historique">
      <Stack component="ol" gap="xs" m={0} pl="lg">
        {data.history.map((h, i) => (
          <Text component="li" size="sm" key={i}>
            <strong>{formatDateTime(h.at)}</strong> :{' '}
            {h.from ? `${AFFILIATION_STATUS_LABELS[h.from]} → ` : ''}
            {AFFILIATION_STATUS_LABELS[h.to]} ({actorKindLabel(h.actorKind)})
            {h.reason ? ` — ${REASON_LABELS[h.reason] ?? `motif : ${h.reason}`}` : ''}
          </Text>
        ))}
      </Stack>
    </SectionCard>
  );
}

/** « Valider l’affiliation »: what the validation does, before it is done. */
function ValidateModal({
  data,
  opened,
  pending,
  onClose,
  onConfirm,
}: {
  data: BackofficeAffiliation;
  opened: boolean;
  pending: boolean;
  onClose: () => void;
  onConfirm: () => void;
}) {
  return (
    <Modal opened={opened} onClose={() => !pending && onClose()} title="Valider l’affiliation">
      <Stack gap="md">
        <Text size="sm">
          Le salarié {data.lastName} {data.firstName} sera affilié au contrat « {data.contractLabel}{' '}
           » à compter du {date(data.affiliationDate)}, et son employeur en sera informé.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending}>
            Annuler
          </Button>
          <Button onClick={onConfirm} loading={pending} data-autofocus>
            Confirmer la validation
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** What the insurer can do with the request now, and its BIA as a PDF. */
function DecisionBar({
  data,
  onValidate,
  onReturn,
  onPaperReceived,
  paperPending,
}: {
  data: BackofficeAffiliation;
  onValidate: () => void;
  onReturn: () => void;
  onPaperReceived: () => void;
  paperPending: boolean;
}) {
  const canDecide = data.status === 'finalised';
  const awaitingPaper =
    data.mode === 'mail' && (data.status === 'sent' || data.status === 'started');
  return (
    <Paper withBorder radius="md" p="md">
      <Group gap="sm">
        {canDecide ? (
          <>
            <Button leftSection={<IconCheck size={18} aria-hidden />} onClick={onValidate}>
              Valider l’affiliation
            </Button>
            <Button
              variant="light"
              color="orange"
              leftSection={<IconArrowBackUp size={18} aria-hidden />}
              onClick={onReturn}
            >
              Retourner au salarié
            </Button>
          </>
        ) : null}
        {awaitingPaper ? (
          <Button
            variant="light"
            leftSection={<IconMailbox size={18} aria-hidden />}
            onClick={onPaperReceived}
            loading={paperPending}
          >
            Marquer le bulletin papier comme reçu
          </Button>
        ) : null}
        <Button
          component="a"
          href={`${affiliationPath(data.id)}/bia.pdf`}
          target="_blank"
          rel="noopener"
          variant="default"
          leftSection={<IconFileTypePdf size={18} aria-hidden />}
        >
          Voir le bulletin (PDF)
        </Button>
      </Group>
    </Paper>
  );
}

function Detail({ data }: { data: BackofficeAffiliation }) {
  const validate = useValidateAffiliation(data.id);
  const paper = useMarkPaperReceived(data.id);
  const [confirming, setConfirming] = useState(false);
  const [returning, setReturning] = useState(false);
  const { done, failed, alerts } = useOutcome();

  const onValidate = () => {
    validate.mutate(undefined, {
      onSuccess: (result) => {
        setConfirming(false);
        done(
          result.existingMember
            ? 'Le salarié est affilié (rattaché à son dossier existant).'
            : 'Le salarié est affilié.',
        );
      },
      onError: (err) => {
        setConfirming(false);
        failed(err);
      },
    });
  };

  const onPaperReceived = () => {
    paper.mutate(undefined, {
      onSuccess: () => done('Le bulletin papier est marqué comme reçu : la demande est à valider.'),
      onError: failed,
    });
  };

  const name = `${data.lastName} ${data.firstName}`;

  return (
    <Page title={name}>
      <Group gap="xs" mt={-8}>
        <AffiliationStatusBadge status={data.status} />
        <Text size="sm" c="dimmed">
          Mode {AFFILIATION_MODE_LABELS[data.mode].toLowerCase()} · {data.companyName} ·{' '}
          {data.establishmentName}
        </Text>
      </Group>
      <BackToQueue />
      {alerts}

      <DecisionBar
        data={data}
        onValidate={() => setConfirming(true)}
        onReturn={() => setReturning(true)}
        onPaperReceived={onPaperReceived}
        paperPending={paper.isPending}
      />

      {data.returnReason && data.status === 'returned' ? (
        <Alert color="grape" variant="light" title="Motif du retour">
          {data.returnReason}
        </Alert>
      ) : null}

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <IdentityCard data={data} />
        <EmploymentCard data={data} />
        <ContractCard data={data} />
        <AttachmentsCard data={data} />
      </SimpleGrid>

      <BeneficiariesCard data={data} />

      <HistoryCard data={data} />

      <ValidateModal
        data={data}
        opened={confirming}
        pending={validate.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={onValidate}
      />
      <LazyDialog opened={returning} load={loadReturnModal}>
        {(ReturnModal, opened) => (
          <ReturnModal
            requestId={data.id}
            opened={opened}
            onClose={() => setReturning(false)}
            onReturned={() => {
              setReturning(false);
              done('Le bulletin a été retourné au salarié avec un nouveau lien.');
            }}
          />
        )}
      </LazyDialog>
    </Page>
  );
}

/** `/back-office/affiliations/$requestId`: one request, its form, and the insurer's decision. */
export function BackOfficeAffiliationPage() {
  const { requestId = '' } = useParams({ strict: false });
  const query = useBackofficeAffiliation(requestId);
  return (
    <RequestPage
      query={query}
      loading="Chargement de la demande…"
      notFound="Demande introuvable"
      backLink={<BackToQueue />}
    >
      {(data) => <Detail data={data} />}
    </RequestPage>
  );
}
