import {
  Box,
  Divider,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useSearch } from '@tanstack/react-router';
import { useDocumentTitle } from '../../../lib/document-title';
import { useBranding } from '../../../lib/branding';
import { ActivateSpaceLink, SignInForm } from '../components/sign-in-form';
import { SignInNoticeAlert } from '../components/sign-in-notice';
import { AuthCard } from '../../../components/auth-card';
import classes from './sign-in-page.module.css';

const BENEFITS = [
  'Consulter vos salariés assurés et leurs contrats',
  'Pré-affilier vos nouveaux salariés en un rien de temps',
  'Suivre leurs demandes d’affiliation',
  'Télécharger vos documents pratiques',
  'Poser vos questions à nos conseillers depuis votre messagerie',
];

/** `/connexion`: the branded sign-in page of the employer space. */
export function SignInPage() {
  const { brandName } = useBranding();
  const search = useSearch({ strict: false });
  useDocumentTitle('Connexion');

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing={48} className={classes.grid}>
      <Paper withBorder shadow="md" radius="lg" p={{ base: 'lg', sm: 36 }} className={classes.card}>
        <Stack gap="lg">
          <Title order={1} fz={{ base: 24, sm: 28 }} lh={1.25}>
            Connexion à votre Espace Entreprise
          </Title>
          <SignInNoticeAlert notice={search.notice} />
          <SignInForm space="employer" redirectTo={search.redirect} />
          <Divider />
          <Box ta="center">
            <ActivateSpaceLink />
          </Box>
        </Stack>
      </Paper>

      <Stack gap="lg" className={classes.intro} visibleFrom="md">
        <Stack gap="xs">
          <Text size="sm" fw={700} c="brand.7" tt="uppercase" className={classes.eyebrow}>
            Espace Entreprise · {brandName}
          </Text>
          <Text className={classes.tagline}>Gérez vos salariés assurés en quelques clics</Text>
        </Stack>
        <Text size="lg" c="gray.8">
          Votre Espace Entreprise vous permet de :
        </Text>
        <List
          spacing="sm"
          size="md"
          icon={
            <ThemeIcon size={26} radius="xl" variant="light" aria-hidden>
              <IconCheck size={16} stroke={2.5} />
            </ThemeIcon>
          }
        >
          {BENEFITS.map((benefit) => (
            <List.Item key={benefit}>{benefit}</List.Item>
          ))}
        </List>
      </Stack>
    </SimpleGrid>
  );
}

/** `/back-office/connexion`: the insurer's staff sign in here. */
export function BackOfficeSignInPage() {
  const search = useSearch({ strict: false });
  return (
    <Box py={{ base: 0, md: 'xl' }}>
      <AuthCard title="Connexion à l’espace assureur" eyebrow="Espace assureur">
        <SignInNoticeAlert notice={search.notice} />
        <SignInForm space="backoffice" redirectTo={search.redirect} />
      </AuthCard>
    </Box>
  );
}
