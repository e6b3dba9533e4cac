import { Anchor, Stack, Text } from '@mantine/core';
import { useBranding } from '../lib/branding';

/** `tel:` link target for a French or international number written with spaces or dots. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** « Besoin d'aide ? » with the insurer's support phone and opening hours. */
export function SupportContact({ withTitle = true }: { withTitle?: boolean }) {
  const { supportPhone, supportHours } = useBranding();
  return (
    <Stack gap={4}>
      {withTitle ? (
        <Text fw={700} size="sm">
          Besoin d’aide ?
        </Text>
      ) : null}
      <Text size="sm">
        Nos conseillers vous accompagnent {supportHours} sur votre ligne dédiée :{' '}
        <Anchor href={telHref(supportPhone)} fw={700} style={{ whiteSpace: 'nowrap' }}>
          {supportPhone}
        </Anchor>
      </Text>
    </Stack>
  );
}
