import { IconDownload, IconMailForward, IconX } from '@tabler/icons-react';
import { RowActionsMenu } from '../../../components/row-actions-menu';
import type { AffiliationRequestRow } from '../api/use-affiliations';
import { biaPdfUrl } from '../api/use-affiliations';
import { employeeName, reminderBlocker, reminderSummary } from '../format';

export const REMIND_LABEL = 'Envoi d’un e-mail de relance';
export const CANCEL_LABEL = 'Annuler la demande d’affiliation';
export const DOWNLOAD_LABEL = 'Télécharger le bulletin (PDF)';

/** The « … » of a row: reminder, cancellation, the BIA. */
export function AffiliationActionsMenu({
  row,
  onRemind,
  onCancel,
  reminding,
}: {
  row: AffiliationRequestRow;
  onRemind: (row: AffiliationRequestRow) => void;
  onCancel: (row: AffiliationRequestRow) => void;
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
        { key: 'bia', label: DOWNLOAD_LABEL, icon: IconDownload, href: biaPdfUrl(row.id) },
      ]}
    />
  );
}
