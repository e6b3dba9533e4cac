import { useState } from 'react';
import { ActionIcon, Menu, Text, Tooltip } from '@mantine/core';
import { IconDotsVertical, IconDownload, IconMailForward, IconX } from '@tabler/icons-react';
import type { AffiliationRow } from '../api/use-affiliations';
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
  row: AffiliationRow;
  onRemind: (row: AffiliationRow) => void;
  onCancel: (row: AffiliationRow) => void;
  /** A reminder of this row is on its way. */
  reminding: boolean;
}) {
  const [opened, setOpened] = useState(false);
  const label = `Actions pour ${employeeName(row)}`;
  const blocker = reminderBlocker(row);
  const summary = reminderSummary(row);
  return (
    <Menu
      position="bottom-end"
      width={320}
      shadow="md"
      withinPortal
      // No focus sentinel (role=presentation) inside role=menu: the first item takes the focus.
      withInitialFocusPlaceholder={false}
      opened={opened}
      onChange={setOpened}
    >
      <Menu.Target>
        <Tooltip label={label} disabled={opened}>
          <ActionIcon variant="subtle" color="gray.8" size="lg" aria-label={label}>
            <IconDotsVertical size={20} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconMailForward size={18} aria-hidden />}
          disabled={Boolean(blocker) || reminding}
          onClick={() => onRemind(row)}
        >
          <Text size="sm" inherit>
            {REMIND_LABEL}
          </Text>
          <Text size="xs" c="gray.8" inherit={false}>
            {blocker ? `${summary}. ${blocker}` : summary}
          </Text>
        </Menu.Item>
        <Menu.Item
          leftSection={<IconX size={18} aria-hidden />}
          color="red"
          disabled={!row.canCancel}
          onClick={() => onCancel(row)}
        >
          <Text size="sm" inherit>
            {CANCEL_LABEL}
          </Text>
          {row.canCancel ? null : (
            <Text size="xs" c="gray.8" inherit={false}>
              La demande est déjà finalisée, validée ou abandonnée.
            </Text>
          )}
        </Menu.Item>
        <Menu.Item
          component="a"
          href={biaPdfUrl(row.id)}
          download
          leftSection={<IconDownload size={18} aria-hidden />}
        >
          {DOWNLOAD_LABEL}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
