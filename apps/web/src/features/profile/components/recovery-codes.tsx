import { Alert, Button, CopyButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useBranding } from '../../../lib/branding';

/** The text file of the recovery codes. */
export function recoveryCodesText(codes: string[], brandName: string, date: Date): string {
  return [
    `Codes de secours — ${brandName}`,
    `Générés le ${date.toLocaleDateString('fr-FR')}`,
    '',
    'Chaque code permet une seule connexion si vous n’avez plus accès à votre application',
    'd’authentification. Conservez-les en lieu sûr.',
    '',
    ...codes,
    '',
  ].join('\r\n');
}

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The 10 recovery codes, shown once, with « Copier » and « Télécharger (.txt) ». */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { brandName } = useBranding();
  const text = recoveryCodesText(codes, brandName, new Date());
  return (
    <Stack gap="md">
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle aria-hidden />}
        title="Conservez ces codes maintenant"
      >
        Ils ne seront plus jamais affichés. Chacun permet une seule connexion si vous perdez votre
        téléphone ou votre application. Gardez-les en lieu sûr, hors de ce téléphone.
      </Alert>
      <SimpleGrid
        component="ul"
        cols={2}
        spacing="xs"
        m={0}
        p="md"
        aria-label="Codes de secours"
        style={{
          listStyle: 'none',
          border: '1px solid var(--mantine-color-gray-4)',
          borderRadius: 'var(--mantine-radius-md)',
          background: 'var(--mantine-color-gray-0)',
        }}
      >
        {codes.map((code) => (
          <Text key={code} component="li" ff="monospace" fz="md" ta="center">
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              leftSection={
                copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />
              }
              onClick={copy}
            >
              {copied ? 'Copiés' : 'Copier'}
            </Button>
          )}
        </CopyButton>
        <Button
          variant="default"
          leftSection={<IconDownload size={18} aria-hidden />}
          onClick={() => download('codes-de-secours.txt', text)}
        >
          Télécharger (.txt)
        </Button>
      </Group>
    </Stack>
  );
}
