import { type ReactNode, useEffect, useState } from 'react';

/**
 * A tiny hash router: the UI is served as static files under `/ui/`, so routes live in the fragment
 * (`/ui/#/cases/42`) and need no server-side rewrite. Paths always start with `/`.
 */

/** The route path held by a location hash (`#/cases/1?x=2` → `/cases/1`); `/` when empty. */
export function pathOfHash(hash: string): string {
  const withoutMark = hash.startsWith('#') ? hash.slice(1) : hash;
  const path = withoutMark.split('?')[0] ?? '';
  if (path === '' || path === '/') return '/';
  const rooted = path.startsWith('/') ? path : `/${path}`;
  return rooted.length > 1 && rooted.endsWith('/') ? rooted.slice(0, -1) : rooted;
}

/** The query parameters after `?` in a location hash. */
export function queryOfHash(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

/** A page path as capabilities may write it (`intake` or `/intake/`), made canonical (`/intake`). */
export function normalizePath(path: string): string {
  return pathOfHash(`#${path}`);
}

/**
 * Matches a path against a pattern with `:name` segments (`/cases/:id`). Returns the decoded parameters, or
 * `undefined` when it does not match. With `prefix`, the pattern may also match the start of a longer path
 * (`/forecast` matches `/forecast/runs/3`), so a page can route inside itself.
 */
export function matchPath(
  pattern: string,
  path: string,
  options: { prefix?: boolean } = {},
): Record<string, string> | undefined {
  const patternParts = normalizePath(pattern).split('/').filter(Boolean);
  const pathParts = normalizePath(path).split('/').filter(Boolean);
  if (pathParts.length < patternParts.length) return undefined;
  if (!options.prefix && pathParts.length !== patternParts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (part !== actual) {
      return undefined;
    }
  }
  return params;
}

/** The href of a route, for `<a href>`. */
export function hrefOf(path: string): string {
  return `#${normalizePath(path)}`;
}

/** Goes to a route (adds a history entry, so the browser's back button works). */
export function navigate(path: string): void {
  window.location.hash = hrefOf(path);
}

/** The current location hash, re-rendering on change. */
export function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

/** The current route path (`/cases/1`), re-rendering on change. Capability pages may use it to route inside. */
export function useRoutePath(): string {
  return pathOfHash(useHash());
}

/** An in-app link; marks itself `aria-current="page"` when its route (or, with `section`, a sub-route) is open. */
export function Link(props: {
  readonly to: string;
  readonly children: ReactNode;
  readonly className?: string;
  readonly section?: boolean;
}): ReactNode {
  const current = useRoutePath();
  const active = matchPath(props.to, current, { prefix: props.section === true }) !== undefined;
  return (
    <a href={hrefOf(props.to)} className={props.className} aria-current={active ? 'page' : undefined}>
      {props.children}
    </a>
  );
}
