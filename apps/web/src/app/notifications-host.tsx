import { lazy, Suspense, useState } from 'react';
import { useNotifications } from '@mantine/notifications';

// The container (react-transition-group, react-remove-scroll: about 15 KB compressed) loads with
// the first notification shown, not with every page: `notifications.show()` only writes to the
// store, which the container reads once it is mounted.
const Notifications = lazy(() =>
  import('./notifications-container').then((m) => ({ default: m.NotificationsContainer })),
);

/** Mounts Mantine's notifications container once something asks to show a notification. */
export function NotificationsHost() {
  const { notifications, queue } = useNotifications();
  // Once mounted it stays, so that the last notification's exit transition runs.
  const [needed, setNeeded] = useState(false);
  if (!needed && notifications.length + queue.length > 0) setNeeded(true);
  if (!needed) return null;
  return (
    <Suspense fallback={null}>
      <Notifications />
    </Suspense>
  );
}
