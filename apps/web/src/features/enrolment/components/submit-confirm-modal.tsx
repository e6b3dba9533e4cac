import type { ReactNode } from 'react';
import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { BENEFICIARY_TYPE_LABELS } from '@affilia/shared/domain/enums';
import { ATTACHMENT_KIND_LABELS } from '@affilia/shared/schemas/enrolment';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import type { EnrolmentForm } from '../api/use-enrolment';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="gray.7">
        {label}
      </Text>
      <Text component="dd" m={0} fw={600} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

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
            <Row label="Salarié">
              {saved.identity.firstName} {saved.identity.lastName}
            </Row>
            <Row label="Adresse">
              {[
                a?.addressLine1,
                a?.addressLine2,
                [a?.postalCode, a?.city].filter(Boolean).join(' '),
              ]
                .filter(Boolean)
                .join(', ') || '-'}
            </Row>
            {saved.contract.options.length > 0 ? (
              <Row label="Option choisie">{option?.label ?? '-'}</Row>
            ) : null}
            <Row label="IBAN">{saved.maskedIban ?? '-'}</Row>
            <Row label="Télétransmission Noémie">
              {saved.noemieConsent ? 'Acceptée' : 'Refusée'}
            </Row>
            <Row label="Ayants droit">
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
            </Row>
            <Row label="Pièces jointes">
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
            </Row>
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
