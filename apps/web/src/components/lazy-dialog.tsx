import type { ComponentType, ReactNode } from 'react';
import { useEffect, useState } from 'react';

/**
 * A dialog whose code (`load`: its module's component) comes when it is first opened — sooner
 * if the button that opens it calls the same `load` on hover or focus — then stays mounted. It
 * mounts closed and opens on the next render: Mantine's Modal then records the element that had
 * the focus (the button) and gives the focus back to it when it closes, with its transitions, as
 * a dialog loaded with the page does.
 */
export function LazyDialog<P extends object>({
  opened,
  load,
  children,
}: {
  opened: boolean;
  load: () => Promise<ComponentType<P>>;
  children: (Dialog: ComponentType<P>, opened: boolean) => ReactNode;
}) {
  const [Dialog, setDialog] = useState<ComponentType<P> | null>(null);
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    if (!opened || Dialog) return;
    let current = true;
    void load().then((component) => {
      if (current) setDialog(() => component);
    });
    return () => {
      current = false;
    };
  }, [opened, Dialog, load]);
  // Mounted closed (this effect runs once it is), opened on the next frame.
  useEffect(() => {
    if (!Dialog) return;
    const frame = requestAnimationFrame(() => setMounted(true));
    return () => cancelAnimationFrame(frame);
  }, [Dialog]);
  return Dialog ? children(Dialog, opened && mounted) : null;
}
