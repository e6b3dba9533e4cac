import { useId, useState } from 'react';
import { Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import type { UseFormReturnType } from '@mantine/form';
import { useAppForm } from '../../../lib/use-app-form';
import { notifications } from '@mantine/notifications';
import { DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_LABELS } from '@affilia/shared/domain/enums';
import type { DocumentMetadata } from '@affilia/shared/schemas/documents';
import { DOCUMENT_MAX_BYTES, DocumentMetadataSchema } from '@affilia/shared/schemas/documents';
import { errorMessage, fieldErrors, focusFirstInvalid } from '../../../lib/form-errors';
import { zodResolver } from '../../../lib/zod-resolver';
import { checkDocumentFile } from '../../../lib/document-format';
import type { BackofficeDocument } from '../api/use-backoffice-documents';
import { useCreateDocument, useUpdateDocument } from '../api/use-backoffice-documents';
import { DocumentCompanyPicker } from './document-company-picker';
import { DocumentFileInput } from './document-file-input';
import { FormAlert, FormButtons } from '../../../components/form-parts';
import { Dialog } from '../../../components/dialog';

interface Values {
  title: string;
  description: string;
  category: string;
  scope: DocumentMetadata['scope'];
  idcc: string;
  companyId: string;
}

const CATEGORY_OPTIONS = DOCUMENT_CATEGORIES.map((value) => ({
  value,
  label: DOCUMENT_CATEGORY_LABELS[value],
}));

const CLOSE = { 'aria-label': 'Fermer la notification' };

function initialValues(document: BackofficeDocument | undefined): Values {
  return {
    title: document?.title ?? '',
    description: document?.description ?? '',
    category: document?.category ?? '',
    scope: document?.scope ?? 'all',
    idcc: document?.idcc ?? '',
    companyId: document?.companyId ?? '',
  };
}

/** Titre, description, catégorie, and who sees the document (all, an IDCC, a company). */
function MetadataFields({
  form,
  document,
}: {
  form: UseFormReturnType<Values>;
  document: BackofficeDocument | undefined;
}) {
  return (
    <>
      <TextInput
        label="Titre"
        required
        maxLength={200}
        data-autofocus
        {...form.getInputProps('title')}
      />
      <Textarea
        label="Description"
        description="Facultative : elle aide les entreprises à trouver le document"
        autosize
        minRows={2}
        maxRows={6}
        maxLength={2000}
        {...form.getInputProps('description')}
      />
      <DeferredSelect
        label="Catégorie"
        placeholder="Choisir une catégorie"
        required
        data={CATEGORY_OPTIONS}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps('category')}
      />
      <Radio.Group label="Destinataires" required {...form.getInputProps('scope')}>
        <Stack gap="xs" mt="xs">
          <Radio value="all" label="Tous les adhérents" />
          <Radio value="ccn" label="Les entreprises d’une convention collective (IDCC)" />
          <Radio value="company" label="Une entreprise" />
        </Stack>
      </Radio.Group>
      {form.values.scope === 'ccn' ? (
        <TextInput
          label="IDCC"
          description="Le numéro de la convention collective, par exemple 1527 pour l’immobilier"
          required
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          w={{ base: '100%', xs: 200 }}
          {...form.getInputProps('idcc')}
        />
      ) : null}
      {form.values.scope === 'company' ? (
        <DocumentCompanyPicker
          value={form.values.companyId}
          onChange={(companyId) => form.setFieldValue('companyId', companyId)}
          error={form.errors.companyId}
          current={
            document?.scope === 'company' && document.companyId && document.companyName
              ? { id: document.companyId, name: document.companyName }
              : null
          }
        />
      ) : null}
    </>
  );
}

