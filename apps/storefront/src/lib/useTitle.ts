import { useEffect } from 'react';

/** Sets the document title (announced by screen readers on navigation). */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Mercato` : 'Mercato';
  }, [title]);
}
