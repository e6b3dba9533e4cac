import { Button, Group } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';

/** « Réinitialiser » and « Rechercher » at the end of a list page's filters (a form). */
export function FilterButtons({ onReset }: { onReset: () => void }) {
  return (
    <Group justify="flex-end" gap="sm" mt="md">
      <Button
        variant="default"
        leftSection={<IconFilterOff size={18} aria-hidden />}
        onClick={onReset}
      >
        Réinitialiser
      </Button>
      <Button type="submit" leftSection={<IconSearch size={18} aria-hidden />}>
        Rechercher
      </Button>
    </Group>
  );
}
