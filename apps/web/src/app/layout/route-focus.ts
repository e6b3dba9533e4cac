import { useEffect, useRef } from 'react';
import { useRouterState } from '@tanstack/react-router';
import { MAIN_CONTENT_ID } from './skip-link';

/**
 * After a client-side navigation, moves the focus to the new page's content, as a full page load
 * would, so that keyboard and screen-reader users start reading at the new page and not in the
 * middle of the old one's header. The first load keeps the browser's default.
 */
export function useFocusContentOnNavigation(): void {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const main = document.getElementById(MAIN_CONTENT_ID);
    main?.focus({ preventScroll: true });
  }, [pathname]);
}
