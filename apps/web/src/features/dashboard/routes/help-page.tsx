import type { ReactNode } from 'react';
import { Accordion, List, Paper, Stack, Text, Title } from '@mantine/core';
import { AFFILIATION_STATUS_LABELS } from '@affilia/shared/domain/enums';
import { AnchorLink, ButtonLink } from '../../../components/links';
import { Page } from '../../../components/page';
import { SupportContact } from '../../../components/support-contact';
import { paths } from '../../../config/paths';
import { useBranding } from '../../../lib/branding';

interface HelpQuestion {
  value: string;
  question: string;
  answer: ReactNode;
}

/** « Activer mon espace », step by step. */
function FirstConnectionAnswer({ brandName }: { brandName: string }) {
  return (
    <Stack gap="xs">
      <Text size="sm">
        Pour accéder aux services de l’Espace Entreprise, réalisez une première connexion afin de
        personnaliser vos identifiants : depuis la page de connexion, cliquez sur « Activer mon
        espace ».
      </Text>
      <List size="sm" type="ordered" spacing={4}>
        <List.Item>
          Identifiez votre établissement avec son numéro de SIRET et votre identifiant entreprise
          (le « Numéro entreprise » figurant sur les courriers de {brandName}).
        </List.Item>
        <List.Item>
          Complétez vos informations : nom, prénom, adresse e-mail (elle servira à vous connecter)
          et numéro de téléphone mobile.
        </List.Item>
        <List.Item>
          Choisissez un mot de passe sécurisé puis acceptez les conditions générales.
        </List.Item>
        <List.Item>
          Connectez-vous ensuite avec votre adresse e-mail et le mot de passe choisi.
        </List.Item>
      </List>
      <Text size="sm">
        Si vous n’avez pas votre identifiant entreprise, rapprochez-vous de votre assureur.{' '}
        <AnchorLink to={paths.activate}>Activer mon espace</AnchorLink>
      </Text>
    </Stack>
  );
}

/** Why and when the SMS code is asked. */
function SecondFactorAnswer() {
  return (
    <Stack gap="xs">
      <Text size="sm">
        La double authentification est un dispositif de sécurité qui permet de vous identifier lors
        de la connexion à votre Espace Entreprise. Elle réduit le risque de fraude en ligne et
        d’usurpation d’identité, et protège les données sensibles.
      </Text>
      <Text size="sm">
        Un écran de sécurité peut vous demander d’indiquer ou de confirmer votre numéro de téléphone
        mobile. Cliquez sur « Envoyer le code » : vous recevez un SMS contenant le code de sécurité.
        Saisissez-le dans le champ prévu puis cliquez sur « Continuer ».
      </Text>
      <Text size="sm">La double authentification est demandée :</Text>
      <List size="sm" spacing={4}>
        <List.Item>lors d’un changement de navigateur internet ;</List.Item>
        <List.Item>
          lors d’un changement d’adresse IP (changement de box ou de réseau wifi) ;
        </List.Item>
        <List.Item>après une longue période sans connexion (à partir de 3 mois).</List.Item>
      </List>
      <Text size="sm">
        Vous pouvez changer votre numéro de téléphone depuis{' '}
        <AnchorLink to={paths.profile}>Mon profil</AnchorLink>.
      </Text>
    </Stack>
  );
}

/** Adding establishments, one or a file of them. */
function EstablishmentsAnswer() {
  return (
    <Stack gap="xs">
      <Text size="sm">
        Après avoir activé votre Espace Entreprise, vous pouvez ajouter des établissements à votre
        périmètre depuis « Mon profil » : cliquez sur « Ajouter un établissement au périmètre
        suivi » et saisissez le SIRET et le code identifiant du nouvel établissement, ou sur
        « Ajouter plusieurs établissements (fichier) » pour envoyer le modèle de fichier complété.
      </Text>
      <Text size="sm">
        <AnchorLink to={paths.profileEstablishments}>Gérer mes établissements</AnchorLink>
      </Text>
    </Stack>
  );
}

/** The pré-affiliation, then the employee’s form. */
function PreAffiliationAnswer() {
  return (
    <Stack gap="xs">
      <List size="sm" type="ordered" spacing={4}>
        <List.Item>Choisissez l’établissement du salarié.</List.Item>
        <List.Item>Sélectionnez son statut professionnel.</List.Item>
        <List.Item>
          Précisez si le salarié a déjà fait l’objet d’une affiliation au sein de votre entreprise.
        </List.Item>
        <List.Item>
          Remplissez les informations du salarié : numéro de Sécurité sociale (13 premiers
          chiffres), date de naissance, date d’entrée dans l’entreprise, date d’affiliation au
          contrat Frais de Santé, type et dates du contrat de travail.
        </List.Item>
      </List>
      <Text size="sm">
        Une fois le salarié pré-affilié, un formulaire d’affiliation à compléter lui est envoyé par
        e-mail. Sans adresse e-mail, ce formulaire peut être téléchargé dans « Suivi des demandes
        d’affiliation ». Le salarié complète son formulaire en ligne ou le renvoie par courrier avec
        son RIB et son attestation de droits Sécurité sociale.
      </Text>
      <Text size="sm">
        <AnchorLink to={paths.preAffiliation}>Pré-affilier un salarié</AnchorLink>
      </Text>
    </Stack>
  );
}

