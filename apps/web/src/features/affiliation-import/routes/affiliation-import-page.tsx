import { useId } from 'react';
import { Group, List, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import {
  AFFILIATION_IMPORT_MAX_BYTES,
  AFFILIATION_IMPORT_MAX_ROWS,
  AFFILIATION_IMPORT_TEMPLATE_PATH,
} from '@affilia/shared/domain/affiliation-import';
import { useFileUpload } from '../../../components/file-upload';
import { ImportFileCard, TemplateButton } from '../../../components/import-file-card';
import { AnchorLink } from '../../../components/links';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { useAffiliationImport } from '../api/use-affiliation-import';
import { AffiliationImportReportView, summaryText } from '../components/affiliation-import-report';

const MAX_MB = AFFILIATION_IMPORT_MAX_BYTES / 1024 / 1024;

/** The steps: the template, one line per employee (the e-mail chooses the mode), the file sent. */
function ImportSteps() {
  return (
    <List type="ordered" spacing="xs" size="sm">
      <List.Item>
        Téléchargez le modèle : une feuille « Pré-affiliations » aux colonnes au format texte (le
        NIR et le SIRET restent exacts), et une feuille « Instructions » qui explique chaque colonne
        et donne les valeurs acceptées.
      </List.Item>
      <List.Item>
        Remplissez une ligne par salarié, avec les informations de la pré-affiliation :
        l’établissement par son SIRET, les dates au format jj/mm/aaaa. L’e-mail est facultatif et
        choisit le mode du salarié :
        <List size="sm" spacing={2} withPadding mt={4}>
          <List.Item>
            avec un e-mail, mode « E-mail » : le salarié reçoit son lien pour compléter son
            affiliation en ligne ;
          </List.Item>
          <List.Item>
            sans e-mail, mode « Courrier » : après l’envoi, imprimez les bulletins d’affiliation
            (BIA) pré-remplis, un seul PDF pour le fichier, et remettez-les aux salariés.
          </List.Item>
        </List>
      </List.Item>
      <List.Item>
        Enregistrez le fichier au format Excel (.xlsx) ou CSV (.csv) et envoyez-le ci-dessous :{' '}
        {AFFILIATION_IMPORT_MAX_ROWS.toLocaleString('fr-FR')} lignes et {MAX_MB} Mo au plus. Chaque
        ligne correcte devient une demande d’affiliation, vérifiée comme dans « Pré-affiliation » ;
        une ligne en erreur n’est pas appliquée.
      </List.Item>
    </List>
  );
}

/** « Pré-affilier par fichier »: the template, the file, then the row-by-row report. */
export function AffiliationImportPage() {
  const inputId = useId();
  const upload = useFileUpload(inputId, useAffiliationImport(), AFFILIATION_IMPORT_MAX_BYTES);

  return (
    <Page
      title="Pré-affilier par fichier"
      description="Plusieurs salariés pré-affiliés en un seul envoi, à partir d’un fichier Excel ou CSV."
      actions={<TemplateButton href={AFFILIATION_IMPORT_TEMPLATE_PATH} />}
    >
      <Group justify="space-between" gap="xs">
        <AnchorLink to={paths.preAffiliation} size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden />
            Pré-affilier un seul salarié
          </Group>
        </AnchorLink>
        <Text size="sm" span>
          <AnchorLink to={paths.affiliations}>Suivi des demandes d’affiliation</AnchorLink>
        </Text>
      </Group>
      <ImportFileCard
        inputId={inputId}
        upload={upload}
        steps={<ImportSteps />}
        label="Fichier des salariés à pré-affilier"
        processingText="Vérification des lignes et création des demandes…"
        doneText={(report) => `Import terminé : ${summaryText(report.summary)}.`}
      />
      {upload.report ? <AffiliationImportReportView report={upload.report} /> : null}
    </Page>
  );
}
