import { Suspense, lazy, useState } from 'react';
import { Button } from '@mantine/core';
import { IconUserMinus } from '@tabler/icons-react';
import { notifySuccess } from '../../../lib/notify';

// The dialog (Mantine's Modal) and its form load on the first « Radier la sélection », not with
// « Mes salariés » (decision record 0009).
const RadiationBulkDialog = lazy(() =>
  import('./radiation-bulk-dialog').then((m) => ({ default: m.RadiationBulkDialog })),
);

/**
 * The members checked in « Mes salariés »: they belong to the list on screen (`listKey`, its
 * query), so another search, page or sort starts afresh.
 */
export function useSelection(listKey: string) {
  const [selection, setSelection] = useState({ key: listKey, ids: new Set<string>() });
  const selected = selection.key === listKey ? selection.ids : new Set<string>();
  const select = (ids: Set<string>) => setSelection({ key: listKey, ids });
  return { selected, select };
}

/** « Radier la sélection (3) » and its dialog (issue 18); the selection is emptied once sent. */
export function RadiateSelection({
  selected,
  onSent,
}: {
  selected: ReadonlySet<string>;
  onSent: () => void;
}) {
  const [opened, setOpened] = useState(false);
  // Kept once loaded, so that it closes with its transition.
  const [loaded, setLoaded] = useState(false);
  return (
    <>
      <Button
        variant="outline"
        color="red"
        leftSection={<IconUserMinus size={18} aria-hidden />}
        disabled={selected.size === 0}
        onClick={() => {
          setLoaded(true);
          setOpened(true);
        }}
      >
        {selected.size > 0 ? `Radier la sélection (${selected.size})` : 'Radier la sélection'}
      </Button>
      {loaded ? (
        <Suspense fallback={null}>
          <RadiationBulkDialog
            opened={opened}
            memberIds={[...selected]}
            onClose={() => setOpened(false)}
            onDone={(result) => {
              setOpened(false);
              onSent();
              const count = result.radiations.length;
              notifySuccess(
                count > 1
                  ? `${count} radiations sont envoyées à l’assureur : suivez-les dans « Suivi des demandes ».`
                  : 'La radiation est envoyée à l’assureur : suivez-la dans « Suivi des demandes ».',
              );
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}
