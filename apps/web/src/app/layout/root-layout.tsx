import { Outlet } from '@tanstack/react-router';
import { useFocusContentOnNavigation } from './route-focus';

/** The root route: every layout renders inside it. */
export function RootLayout() {
  useFocusContentOnNavigation();
  return <Outlet />;
}