/** What each status of « Suivi des demandes d’affiliation » means. */
function StatusesAnswer({ brandName }: { brandName: string }) {
  return (
    <Stack gap="xs">
      <Text size="sm">
        À tout moment, vous pouvez connaître l’état d’avancement de l’affiliation d’un salarié, avec
        le mode d’affiliation utilisé (e-mail ou courrier) :
      </Text>
      <List size="sm" spacing={4}>
        <List.Item>
          <strong>{AFFILIATION_STATUS_LABELS.sent}</strong> : l’e-mail ou le courrier a été envoyé.
        </List.Item>
        <List.Item>
          <strong>{AFFILIATION_STATUS_LABELS.started}</strong> : le salarié a débuté son affiliation
          en ligne et a enregistré un brouillon.
        </List.Item>
        <List.Item>
          <strong>{AFFILIATION_STATUS_LABELS.finalised}</strong> : le formulaire d’affiliation
          complété, en ligne ou papier, a été transmis à {brandName}.
        </List.Item>
        <List.Item>
          <strong>{AFFILIATION_STATUS_LABELS.validated}</strong> : l’affiliation est enregistrée ;
          le salarié apparaît dans « Mes salariés ».
        </List.Item>
        <List.Item>
          <strong>{AFFILIATION_STATUS_LABELS.returned}</strong> : {brandName} a renvoyé le
          formulaire au salarié pour qu’il le complète ou le corrige (une pièce illisible, par
          exemple) ; il reçoit un nouveau lien par e-mail et vous en êtes notifié.
        </List.Item>
        <List.Item>
          <strong>{AFFILIATION_STATUS_LABELS.abandoned}</strong> : le parcours du salarié a été
          interrompu. Pour lui redonner accès, il faut reprendre un parcours initial.
        </List.Item>
      </List>
      <Text size="sm">
        Si le salarié n’a pas répondu, vous pouvez le relancer depuis cette rubrique, avec le menu
        « … » de la colonne « Actions ».
      </Text>
      <Text size="sm">
        <AnchorLink to={paths.affiliations}>Suivi des demandes d’affiliation</AnchorLink>
      </Text>
    </Stack>
  );
}

/** The questions of the user guide (« Premiers pas », « Fonctionnalités »), in the app's words. */
function useQuestions(): HelpQuestion[] {
  const { brandName } = useBranding();
  return [
    {
      value: 'first-connection',
      question: 'Comment me connecter pour la première fois ?',
      answer: <FirstConnectionAnswer brandName={brandName} />,
    },
    {
      value: 'second-factor',
      question: 'Qu’est-ce que la double authentification et le code reçu par SMS ?',
      answer: <SecondFactorAnswer />,
    },
    {
      value: 'establishments',
      question: 'Comment ajouter un ou plusieurs établissements ?',
      answer: <EstablishmentsAnswer />,
    },
    {
      value: 'pre-affiliation',
      question: 'Comment pré-affilier un nouveau salarié ?',
      answer: <PreAffiliationAnswer />,
    },
    {
      value: 'statuses',
      question: 'Que signifient les statuts du « Suivi des demandes d’affiliation » ?',
      answer: <StatusesAnswer brandName={brandName} />,
    },
  ];
}

/** `/aide`: « Besoin d'aide ? », the insurer's support line, the message box and the FAQ. */
export function HelpPage() {
  const questions = useQuestions();
  return (
    <Page title="Besoin d’aide ?">
      <Paper withBorder radius="md" p="lg" maw={720}>
        <Stack gap="md">
          <SupportContact withTitle={false} />
          <Text size="sm">
            Vous pouvez aussi écrire à nos conseillers depuis votre messagerie : ils vous répondront
            dans votre Espace Entreprise.
          </Text>
          <div>
            <ButtonLink to={paths.newMessage} variant="light">
              Nous contacter
            </ButtonLink>
          </div>
        </Stack>
      </Paper>
      <Stack gap="sm" maw={720} component="section" aria-labelledby="help-questions">
        <Title order={2} size="h3" id="help-questions">
          Questions fréquentes
        </Title>
        <Accordion variant="separated" radius="md" multiple order={3}>
          {questions.map((q) => (
            <Accordion.Item key={q.value} value={q.value}>
              <Accordion.Control>
                <Text fw={600} component="span">
                  {q.question}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>{q.answer}</Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Stack>
    </Page>
  );
}
