import { useId, useState } from 'react';
import {
  Anchor,
  Box,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Progress,
  Stack,
  Text,
} from '@mantine/core';
import { DeferredSelect } from '../../../components/deferred-select';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import {
  REFERENCE_IMPORT_ACCEPT,
  REFERENCE_IMPORT_KIND_LABELS,
  REFERENCE_IMPORT_KINDS,
  REFERENCE_IMPORT_MAX_BYTES,
  referenceImportTemplatePath,
} from '@affilia/shared/domain/reference-import';
import { FileDropZone } from '../../../components/file-drop-zone';
import { checkChosenFile } from '../../../components/import-file-check';
import { errorMessage, fieldErrors } from '../../../lib/form-errors';
import {
  useImportReferenceFile,
  type ReferenceImportKind,
  type ReferenceImportReport,
} from '../api/use-reference-imports';
import { importSummaryText } from './import-report';
import { FormAlert } from '../../../components/form-parts';
import { isOneOf } from '@affilia/shared/domain/enums';

const MAX_MB = REFERENCE_IMPORT_MAX_BYTES / 1024 / 1024;

const KIND_HELP: Record<ReferenceImportKind, string> = {
  companies: 'SIREN, raison sociale, identifiant entreprise, CCN et IDCC.',
  establishments:
    'SIRET, SIREN de l’entreprise (ou déduit du SIRET), nom, adresse et identifiant établissement. Les entreprises doivent être importées avant.',
  contracts:
    'Numéro de contrat, SIREN, libellé, collège (Cadre, Non cadre, Ensemble du personnel), options, dates de début et de fin.',
  members:
    'NIR, nom, prénom, date de naissance, SIRET, statut professionnel, numéro de contrat, option, date d’effet et date de fin : une ligne par couverture. Les établissements et les contrats doivent être importés avant.',
};

type Phase =
  | { step: 'choose' }
  | { step: 'uploading'; sent: number }
  | { step: 'processing'; done: number; total: number | null };

const count = (n: number) => n.toLocaleString('fr-FR');

/** « Type de données », what its file holds, and its template. */
function KindPicker({
  kind,
  onChange,
  disabled,
}: {
  kind: ReferenceImportKind;
  onChange: (kind: ReferenceImportKind) => void;
  disabled: boolean;
}) {
  return (
    <>
      <DeferredSelect
        label="Type de données"
        data={REFERENCE_IMPORT_KINDS.map((k) => ({
          value: k,
          label: REFERENCE_IMPORT_KIND_LABELS[k],
        }))}
        value={kind}
        onChange={(value) => {
          if (isOneOf(REFERENCE_IMPORT_KINDS, value)) onChange(value);
        }}
        allowDeselect={false}
        disabled={disabled}
        maw={360}
        description={KIND_HELP[kind]}
      />
      <Group gap="xs">
        <IconDownload size={18} aria-hidden />
        <Anchor href={referenceImportTemplatePath(kind)} download fw={600} size="sm">
          Télécharger le modèle « {REFERENCE_IMPORT_KIND_LABELS[kind]} » (.xlsx)
        </Anchor>
      </Group>
    </>
  );
}

/** The upload's progress, the rows processed, then the summary (announced as it changes). */
function ImportProgress({ phase, done }: { phase: Phase; done: string }) {
  return (
    <Box aria-live="polite" aria-atomic="true">
      {phase.step === 'uploading' ? (
        <Stack gap={6}>
          <Text size="sm">Envoi du fichier… {Math.round(phase.sent * 100)} %</Text>
          <Progress value={phase.sent * 100} aria-label="Envoi du fichier" size="lg" />
        </Stack>
      ) : phase.step === 'processing' && phase.total ? (
        <Stack gap={6}>
          <Text size="sm">
            Import en cours : {count(phase.done)} / {count(phase.total)} lignes traitées
          </Text>
          <Progress
            value={(phase.done * 100) / phase.total}
            aria-label="Lignes traitées"
            size="lg"
          />
        </Stack>
      ) : phase.step === 'processing' ? (
        <Group gap="sm">
          <Loader size="sm" aria-hidden />
          <Text size="sm">Import en cours : vérification et enregistrement des lignes…</Text>
        </Group>
      ) : done ? (
        <Text size="sm" fw={600}>
          {done}
        </Text>
      ) : null}
    </Box>
  );
}

/** « Type de données », the template, the file (drag and drop), then the upload's progress. */
export function ImportForm({ onReport }: { onReport: (report: ReferenceImportReport) => void }) {
  const fileId = useId();
  const importFile = useImportReferenceFile();
  const [kind, setKind] = useState<ReferenceImportKind>('members');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [done, setDone] = useState<string>('');
  const busy = phase.step !== 'choose';

  const send = () => {
    if (busy) return;
    const invalid = file
      ? checkChosenFile(file, REFERENCE_IMPORT_MAX_BYTES)
      : 'Choisissez un fichier .xlsx ou .csv';
    if (invalid || !file) {
      setFileError(invalid);
      document.getElementById(fileId)?.focus();
      return;
    }
    setProblem(null);
    setDone('');
    setPhase({ step: 'uploading', sent: 0 });
    importFile.mutate(
      {
        kind,
        file,
        dryRun,
        onProgress: (sent) =>
          setPhase(
            sent >= 1 ? { step: 'processing', done: 0, total: null } : { step: 'uploading', sent },
          ),
        onRows: (rowsDone, total) => setPhase({ step: 'processing', done: rowsDone, total }),
      },
      {
        onSuccess: (report) => {
          setPhase({ step: 'choose' });
          setFile(null);
          setDone(
            `${report.dryRun ? 'Vérification terminée' : 'Import terminé'} : ${importSummaryText(report.summary)}.`,
          );
          onReport(report);
        },
        onError: (error) => {
          setPhase({ step: 'choose' });
          const fields = fieldErrors(error);
          if (fields.file) setFileError(fields.file);
          setProblem(errorMessage(error));
        },
      },
    );
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md">
        <KindPicker kind={kind} onChange={setKind} disabled={busy} />
        <FileDropZone
          id={fileId}
          label="Fichier à importer"
          description={`Excel (.xlsx) ou CSV (.csv, séparateur point-virgule ou virgule), ${MAX_MB} Mo au plus. Au-delà, utilisez l’import en ligne de commande.`}
          accept={REFERENCE_IMPORT_ACCEPT}
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            setProblem(null);
            setFileError(chosen ? checkChosenFile(chosen, REFERENCE_IMPORT_MAX_BYTES) : null);
          }}
          error={fileError}
          disabled={busy}
        />
        <Checkbox
          label="Vérifier seulement, sans rien modifier"
          description="Le rapport montre ce que l’import ferait ; aucune donnée n’est enregistrée."
          checked={dryRun}
          onChange={(event) => setDryRun(event.currentTarget.checked)}
          disabled={busy}
        />
        <Group>
          <Button onClick={send} loading={busy} leftSection={<IconUpload size={18} aria-hidden />}>
            {dryRun ? 'Vérifier le fichier' : 'Importer le fichier'}
          </Button>
        </Group>

        <FormAlert message={problem} title="Le fichier n’a pas été importé" />

        <ImportProgress phase={phase} done={done} />
      </Stack>
    </Paper>
  );
}
