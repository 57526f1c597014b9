import {
  createContext,
  type FormEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useState,
} from 'react';
import { ApiError, api, SIGNED_OUT_EVENT } from '../api.js';
import { ProblemView } from '../components/ProblemView.js';
import { pathOfHash, queryOfHash } from '../router.js';

/** Who is signed in, as `GET /v1/auth/me` says. */
export interface SignedInUser {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly method: string;
}

type Session =
  | { readonly state: 'checking' }
  | {
      readonly state: 'signed-out';
      readonly setupRequired: boolean;
      readonly expired: boolean;
      readonly oidc?: boolean;
    }
  | { readonly state: 'signed-in'; readonly user: SignedInUser };

/**
 * Shows the app only to a signed-in user. The session is an HttpOnly, SameSite=Strict cookie the page never sees;
 * the page asks `GET /v1/auth/me` who it is, and any 401 (an expired or ended session) brings the sign-in form
 * back. The first-run setup link (`#/setup?token=…`) opens the form that creates the first admin.
 */
export function AuthGate(props: { readonly children: ReactNode }): ReactNode {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [hash, setHash] = useState(window.location.hash);

  const check = useCallback(async (expired = false) => {
    try {
      const user = await api.get<SignedInUser>('/v1/auth/me');
      setSession({ state: 'signed-in', user });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      const config = await api
        .get<{ setupRequired: boolean; oidc: boolean }>('/v1/auth/config')
        .catch(() => ({ setupRequired: false, oidc: false }));
      setSession({ state: 'signed-out', setupRequired: config.setupRequired, oidc: config.oidc, expired });
    }
  }, []);

  useEffect(() => {
    void check();
    const onSignedOut = () => void check(true);
    const onHash = () => setHash(window.location.hash);
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
      window.removeEventListener('hashchange', onHash);
    };
  }, [check]);

  if (session.state === 'checking') return <p className="page muted">Checking sign-in…</p>;
  if (session.state === 'signed-out') {
    const setupToken = pathOfHash(hash) === '/setup' ? queryOfHash(hash).get('token') : null;
    if (setupToken && session.setupRequired)
      return <SetupPage token={setupToken} onDone={() => void check()} />;
    return (
      <SignInPage
        expired={session.expired}
        setupRequired={session.setupRequired}
        oidc={session.oidc === true}
        onDone={() => void check()}
      />
    );
  }
  const signOut = async () => {
    await api.post('/v1/auth/sign-out', {}).catch(() => undefined);
    setSession({ state: 'signed-out', setupRequired: false, expired: false });
  };
  return (
    <SessionContext.Provider value={{ user: session.user, signOut }}>
      {props.children}
    </SessionContext.Provider>
  );
}

const SessionContext = createContext<{ user: SignedInUser; signOut: () => Promise<void> } | undefined>(
  undefined,
);

/** The signed-in user, their role and a sign-out button (in the app header). */
export function SessionMenu(): ReactNode {
  const session = useContext(SessionContext);
  if (!session) return null;
  return (
    <div className="session-bar">
      <span>
        Signed in as <strong data-testid="signed-in-user">{session.user.name}</strong>{' '}
        <span className="role-badge" data-testid="signed-in-role">
          {session.user.role}
        </span>
      </span>
      {session.user.role === 'admin' || session.user.role === 'auditor' ? (
        <a href="#/audit">Audit log</a>
      ) : null}
      {session.user.role === 'admin' ? <a href="#/admin">Accounts and tokens</a> : null}
      <button type="button" className="button-secondary" onClick={() => void session.signOut()}>
        Sign out
      </button>
    </div>
  );
}

function Shell(props: { readonly title: string; readonly children: ReactNode }): ReactNode {
  return (
    <main id="main" className="sign-in">
      <p className="product-name">HealthGPT</p>
      <p className="notice" role="note">
        Decision support for clinicians — not a diagnosis
      </p>
      <h1>{props.title}</h1>
      {props.children}
    </main>
  );
}

function SignInPage(props: {
  readonly expired: boolean;
  readonly setupRequired: boolean;
  readonly oidc: boolean;
  readonly onDone: () => void;
}): ReactNode {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/v1/auth/sign-in', { name, password });
      setPassword('');
      props.onDone();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }
  return (
    <Shell title="Sign in">
      {props.expired ? <p className="muted">Your session has ended. Sign in again.</p> : null}
      {props.setupRequired ? (
        <p className="muted">
          No account exists yet: open the one-time setup link the server printed when it started, on the
          server machine itself.
        </p>
      ) : null}
      {props.oidc ? (
        <p>
          <a className="button" href="/v1/auth/oidc/login">
            Sign in with the hospital account
          </a>
        </p>
      ) : null}
      <form className="form" onSubmit={(event) => void submit(event)}>
        <label>
          Name
          <input
            name="name"
            autoComplete="username"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error !== undefined ? <ProblemView error={error} heading="Not signed in" /> : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </Shell>
  );
}

function SetupPage(props: { readonly token: string; readonly onDone: () => void }): ReactNode {
  const [name, setName] = useState('admin');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/v1/auth/setup', { token: props.token, name, password });
      window.location.replace('#/cases');
      props.onDone();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }
  return (
    <Shell title="Create the first admin">
      <p className="muted">This link works once, for one hour, from the server machine only.</p>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <label>
          Name
          <input
            name="name"
            autoComplete="username"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </label>
        <label>
          Password (at least 12 characters)
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={12}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error !== undefined ? <ProblemView error={error} heading="The admin was not created" /> : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create admin and sign in'}
        </button>
      </form>
    </Shell>
  );
}
