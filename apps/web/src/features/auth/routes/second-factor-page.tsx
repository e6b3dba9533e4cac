import { Box, Loader } from '@mantine/core';
import { useSearch } from '@tanstack/react-router';
import { usePendingSecondFactor } from '../api/second-factor-state';
import { AuthCard } from '../../../components/auth-card';
import { SecondFactorForm } from '../components/second-factor-form';
import type { AuthSpace } from '../space';
import { SPACE_PAGES } from '../space';
import { BackToSignIn } from '../components/back-to-sign-in';

function SecondFactorScreen({ space }: { space: AuthSpace }) {
  const search = useSearch({ strict: false });
  const pending = usePendingSecondFactor(space);
  return (
    <Box py={{ base: 0, md: 'xl' }}>
      <AuthCard
        title="Double authentification"
        eyebrow={space === 'backoffice' ? 'Espace assureur' : undefined}
      >
        {pending.isPending ? (
          <Loader aria-label="Chargement" mx="auto" />
        ) : (
          <SecondFactorForm
            space={space}
            pending={pending.data ?? null}
            redirectTo={search.redirect}
          />
        )}
        <BackToSignIn to={SPACE_PAGES[space].signIn} redirect={search.redirect} />
      </AuthCard>
    </Box>
  );
}

/** `/connexion/verification`: the security screen after the password (SPEC §4.2). */
export function SecondFactorPage() {
  return <SecondFactorScreen space="employer" />;
}

/** `/back-office/connexion/verification`. */
export function BackOfficeSecondFactorPage() {
  return <SecondFactorScreen space="backoffice" />;
}
