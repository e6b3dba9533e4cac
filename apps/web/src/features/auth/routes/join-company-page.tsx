import { Alert, Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { Link, useParams } from '@tanstack/react-router';
import { COMPANY_ROLE_LABELS } from '@affilia/shared/domain/enums';
import { Page } from '../../../components/page';
import { paths } from '../../../config/paths';
import { formatDateTime } from '../../../lib/format-date';
import { errorMessage } from '../../../lib/form-errors';
import type { CompanyInvitationView } from '../api/use-company-invitation';
import { useAnswerCompanyInvitation, useCompanyInvitation } from '../api/use-company-invitation';

/** « sur tous ses établissements », « sur 2 établissements ». */
function scope(count: number | null): string {
  if (count === null) return 'sur tous ses établissements';
  return `sur ${count} établissement${count > 1 ? 's' : ''}`;
}

function InvitationDetails({ invitation }: { invitation: CompanyInvitationView }) {
  return (
    <Stack gap="sm">
      <Text>
        <strong>{invitation.inviterName}</strong> vous invite à accéder, sur l’Espace Entreprise, à
        :
      </Text>
      <List spacing={4}>
        {invitation.companies.map((company) => (
          <List.Item key={company.name}>
            <strong>{company.name}</strong> — {COMPANY_ROLE_LABELS[company.role]},{' '}
            {scope(company.establishmentCount)}
          </List.Item>
        ))}
      </List>
      <Text size="sm" c="gray.8">
        Rien n’est ajouté à votre compte tant que vous n’avez pas accepté. Cette invitation est
        valable jusqu’au {formatDateTime(invitation.expiresAt)}.
      </Text>
    </Stack>
  );
}

/**
 * `/rejoindre/$token`: the link an existing account receives when an administrator adds its
 * address (issue 14 #4). Inside the employer space: a person not signed in signs in first and
 * comes back here. The rights are written only on « Accepter ».
 */
export function JoinCompanyPage() {
  const { token = '' } = useParams({ strict: false });
  const invitation = useCompanyInvitation(token);
  const answer = useAnswerCompanyInvitation(token);

  let content;
  if (answer.data?.status === 'accepted') {
    content = (
      <Alert color="teal" variant="light" role="status" icon={<IconCircleCheck aria-hidden />}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            Invitation acceptée : ces sociétés font désormais partie de votre Espace Entreprise.
          </Text>
          <Button component={Link} to={paths.home} size="sm">
            Aller à l’accueil
          </Button>
        </Stack>
      </Alert>
    );
  } else if (answer.data?.status === 'declined') {
    content = (
      <Alert color="gray" variant="light" role="status">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">Invitation refusée : aucun accès n’a été ajouté à votre compte.</Text>
          <Button component={Link} to={paths.home} size="sm" variant="default">
            Aller à l’accueil
          </Button>
        </Stack>
      </Alert>
    );
  } else if (invitation.isPending) {
    content = (
      <Text role="status" size="sm">
        Chargement de l’invitation…
      </Text>
    );
  } else if (invitation.isError) {
    content = (
      <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{errorMessage(invitation.error)}</Text>
          <Button component={Link} to={paths.home} size="sm" variant="default">
            Aller à l’accueil
          </Button>
        </Stack>
      </Alert>
    );
  } else {
    content = (
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={640}>
        <Stack gap="lg">
          <InvitationDetails invitation={invitation.data} />
          {answer.isError ? (
            <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle aria-hidden />}>
              {errorMessage(answer.error)}
            </Alert>
          ) : null}
          <Group gap="sm">
            <Button
              onClick={() => answer.mutate('accept')}
              loading={answer.isPending && answer.variables === 'accept'}
              disabled={answer.isPending}
            >
              Accepter l’invitation
            </Button>
            <Button
              variant="default"
              onClick={() => answer.mutate('decline')}
              loading={answer.isPending && answer.variables === 'decline'}
              disabled={answer.isPending}
            >
              Refuser
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }

  return <Page title="Invitation à rejoindre une société">{content}</Page>;
}
