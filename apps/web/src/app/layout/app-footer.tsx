import { Container, Group, Text } from '@mantine/core';
import { SupportContact } from '../../components/support-contact';
import { useBranding } from '../../lib/branding';
import classes from './layout.module.css';

/** The footer of every page: the insurer's support line and hours, and the name of the space. */
export function AppFooter({
  space = 'Espace Entreprise',
  withSupport = true,
}: {
  space?: string;
  withSupport?: boolean;
}) {
  const { brandName } = useBranding();
  return (
    <footer className={classes.footer}>
      <Container size="xl">
        <Group justify="space-between" align="flex-end" gap="md">
          {withSupport ? <SupportContact /> : null}
          <Text size="xs" c="dimmed" ml="auto">
            {brandName} — {space}
          </Text>
        </Group>
      </Container>
    </footer>
  );
}
