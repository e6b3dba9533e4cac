import '@mantine/notifications/styles.css';
import { Notifications } from '@mantine/notifications';

/** Mantine's notifications container, loaded by NotificationsHost with the first notification. */
export function NotificationsContainer() {
  return <Notifications position="top-right" />;
}
