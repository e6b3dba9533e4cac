import { Suspense, lazy, useRef, useState } from 'react';
import { Button } from '@mantine/core';
import { IconFilesOff, IconPlus } from '@tabler/icons-react';
import { ListResults, listQuery } from '../../../components/list-page';
import { ListEmpty } from '../../../components/list-empty';
import { ListSkeleton } from '../../../components/list-skeleton';
import { LazyDialog } from '../../../components/lazy-dialog';
import { Page } from '../../../components/page';
import { notifyFailure, notifySuccess } from '../../../lib/notify';
import { wholeListLabel } from '../../../lib/list-search';
import type { BackofficeDocument } from '../api/use-backoffice-documents';
import { useBackofficeDocuments, useSetDocumentStatus } from '../api/use-backoffice-documents';
import { DocumentTable } from '../components/document-table';
import { DocumentUnpublishModal } from '../components/document-unpublish-modal';

// The dialogs (their forms: zod, the shared schemas, Mantine's form) load when asked for, not with
// the list; « Ajouter un document » fetches its code as soon as the pointer or the focus reaches it.
const loadFormModal = () =>
  import('../components/document-form-modal').then((m) => m.DocumentFormModal);
const DocumentFormModal = lazy(() => loadFormModal().then((m) => ({ default: m })));
const DocumentVersionsModal = lazy(() =>
  import('../components/document-versions-modal').then((m) => ({
    default: m.DocumentVersionsModal,
  })),
);

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; id: string }
  | { kind: 'versions'; id: string }
  | { kind: 'unpublish'; id: string };

const DOCUMENTS = { none: 'Aucun document', one: 'document', many: 'documents' };

/** « Publier »: one document at a time, its row busy meanwhile, and what happened. */
function usePublish(setStatus: ReturnType<typeof useSetDocumentStatus>) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const publish = (document: BackofficeDocument) => {
    if (setStatus.isPending) return;
    setBusyId(document.id);
    setStatus.mutate(
      { id: document.id, action: 'publish' },
      {
        onSuccess: (saved) =>
          notifySuccess(
            `« ${saved.title} » est visible dans « Mes documents pratiques » ; les utilisateurs concernés en sont avertis.`,
            'Document publié',
          ),
        onError: (error) => notifyFailure(error, 'Publication impossible'),
        onSettled: () => setBusyId(null),
      },
    );
  };
  return { publish, busyId };
}

/** `/back-office/documents`: « Documents publiés » (SPEC §6). */
export function BackOfficeDocumentsPage() {
  const list = useBackofficeDocuments();
  const setStatus = useSetDocumentStatus();
  const { publish, busyId } = usePublish(setStatus);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // Kept after closing, so that the confirmation does not go blank while it fades out.
  const [toUnpublish, setToUnpublish] = useState<BackofficeDocument | null>(null);
  const resultsTitle = useRef<HTMLHeadingElement>(null);

  const documents = list.data?.documents ?? [];
  const find = (id: string) => documents.find((d) => d.id === id) ?? null;
  const selected = dialog && dialog.kind !== 'create' ? find(dialog.id) : null;
  const closeDialog = () => {
    setDialog(null);
    setStatus.reset();
  };

  const unpublish = () => {
    if (!selected || setStatus.isPending) return;
    setStatus.mutate(
      { id: selected.id, action: 'unpublish' },
      {
        onSuccess: (saved) => {
          notifySuccess(
            `« ${saved.title} » n’est plus visible des entreprises.`,
            'Document dépublié',
          );
          closeDialog();
        },
      },
    );
  };

  return (
    <Page
      title="Documents publiés"
      description="Les documents pratiques mis à disposition des entreprises : pour tous les adhérents, pour une convention collective ou pour une entreprise."
      actions={
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => setDialog({ kind: 'create' })}
          onMouseEnter={() => void loadFormModal()}
          onFocus={() => void loadFormModal()}
        >
          Ajouter un document
        </Button>
      }
    >
      <ListResults
        id="documents-results-title"
        titleRef={resultsTitle}
        title="Documents"
        testId="documents-count"
        list={listQuery(list, (data) => data.documents)}
        loading="Chargement des documents…"
        count={(d) => wholeListLabel(d.items.length, DOCUMENTS, false)}
        skeleton={<ListSkeleton />}
        empty={
          <ListEmpty
            icon={IconFilesOff}
            title="Aucun document pour le moment."
            hint="Ajoutez un document : il sera enregistré comme brouillon jusqu’à sa publication."
          />
        }
      >
        {(items) => (
          <DocumentTable
            documents={items}
            actions={{
              busyId,
              onPublish: publish,
              onUnpublish: (d) => {
                setToUnpublish(d);
                setDialog({ kind: 'unpublish', id: d.id });
              },
              onEdit: (d) => setDialog({ kind: 'edit', id: d.id }),
              onReplace: (d) => setDialog({ kind: 'versions', id: d.id }),
            }}
          />
        )}
      </ListResults>

      <LazyDialog opened={dialog?.kind === 'create'} load={loadFormModal}>
        {(CreateModal, opened) => <CreateModal opened={opened} onClose={closeDialog} />}
      </LazyDialog>
      <Suspense fallback={null}>
        {dialog?.kind === 'edit' && selected ? (
          <DocumentFormModal
            key={`edit-${selected.id}`}
            document={selected}
            opened
            onClose={closeDialog}
          />
        ) : null}
        {dialog?.kind === 'versions' && selected ? (
          <DocumentVersionsModal
            key={`versions-${selected.id}`}
            document={selected}
            opened
            onClose={closeDialog}
          />
        ) : null}
      </Suspense>
      <DocumentUnpublishModal
        document={toUnpublish}
        opened={dialog?.kind === 'unpublish' && selected !== null}
        pending={setStatus.isPending}
        error={dialog?.kind === 'unpublish' ? setStatus.error : null}
        onConfirm={unpublish}
        onClose={closeDialog}
      />
    </Page>
  );
}
