import { Skeleton, Stack, Text } from '@mantine/core';

/** « Marque » while its code or its settings come: the form's place, in grey. */
export function BrandingLoading() {
  return (
    <Stack gap="sm" aria-busy="true">
      <Text role="status" size="sm">
        Chargement de la marque…
      </Text>
      <Skeleton h={40} />
      <Skeleton h={40} />
      <Skeleton h={120} />
    </Stack>
  );
}
