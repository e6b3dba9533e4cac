import { Box, Divider, Loader, Stack } from '@mantine/core';
import { useSearch } from '@tanstack/react-router';
import { AnchorLink } from '../../../components/links';
import { usePendingSecondFactor } from '../api/second-factor-state';
import { AuthCard } from '../../../components/auth-card';
import { SecondFactorForm } from '../components/second-factor-form';
import type { AuthSpace } from '../space';
import { SPACE_PAGES } from '../space';

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
        <Divider />
        <Stack align="center">
          <AnchorLink
            to={SPACE_PAGES[space].signIn}
            search={search.redirect ? { redirect: search.redirect } : {}}
            size="sm"
          >
            Revenir à la connexion
          </AnchorLink>
        </Stack>
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
