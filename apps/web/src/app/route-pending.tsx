import { Center, Loader } from '@mantine/core';

/**
 * Shown in place of a page whose code is still on its way (every page is a chunk of its own),
 * after the router's pending delay: a loader in a block of the page's usual height, so that the
 * layout around it does not move when the page arrives.
 */
export function RoutePending() {
  return (
    <Center mih="60vh" role="status" aria-live="polite">
      <Loader size="md" aria-label="Chargement de la page…" />
    </Center>
  );
}
