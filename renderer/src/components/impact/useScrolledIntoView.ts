import { useEffect, useRef } from 'react';

/**
 * A form opened inside the inspector's scrolling body often opens below what it shows: brought into
 * view once, when it appears, so the user sees what the button opened.
 */
export function useScrolledIntoView<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return ref;
}
