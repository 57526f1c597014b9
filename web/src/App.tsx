import { type ComponentType, type ReactNode, useEffect, useRef } from 'react';
import { AdminPage } from './auth/AdminPage.js';
import { AuditPage } from './auth/AuditPage.js';
import { SessionMenu } from './auth/AuthGate.js';
import { webCapabilities } from './capabilities/index.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { AboutPage } from './pages/AboutPage.js';
import { CasePage } from './pages/CasePage.js';
import { CasesPage } from './pages/CasesPage.js';
import { Link, matchPath, normalizePath, useRoutePath } from './router.js';

/** Every capability's pages, with canonical paths (`/intake`), in nav order. */
const capabilityPages: readonly { path: string; title: string; component: ComponentType }[] =
  webCapabilities.flatMap((capability) =>
    (capability.pages ?? []).map((page) => ({ ...page, path: normalizePath(page.path) })),
  );

/** The app shell: header with the permanent decision-support notice, navigation, and the open page. */
export function App(): ReactNode {
  const path = useRoutePath();
  const firstPath = useRef(path);
  useEffect(() => {
    // `/ui/` alone shows the cases list; say so in the address (without a history entry) so the nav marks it.
    if (path === '/') window.location.replace('#/cases');
  }, [path]);
  useEffect(() => {
    // After in-app navigation, start at the top and move focus to the content, as a page load would.
    if (path === firstPath.current) return;
    firstPath.current = '';
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);
  return (
    <>
      {/* A button, not `<a href="#main">`: the hash holds the route, so skipping must not change it. */}
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <header className="app-header">
        <div className="brand">
          <a href="#/cases" className="product-name">
            HealthGPT
          </a>
          <p className="notice" role="note">
            Decision support for clinicians — not a diagnosis
          </p>
        </div>
        <nav aria-label="Main">
          <ul className="nav-list">
            <li>
              <Link to="/cases" section>
                Cases
              </Link>
            </li>
            {capabilityPages.map((page) => (
              <li key={page.path}>
                <Link to={page.path} section>
                  {page.title}
                </Link>
              </li>
            ))}
            <li>
              <a href="/docs" target="_blank" rel="noreferrer">
                API docs
              </a>
            </li>
            <li>
              <Link to="/about">About</Link>
            </li>
          </ul>
        </nav>
        <SessionMenu />
      </header>
      {/* The id lets the skip link jump here; tabIndex lets it take focus. */}
      <main id="main" tabIndex={-1}>
        <ErrorBoundary key={path} label="This page">
          <Route path={path} />
        </ErrorBoundary>
      </main>
      <footer className="app-footer">
        HealthGPT is not a medical device. Every output supports, and never replaces, the clinician's
        judgement.
      </footer>
    </>
  );
}

function Route(props: { readonly path: string }): ReactNode {
  const { path } = props;
  if (path === '/' || matchPath('/cases', path)) return <CasesPage />;
  const caseMatch = matchPath('/cases/:id', path);
  if (caseMatch?.id) return <CasePage key={caseMatch.id} caseId={caseMatch.id} />;
  if (matchPath('/about', path)) return <AboutPage />;
  if (matchPath('/audit', path)) return <AuditPage />;
  if (matchPath('/admin', path)) return <AdminPage />;
  const page = capabilityPages.find((candidate) => matchPath(candidate.path, path, { prefix: true }));
  if (page) {
    const Page = page.component;
    return <Page />;
  }
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. <Link to="/cases">Go to the cases list</Link>.
      </p>
    </div>
  );
}
