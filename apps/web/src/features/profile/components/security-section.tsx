import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconDeviceMobileMessage, IconShieldLock } from '@tabler/icons-react';
import { errorMessage } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format-date';
import type { Me } from '../../../lib/use-me';
import { useMe } from '../../../lib/use-me';
import type { SessionInfo } from '../api/use-security';
import { useRevokeSession, useSessions } from '../api/use-security';
import { LazyDialog } from '../../../components/lazy-dialog';

// The second factor's dialogs (and their forms) load when one opens; their buttons fetch them as
// the pointer or the focus reaches them.
const loadTotpSetup = () => import('./totp-setup-modal').then((m) => m.TotpSetupModal);
const loadDisableTotp = () => import('./disable-totp-modal').then((m) => m.DisableTotpModal);

/** A button whose label may wrap on a phone rather than be cut. */
const WRAPPING = { h: 'auto', py: 8, styles: { label: { whiteSpace: 'normal' as const } } };

function SecondFactorCard({ me }: { me: Me }) {
  const [setupOpened, setSetupOpened] = useState(false);
  const [disableOpened, setDisableOpened] = useState(false);
  const totp = me.secondFactor === 'totp';
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <Title order={3} fz="md">
          Double authentification
        </Title>
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" size={40} radius="md" aria-hidden>
            {totp ? <IconShieldLock size={22} /> : <IconDeviceMobileMessage size={22} />}
          </ThemeIcon>
          <Stack gap={2}>
            <Text fw={600}>{totp ? 'Application d’authentification' : 'Code par SMS'}</Text>
            <Text size="sm" c="gray.8">
              {totp
                ? 'À chaque connexion depuis un nouvel appareil, saisissez le code affiché par votre application.'
                : me.maskedPhone
                  ? `À chaque connexion depuis un nouvel appareil, un code vous est envoyé par SMS au ${me.maskedPhone}.`
                  : 'Aucun numéro de mobile n’est enregistré : il vous sera demandé à la prochaine vérification.'}
            </Text>
          </Stack>
        </Group>
        <Group>
          {totp ? (
            <Button
              variant="default"
              onClick={() => setDisableOpened(true)}
              onMouseEnter={() => void loadDisableTotp()}
              onFocus={() => void loadDisableTotp()}
              {...WRAPPING}
            >
              Revenir aux codes par SMS
            </Button>
          ) : (
            <Button
              onClick={() => setSetupOpened(true)}
              onMouseEnter={() => void loadTotpSetup()}
              onFocus={() => void loadTotpSetup()}
              {...WRAPPING}
            >
              Utiliser une application d’authentification
            </Button>
          )}
        </Group>
      </Stack>
      <LazyDialog opened={setupOpened} load={loadTotpSetup}>
        {(TotpSetupModal, opened) => (
          <TotpSetupModal opened={opened} onClose={() => setSetupOpened(false)} />
        )}
      </LazyDialog>
      <LazyDialog opened={disableOpened} load={loadDisableTotp}>
        {(DisableTotpModal, opened) => (
          <DisableTotpModal opened={opened} onClose={() => setDisableOpened(false)} />
        )}
      </LazyDialog>
    </Paper>
  );
}

function CloseSessionButton({ session }: { session: SessionInfo }) {
  const revoke = useRevokeSession();
  return (
    <Button
      size="xs"
      variant="default"
      loading={revoke.isPending}
      onClick={() => {
        if (!revoke.isPending) revoke.mutate(session.id);
      }}
      aria-label={`Fermer la session ${session.browser} ouverte le ${formatDateTime(session.createdAt)}`}
    >
      Fermer
    </Button>
  );
}

function SessionsCard() {
  const sessions = useSessions();
  let body;
  if (sessions.isPending) {
    body = <Loader size="sm" aria-label="Chargement des sessions" />;
  } else if (sessions.isError) {
    body = (
      <Alert color="red" variant="light" role="alert">
        {errorMessage(sessions.error)}
      </Alert>
    );
  } else {
    const rows = sessions.data;
    body = (
      <>
        <Table.ScrollContainer minWidth={560} visibleFrom="sm">
          <Table verticalSpacing="sm" striped={false} highlightOnHover={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Navigateur</Table.Th>
                <Table.Th scope="col">Adresse IP</Table.Th>
                <Table.Th scope="col">Ouverte le</Table.Th>
                <Table.Th scope="col">Dernière activité</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Action</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>{session.browser}</Table.Td>
                  <Table.Td>{session.ip ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
                  <Table.Td ta="right">
                    {session.current ? (
                      <Badge variant="light" color="teal">
                        Cette session
                      </Badge>
                    ) : (
                      <CloseSessionButton session={session} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Stack gap="sm" hiddenFrom="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {rows.map((session) => (
            <Paper component="li" key={session.id} withBorder radius="md" p="sm">
              <Stack gap="xs" align="flex-start">
                <Stack gap={2}>
                  <Text fw={600}>{session.browser}</Text>
                  <Text size="sm" c="gray.8">
                    Adresse IP : {session.ip ?? '—'}
                  </Text>
                  <Text size="sm" c="gray.8">
                    Ouverte le {formatDateTime(session.createdAt)}
                  </Text>
                  <Text size="sm" c="gray.8">
                    Dernière activité : {formatDateTime(session.lastSeenAt)}
                  </Text>
                </Stack>
                {session.current ? (
                  <Badge variant="light" color="teal">
                    Cette session
                  </Badge>
                ) : (
                  <CloseSessionButton session={session} />
                )}
              </Stack>
            </Paper>
          ))}
        </Stack>
      </>
    );
  }
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={3} fz="md">
            Sessions ouvertes
          </Title>
          <Text size="sm" c="gray.8">
            Les navigateurs où vous êtes connecté. Fermez une session que vous ne reconnaissez pas,
            puis changez votre mot de passe.
          </Text>
        </Stack>
        {body}
      </Stack>
    </Paper>
  );
}

/** « Sécurité » of « Mon profil »: the second factor and the open sessions. */
export function SecuritySection() {
  const me = useMe();
  return (
    <Stack gap="md" component="section" aria-labelledby="profil-securite">
      <Title order={2} fz="xl" id="profil-securite">
        Sécurité
      </Title>
      {me.data ? <SecondFactorCard me={me.data} /> : <Loader size="sm" aria-label="Chargement" />}
      <SessionsCard />
    </Stack>
  );
}
