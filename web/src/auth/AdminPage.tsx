import { type FormEvent, type ReactNode, useState } from 'react';
import type { TokenRecord, UserAccount } from '../../../src/store/store.js';
import { api } from '../api.js';
import { ProblemView } from '../components/ProblemView.js';
import { formatDateTime } from '../format.js';
import { useApi } from '../use-api.js';
import { useDocumentTitle } from '../use-document-title.js';

const ROLES = ['clinician', 'researcher', 'auditor', 'device', 'site', 'admin'] as const;

/** Accounts and API tokens, for admins. A new token's secret is shown once, here, and never again. */
export function AdminPage(): ReactNode {
  useDocumentTitle('Accounts and tokens');
  const users = useApi('users', () => api.get<{ items: UserAccount[] }>('/v1/users'));
  const tokens = useApi('tokens', () => api.get<{ items: TokenRecord[] }>('/v1/tokens'));
  return (
    <div className="page">
      <h1>Accounts and tokens</h1>
      <div className="two-columns">
        <section className="panel" aria-labelledby="users-heading">
          <h2 id="users-heading">Accounts</h2>
          {users.result.state === 'failed' ? <ProblemView error={users.result.error} /> : null}
          {users.result.state === 'loaded' ? (
            <ul>
              {users.result.data.items.map((user) => (
                <li key={user.id}>
                  <strong>{user.name}</strong> {user.role}
                  {user.disabledAt ? ` (disabled ${formatDateTime(user.disabledAt)})` : ''}
                </li>
              ))}
            </ul>
          ) : null}
          <NewUserForm onCreated={users.reload} />
        </section>
        <section className="panel" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">API tokens</h2>
          {tokens.result.state === 'failed' ? <ProblemView error={tokens.result.error} /> : null}
          {tokens.result.state === 'loaded' ? (
            <ul>
              {tokens.result.data.items.map((token) => (
                <li key={token.id}>
                  <strong>{token.name}</strong> {token.role},{' '}
                  {token.revokedAt
                    ? `revoked ${formatDateTime(token.revokedAt)}`
                    : `expires ${formatDateTime(token.expiresAt)}`}{' '}
                  {token.revokedAt ? null : (
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() =>
                        void api.delete(`/v1/tokens/${encodeURIComponent(token.id)}`).then(tokens.reload)
                      }
                    >
                      Revoke
                    </button>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
          <NewTokenForm onCreated={tokens.reload} />
        </section>
      </div>
    </div>
  );
}

function NewUserForm(props: { readonly onCreated: () => void }): ReactNode {
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('clinician');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    try {
      await api.post('/v1/users', { name, role, password });
      setName('');
      setPassword('');
      props.onCreated();
    } catch (caught) {
      setError(caught);
    }
  }
  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <h3>New account</h3>
      <label>
        Name
        <input
          name="new-user-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={64}
        />
      </label>
      <label>
        Role
        <select name="new-user-role" value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        Password (at least 12 characters)
        <input
          name="new-user-password"
          type="password"
          autoComplete="new-password"
          minLength={12}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </label>
      {error !== undefined ? <ProblemView error={error} heading="The account was not created" /> : null}
      <button type="submit">Create account</button>
    </form>
  );
}

function NewTokenForm(props: { readonly onCreated: () => void }): ReactNode {
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('device');
  const [expires, setExpires] = useState('30d');
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    try {
      const created = await api.post<{ token: string }>('/v1/tokens', { name, role, expires });
      setSecret(created.token);
      setName('');
      props.onCreated();
    } catch (caught) {
      setError(caught);
    }
  }
  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <h3>New API token</h3>
      <label>
        Name (what uses it)
        <input
          name="new-token-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={64}
        />
      </label>
      <label>
        Role
        <select name="new-token-role" value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        Lifetime (e.g. 30d, 12h; at most 365d)
        <input
          name="new-token-expires"
          value={expires}
          onChange={(e) => setExpires(e.target.value)}
          required
        />
      </label>
      {secret ? (
        <p role="status">
          Copy this token now; it is not shown again: <code data-testid="new-token">{secret}</code>
        </p>
      ) : null}
      {error !== undefined ? <ProblemView error={error} heading="The token was not created" /> : null}
      <button type="submit">Create token</button>
    </form>
  );
}
