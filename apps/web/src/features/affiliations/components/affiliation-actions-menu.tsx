import { IconDownload, IconFileCertificate, IconMailForward, IconX } from '@tabler/icons-react';
import { RowActionsMenu } from '../../../components/row-actions-menu';
import type { AffiliationRequestRow } from '../api/use-affiliations';
import { biaPdfUrl } from '../api/use-affiliations';
import { employeeName, reminderBlocker, reminderSummary } from '../format';

export const REMIND_LABEL = 'Envoi d’un e-mail de relance';
export const CANCEL_LABEL = 'Annuler la demande d’affiliation';
export const DOWNLOAD_LABEL = 'Télécharger le bulletin (PDF)';
export const PAPER_DISPENSE_LABEL = 'Enregistrer une dispense papier';

/** A dispense is recorded on a request still the employee's (issue 19). */
const canRecordDispense = (row: AffiliationRequestRow) =>
  row.status === 'sent' || row.status === 'started' || row.status === 'returned';

/** The « … » of a row: reminder, cancellation, paper dispense, the BIA. */
export function AffiliationActionsMenu({
  row,
  onRemind,
  onCancel,
  onPaperDispense,
  reminding,
}: {
  row: AffiliationRequestRow;
  onRemind: (row: AffiliationRequestRow) => void;
  onCancel: (row: AffiliationRequestRow) => void;
  onPaperDispense: (row: AffiliationRequestRow) => void;
  /** A reminder of this row is on its way. */
  reminding: boolean;
}) {
  const blocker = reminderBlocker(row);
  const summary = reminderSummary(row);
  return (
    <RowActionsMenu
      name={employeeName(row)}
      width={320}
      actions={[
        {
          key: 'remind',
          label: REMIND_LABEL,
          icon: IconMailForward,
          hint: blocker ? `${summary}. ${blocker}` : summary,
          disabled: Boolean(blocker) || reminding,
          onClick: () => onRemind(row),
        },
        {
          key: 'cancel',
          label: CANCEL_LABEL,
          icon: IconX,
          hint: row.canCancel ? undefined : 'La demande est déjà finalisée, validée ou abandonnée.',
          danger: true,
          disabled: !row.canCancel,
          onClick: () => onCancel(row),
        },
        {
          key: 'dispense',
          label: PAPER_DISPENSE_LABEL,
          icon: IconFileCertificate,
          hint: canRecordDispense(row)
            ? 'Le salarié a signé une demande de dispense sur papier'
            : 'La demande n’est plus en attente du salarié.',
          disabled: !canRecordDispense(row),
          onClick: () => onPaperDispense(row),
        },
        { key: 'bia', label: DOWNLOAD_LABEL, icon: IconDownload, href: biaPdfUrl(row.id) },
      ]}
    />
  );
}