/** Saves a document's metadata, or a new document with its file, and says so. */
function useSaveDocument(document: BackofficeDocument | undefined) {
  const create = useCreateDocument();
  const update = useUpdateDocument(document?.id ?? '');
  const saveDocument = (
    meta: DocumentMetadata,
    file: File | null,
    onSaved: () => void,
    onError: (error: unknown) => void,
  ) => {
    if (document) {
      update.mutate(meta, {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            title: 'Document modifié',
            message: `Les informations de « ${saved.title} » sont enregistrées.`,
            closeButtonProps: CLOSE,
          });
          onSaved();
        },
        onError,
      });
    } else if (file) {
      create.mutate(
        { meta, file },
        {
          onSuccess: (saved) => {
            notifications.show({
              color: 'teal',
              title: 'Document ajouté',
              message: `« ${saved.title} » est enregistré comme brouillon : publiez-le pour le rendre visible aux entreprises concernées.`,
              closeButtonProps: CLOSE,
              autoClose: 8000,
            });
            onSaved();
          },
          onError,
        },
      );
    }
  };
  const reset = () => {
    create.reset();
    update.reset();
  };
  return { saveDocument, pending: create.isPending || update.isPending, reset };
}

/** What happens to the document once saved, and the last error that belongs to no field. */
function FormIntro({ editing, problem }: { editing: boolean; problem: string | null }) {
  return (
    <>
      <Text size="sm">
        {editing
          ? 'Pour changer le fichier, utilisez « Remplacer le fichier ». '
          : 'Le document est enregistré comme brouillon : il ne sera visible des entreprises qu’une fois publié. '}
        Les champs marqués d’un astérisque (*) sont obligatoires.
      </Text>
      <FormAlert message={problem} />
    </>
  );
}

/**
 * « Ajouter un document » (metadata and the file; saved as a draft) or « Modifier » (metadata
 * only) when `document` is given. Render it with a `key` per document so that it starts afresh.
 */
export function DocumentFormModal({
  document,
  opened,
  onClose,
}: {
  document?: BackofficeDocument;
  opened: boolean;
  onClose: () => void;
}) {
  const formId = useId();
  const editing = document !== undefined;
  const { saveDocument, pending, reset } = useSaveDocument(document);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useAppForm<Values>({
    initialValues: initialValues(document),
    validate: zodResolver(DocumentMetadataSchema),
  });

  const close = () => {
    if (pending) return;
    form.setValues(initialValues(document));
    form.clearErrors();
    setFile(null);
    setFileError(null);
    setProblem(null);
    reset();
    onClose();
  };

  const showServerError = (error: unknown) => {
    const { file: fileMessage, ...fields } = fieldErrors(error);
    if (fileMessage) setFileError(fileMessage);
    if (Object.keys(fields).length > 0) form.setErrors(fields);
    if (fileMessage || Object.keys(fields).length > 0) {
      focusFirstInvalid(formId);
      return;
    }
    setProblem(errorMessage(error));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setProblem(null);
    const checked = form.validate();
    const chosenFileError = editing
      ? null
      : file
        ? checkDocumentFile(file, DOCUMENT_MAX_BYTES)
        : 'Choisissez un fichier PDF, DOCX ou XLSX';
    setFileError(chosenFileError);
    const parsed = DocumentMetadataSchema.safeParse(form.getValues());
    if (checked.hasErrors || chosenFileError || !parsed.success) {
      focusFirstInvalid(formId);
      return;
    }
    saveDocument(
      parsed.data,
      file,
      () => {
        if (!editing) {
          form.reset();
          setFile(null);
        }
        close();
      },
      showServerError,
    );
  };

  return (
    <Dialog
      opened={opened}
      onClose={close}
      size="lg"
      title={editing ? `Modifier « ${document.title} »` : 'Ajouter un document'}
    >
      <form id={formId} onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormIntro editing={editing} problem={problem} />
          <MetadataFields form={form} document={document} />
          {editing ? null : (
            <DocumentFileInput
              label="Fichier"
              file={file}
              error={fileError}
              onChange={(chosen, error) => {
                setFile(chosen);
                setFileError(error);
              }}
            />
          )}
          <FormButtons
            submitLabel={editing ? 'Enregistrer les modifications' : 'Ajouter le document'}
            loading={pending}
            onCancel={close}
            cancelDisabled={pending}
          />
        </Stack>
      </form>
    </Dialog>
  );
}
