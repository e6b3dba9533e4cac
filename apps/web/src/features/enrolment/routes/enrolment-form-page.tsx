import { lazy, Suspense, useState } from 'react';
import { Center, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { errorCode, errorMessage } from '../../../lib/form-errors';
import {
  enrolmentKey,
  useEnrolmentForm,
  useEnrolmentLink,
  useUnlockEnrolment,
} from '../api/use-enrolment';
import { BirthDateStep } from '../../../components/birth-date-step';
import { LinkProblem } from '../../../components/link-problem';
import { loadEnrolmentForm } from '../load-form';
import { DispenseSubmitted } from '../components/dispense-submitted';
import { SentConfirmation } from '../components/sent-confirmation';

const EnrolmentEntry = lazy(() => loadEnrolmentForm().then((m) => ({ default: m.EnrolmentEntry })));

function Loading({ label }: { label: string }) {
  return (
    <Center py="xl" role="status">
      <Stack align="center" gap="sm">
        <Loader aria-hidden />
        <Text size="sm">{label}</Text>
      </Stack>
    </Center>
  );
}

/** The completed BIA just sent (the receipt cookie set by « Valider »). */
const SUBMITTED_BIA_URL = '/api/enrolment/submitted/bia.pdf';

/** « Votre bulletin d'affiliation a été transmis », with its PDF to download. */
function Submitted({ email }: { email: string | null }) {
  return (
    <SentConfirmation
      title="Votre bulletin d’affiliation a été transmis"
      next="Merci. Votre employeur en est informé et votre assureur va vérifier vos informations et vos justificatifs. Vous serez affilié dès leur validation ; s’il manque quelque chose, vous recevrez un e-mail avec un nouveau lien pour compléter votre bulletin."
      email={email}
      what="votre bulletin complété"
      downloadHref={SUBMITTED_BIA_URL}
      downloadLabel="Télécharger mon bulletin (PDF)"
      closing="Ce lien n’est plus utilisable : vous pouvez fermer cette page."
    />
  );
}

/** `/formulaire/$token`: the employee's online BIA (SPEC §5.5), phone first. */
export function EnrolmentFormPage() {
  const { token = '' } = useParams({ strict: false });
  const link = useEnrolmentLink(token);
  // A browser that already confirmed the birth date reopens the form directly; another one is
  // asked for it first (no request answered 401 on the way).
  const form = useEnrolmentForm(token, link.data?.unlocked === true);
  const unlock = useUnlockEnrolment(token);
  const [submitted, setSubmitted] = useState<{
    kind: 'bia' | 'dispense' | 'renewal';
    email: string | null;
  } | null>(null);
  const [lost, setLost] = useState<unknown>(null);
  const queryClient = useQueryClient();

  if (submitted?.kind === 'bia') return <Submitted email={submitted.email} />;
  if (submitted) {
    return (
      <DispenseSubmitted
        token={token}
        email={submitted.email}
        renewal={submitted.kind === 'renewal'}
      />
    );
  }

  const dead = link.isError ? link.error : form.isError ? form.error : lost;
  const deadCode = errorCode(dead);
  if (deadCode === 'form_link_expired') {
    return <LinkProblem title="Ce lien a expiré" message={errorMessage(dead)} />;
  }
  if (deadCode === 'form_link_invalid') {
    return <LinkProblem title="Ce lien n’est pas valide" message={errorMessage(dead)} />;
  }
  if (link.isError) {
    return <LinkProblem title="Formulaire indisponible" message={errorMessage(link.error)} />;
  }
  // A query not asked for (the birth date still to confirm) stays « pending »: wait only for one
  // that runs.
  if (link.isPending || (form.isPending && form.fetchStatus !== 'idle')) {
    return <Loading label="Ouverture du formulaire…" />;
  }
  if (form.isError || !form.data) {
    return (
      <BirthDateStep
        intro="Pour protéger vos informations personnelles, saisissez votre date de naissance avant d’ouvrir votre bulletin d’affiliation."
        unlock={unlock}
        // The form's code loads while the date is checked.
        onCheck={() => void loadEnrolmentForm()}
        notice={errorCode(lost) === 'form_session_required' ? errorMessage(lost) : null}
      />
    );
  }
  return (
    <Suspense fallback={<Loading label="Ouverture du formulaire…" />}>
      <EnrolmentEntry
        token={token}
        data={form.data}
        onSubmitted={() => setSubmitted({ kind: 'bia', email: form.data.identity.email })}
        onDispenseSubmitted={() =>
          setSubmitted({
            kind: form.data.dispense.mode === 'renewal' ? 'renewal' : 'dispense',
            email: form.data.identity.email,
          })
        }
        onAccessLost={(error) => {
          // What was typed since the last save is lost with the session: the saved draft reopens.
          void queryClient.resetQueries({
            queryKey: [...enrolmentKey(token), 'form'],
            exact: true,
          });
          setLost(error);
        }}
      />
    </Suspense>
  );
}
