import { Suspense, lazy, useState } from 'react';
import { Button, Group } from '@mantine/core';
import { IconFileSpreadsheet, IconPlus } from '@tabler/icons-react';
import { Page } from '../../../components/page';
import { ProfileTabs } from '../../../components/profile-tabs';
import { useEstablishments } from '../api/use-establishments';
import { EstablishmentsList } from '../components/establishments-list';
import { FormLoading } from '../../../components/form-parts';
import { LazyDialog } from '../../../components/lazy-dialog';

// Adding one (its zod schema, Mantine's form) or a file of them loads when asked for: the
// buttons fetch the code as the pointer or the focus reaches them.
const loadAddModal = () =>
  import('../components/add-establishment-modal').then((m) => m.AddEstablishmentModal);
const loadImportSection = () => import('../components/import-section');
const ImportSection = lazy(() => loadImportSection().then((m) => ({ default: m.ImportSection })));

/** A button whose label may wrap on a phone rather than be cut. */
const WRAPPING = { h: 'auto', py: 8, styles: { label: { whiteSpace: 'normal' as const } } };

/**
 * `/profil/etablissements`: the establishments of the perimeter, and how to add to it, one by
 * one or from a file (SPEC §4.4).
 */
export function EstablishmentsPage() {
  const establishments = useEstablishments();
  const [addOpened, setAddOpened] = useState(false);
  const [importOpened, setImportOpened] = useState(false);

  return (
    <Page
      title="Établissements suivis"
      description="Les établissements dont vous suivez les salariés et les demandes d’affiliation."
    >
      <ProfileTabs current="establishments" />
      <Group gap="sm">
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => setAddOpened(true)}
          onMouseEnter={() => void loadAddModal()}
          onFocus={() => void loadAddModal()}
          {...WRAPPING}
        >
          Ajouter un établissement au périmètre suivi
        </Button>
        <Button
          variant="default"
          leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
          onClick={() => setImportOpened(true)}
          aria-expanded={importOpened}
          aria-controls={importOpened ? 'import-etablissements-section' : undefined}
          onMouseEnter={() => void loadImportSection()}
          onFocus={() => void loadImportSection()}
          {...WRAPPING}
        >
          Ajouter plusieurs établissements (fichier)
        </Button>
      </Group>
      {importOpened ? (
        <div id="import-etablissements-section">
          <Suspense fallback={<FormLoading />}>
            <ImportSection onClose={() => setImportOpened(false)} />
          </Suspense>
        </div>
      ) : null}
      <EstablishmentsList
        establishments={establishments.data}
        isPending={establishments.isPending}
        error={establishments.error}
      />
      <LazyDialog opened={addOpened} load={loadAddModal}>
        {(AddEstablishmentModal, opened) => (
          <AddEstablishmentModal opened={opened} onClose={() => setAddOpened(false)} />
        )}
      </LazyDialog>
    </Page>
  );
}
