import { useEffect } from 'react';

export const APP_NAME = 'Affilia';

export function formatDocumentTitle(title: string): string {
  return title ? `${title} — ${APP_NAME}` : APP_NAME;
}

/** Sets `document.title` to « {title} — Affilia » while the page is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = formatDocumentTitle(title);
  }, [title]);
}
