import { useId } from 'react';
import { Group, List } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import {
  RADIATION_IMPORT_MAX_BYTES,
  RADIATION_IMPORT_MAX_ROWS,
  RADIATION_IMPORT_TEMPLATE_PATH,
} from '@affilia/shared/domain/radiation-import';
import { useFileUpload } from '../../../components/file-upload';
import { ImportFileCard, TemplateButton } from '../../../components/import-file-card';
import { AnchorLink } from '../../../components/links';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { useRadiationImport } from '../api/use-radiation-import';
import { RadiationImportReportView, summaryText } from '../components/radiation-import-report';

const MAX_MB = RADIATION_IMPORT_MAX_BYTES / 1024 / 1024;

/** The steps: the template, one line per departing employee, the file sent. */
function ImportSteps() {
  return (
    <List type="ordered" spacing="xs" size="sm">
      <List.Item>
        Téléchargez le modèle : une feuille « Radiations » aux colonnes au format texte (le NIR
        reste exact), et une feuille « Instructions » qui explique chaque colonne et donne la liste
        des motifs de rupture avec leur code DSN.
      </List.Item>
      <List.Item>
        Remplissez une ligne par salarié : NIR, nom, prénom, date de fin du contrat (jj/mm/aaaa),
        motif ; facultatifs : droits au chômage (sinon selon le motif), début du dernier contrat,
        e-mail ou adresse postale pour la notice (sinon l’e-mail connu du portail), commentaire.
      </List.Item>
      <List.Item>
        Enregistrez le fichier au format Excel (.xlsx) ou CSV (.csv) et envoyez-le ci-dessous :{' '}
        {RADIATION_IMPORT_MAX_ROWS.toLocaleString('fr-FR')} lignes et {MAX_MB} Mo au plus. Chaque
        ligne correcte devient une demande de radiation, vérifiée comme dans le formulaire
        « Radier » ; une ligne en erreur n’est pas appliquée.
      </List.Item>
    </List>
  );
}

/** « Radier par fichier »: the template, the file, then the row-by-row report. */
export function RadiationImportPage() {
  const inputId = useId();
  const upload = useFileUpload(inputId, useRadiationImport(), RADIATION_IMPORT_MAX_BYTES);

  return (
    <Page
      title="Radier par fichier"
      description="Plusieurs départs de salariés en un seul envoi, à partir d’un fichier Excel ou CSV."
      actions={<TemplateButton href={RADIATION_IMPORT_TEMPLATE_PATH} />}
    >
      <AnchorLink to={paths.members} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          Retour à Mes salariés
        </Group>
      </AnchorLink>
      <ImportFileCard
        inputId={inputId}
        upload={upload}
        steps={<ImportSteps />}
        label="Fichier des salariés à radier"
        processingText="Vérification des lignes et création des demandes…"
        doneText={(report) => `Import terminé : ${summaryText(report.summary)}.`}
      />
      {upload.report ? <RadiationImportReportView report={upload.report} /> : null}
    </Page>
  );
}
