import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { BENEFICIARY_TYPE_LABELS } from '@affilia/shared/domain/enums';
import { ATTACHMENT_KIND_LABELS } from '@affilia/shared/schemas/enrolment';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { EnrolmentForm } from '../api/use-enrolment';
import { ReadOnlyField } from './read-only-field';

/**
 * « Valider », then this summary of what was just saved: nothing leaves before « Confirmer
 * l’envoi » (issue 14 #20). After the envoi the form cannot be changed.
 */
export function SubmitConfirmModal({
  saved,
  onCancel,
  onConfirm,
  confirming,
}: {
  /** The form as saved just before; null: closed. */
  saved: EnrolmentForm | null;
  onCancel: () => void;
  onConfirm: () => void;
  confirming: boolean;
}) {
  const a = saved?.address;
  const option = saved?.contract.options.find((o) => o.code === saved.optionCode);
  return (
    <Modal
      opened={saved !== null}
      onClose={onCancel}
      title="Envoyer votre bulletin d’affiliation ?"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Fermer' }}
    >
      {saved ? (
        <Stack gap="md">
          <Text size="sm">
            Vérifiez ce récapitulatif. Une fois envoyé, votre bulletin ne peut plus être modifié.
          </Text>
          <Stack component="dl" gap="sm" m={0}>
            <ReadOnlyField label="Salarié">
              {saved.identity.firstName} {saved.identity.lastName}
            </ReadOnlyField>
            <ReadOnlyField label="Adresse">
              {[
                a?.addressLine1,
                a?.addressLine2,
                [a?.postalCode, a?.city].filter(Boolean).join(' '),
              ]
                .filter(Boolean)
                .join(', ') || '-'}
            </ReadOnlyField>
            {saved.contract.options.length > 0 ? (
              <ReadOnlyField label="Option choisie">{option?.label ?? '-'}</ReadOnlyField>
            ) : null}
            <ReadOnlyField label="IBAN">{saved.maskedIban ?? '-'}</ReadOnlyField>
            <ReadOnlyField label="Télétransmission Noémie">
              {saved.noemieConsent ? 'Acceptée' : 'Refusée'}
            </ReadOnlyField>
            <ReadOnlyField label="Ayants droit">
              {saved.beneficiaries.length === 0 ? (
                'Aucun'
              ) : (
                <List size="sm" spacing={2} fw={600}>
                  {saved.beneficiaries.map((b, i) => (
                    <List.Item key={i}>
                      {BENEFICIARY_TYPE_LABELS[b.type]} : {b.firstName} {b.lastName}, né(e) le{' '}
                      {formatFrenchDate(b.birthDate)}
                    </List.Item>
                  ))}
                </List>
              )}
            </ReadOnlyField>
            <ReadOnlyField label="Pièces jointes">
              {saved.attachments.length === 0 ? (
                'Aucune'
              ) : (
                <List size="sm" spacing={2} fw={600}>
                  {saved.attachments.map((f) => (
                    <List.Item key={f.id}>
                      {ATTACHMENT_KIND_LABELS[f.kind]} : {f.originalName}
                    </List.Item>
                  ))}
                </List>
              )}
            </ReadOnlyField>
          </Stack>
          {saved.identity.email ? (
            <Text size="sm">
              Vous recevrez une copie de votre bulletin complété à {saved.identity.email}.
            </Text>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" size="md" onClick={onCancel} disabled={confirming}>
              Revenir au formulaire
            </Button>
            <Button size="md" onClick={onConfirm} loading={confirming}>
              Confirmer l’envoi
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
