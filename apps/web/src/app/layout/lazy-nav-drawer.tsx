import type { ComponentProps } from 'react';
import { lazy, Suspense, useState } from 'react';
import type { NavDrawer } from './nav-drawer';

// Mantine's Drawer (focus trap, scroll lock: about 10 KB compressed) loads with the first tap
// on the burger: a desktop visit never needs it.
const Drawer = lazy(() => import('./nav-drawer').then((m) => ({ default: m.NavDrawer })));

/** The small-screen navigation, mounted once the burger has been opened. */
export function LazyNavDrawer(props: ComponentProps<typeof NavDrawer>) {
  const [needed, setNeeded] = useState(false);
  if (!needed && props.opened) setNeeded(true);
  if (!needed) return null;
  return (
    <Suspense fallback={null}>
      <Drawer {...props} />
    </Suspense>
  );
}
