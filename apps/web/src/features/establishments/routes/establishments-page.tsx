import { useState } from 'react';
import { Button, Group } from '@mantine/core';
import { IconFileSpreadsheet, IconPlus } from '@tabler/icons-react';
import { Page } from '../../../components/page';
import { ProfileTabs } from '../../../components/profile-tabs';
import { useEstablishments } from '../api/use-establishments';
import { AddEstablishmentModal } from '../components/add-establishment-modal';
import { EstablishmentsList } from '../components/establishments-list';
import { ImportSection } from '../components/import-section';

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
          {...WRAPPING}
        >
          Ajouter plusieurs établissements (fichier)
        </Button>
      </Group>
      {importOpened ? (
        <div id="import-etablissements-section">
          <ImportSection onClose={() => setImportOpened(false)} />
        </div>
      ) : null}
      <EstablishmentsList
        establishments={establishments.data}
        isPending={establishments.isPending}
        error={establishments.error}
      />
      <AddEstablishmentModal opened={addOpened} onClose={() => setAddOpened(false)} />
    </Page>
  );
}
