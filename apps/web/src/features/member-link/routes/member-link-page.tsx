import { lazy, Suspense } from 'react';
import { Center, Loader, Stack, Text } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { BirthDateStep } from '../../../components/birth-date-step';
import { LinkProblem } from '../../../components/link-problem';
import { errorCode, errorMessage } from '../../../lib/form-errors';
import { useMemberLinkCheck, useMemberLinkPage, useUnlockMemberLink } from '../api/use-member-link';
import { loadBeneficiariesScreen } from '../load-screen';

const BeneficiariesScreen = lazy(() =>
  loadBeneficiariesScreen().then((m) => ({ default: m.BeneficiariesScreen })),
);

function Loading() {
  return (
    <Center py="xl" role="status">
      <Stack align="center" gap="sm">
        <Loader aria-hidden />
        <Text size="sm">Ouverture de vos bénéficiaires…</Text>
      </Stack>
    </Center>
  );
}

/**
 * `/beneficiaires/$token`: the link an employer sent the employee to declare their
 * beneficiaries (issue 20) — the birth date first, as the enrolment form, then the screen.
 * Phone first.
 */
export function MemberLinkPage() {
  const { token = '' } = useParams({ strict: false });
  const link = useMemberLinkCheck(token);
  // A browser that already confirmed the birth date opens the screen directly.
  const page = useMemberLinkPage(token, link.data?.unlocked === true);
  const unlock = useUnlockMemberLink(token);

  const dead = link.isError ? link.error : page.isError ? page.error : null;
  const deadCode = errorCode(dead);
  if (deadCode === 'member_link_expired') {
    return <LinkProblem title="Ce lien a expiré" message={errorMessage(dead)} />;
  }
  if (deadCode === 'member_link_invalid') {
    return <LinkProblem title="Ce lien n’est pas valide" message={errorMessage(dead)} />;
  }
  if (link.isError) {
    return <LinkProblem title="Page indisponible" message={errorMessage(link.error)} />;
  }
  if (link.isPending || (page.isPending && page.fetchStatus !== 'idle')) return <Loading />;
  if (page.isError || !page.data) {
    return (
      <BirthDateStep
        intro="Pour protéger vos informations personnelles, saisissez votre date de naissance avant d’ouvrir la déclaration de vos bénéficiaires."
        unlock={unlock}
        onCheck={() => void loadBeneficiariesScreen()}
        notice={deadCode === 'member_link_session_required' ? errorMessage(dead) : null}
      />
    );
  }
  return (
    <Suspense fallback={<Loading />}>
      <BeneficiariesScreen token={token} page={page.data} />
    </Suspense>
  );
}
