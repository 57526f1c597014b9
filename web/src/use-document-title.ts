import { useEffect } from 'react';

/** Sets the browser tab's title to `<page> — HealthGPT` while the page is shown (history and tabs stay readable). */
export function useDocumentTitle(page: string | undefined): void {
  useEffect(() => {
    document.title = page ? `${page} — HealthGPT` : 'HealthGPT';
  }, [page]);
}
