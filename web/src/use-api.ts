import { useCallback, useEffect, useRef, useState } from 'react';

/** The state of one API read: loading, its data, or the error it failed with. */
export type Loadable<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'loaded'; readonly data: T }
  | { readonly state: 'failed'; readonly error: unknown };

/**
 * Runs `load` when `key` changes and whenever `reload()` is called. A reload keeps showing the data it has until
 * the new answer comes; an answer that arrives after a newer request started (or after unmount) is dropped, so a
 * slow response never overwrites a fresher one.
 */
export function useApi<T>(key: string, load: () => Promise<T>): { result: Loadable<T>; reload: () => void } {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadedKey = useRef<string | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is re-created each render; `key` names what it loads.
  useEffect(() => {
    let current = true;
    if (loadedKey.current !== key) setResult({ state: 'loading' });
    load().then(
      (data) => {
        if (!current) return;
        loadedKey.current = key;
        setResult({ state: 'loaded', data });
      },
      (error: unknown) => {
        if (!current) return;
        loadedKey.current = undefined;
        setResult({ state: 'failed', error });
      },
    );
    return () => {
      current = false;
    };
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { result, reload };
}
