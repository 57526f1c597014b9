import { type FormEvent, type ReactNode, useState } from 'react';
import type { ClinicalCase, NewClinicalCase, Sex } from '../../../src/clinical/index.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { ProblemView } from './ProblemView.js';

/** Creates an empty case (title, age, sex) and opens it. The server validates; its field errors are shown. */
export function NewCaseForm(): ReactNode {
  const [title, setTitle] = useState('');
  const [age, setAge] = useState('');
  const [sex, setSex] = useState<Sex | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: NewClinicalCase = {
      title: title.trim(),
      patient: {
        ...(age.trim() === '' ? {} : { ageYears: Number(age) }),
        ...(sex === '' ? {} : { sex }),
      },
      findings: [],
      observations: [],
      images: [],
    };
    try {
      const created = await api.post<ClinicalCase>('/v1/cases', body);
      navigate(`/cases/${encodeURIComponent(created.id)}`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="form">
      <label>
        Title
        <input
          name="title"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          required
          maxLength={200}
          placeholder="e.g. Cough and fever, 3 days"
        />
      </label>
      <p className="hint">A label you recognise. Do not enter names or other identifying data.</p>
      <div className="form-row">
        <label>
          Age (years)
          <input
            name="ageYears"
            type="number"
            min={0}
            max={120}
            step="any"
            inputMode="decimal"
            value={age}
            onChange={(event) => setAge(event.target.value)}
          />
        </label>
        <label>
          Sex
          <select name="sex" value={sex} onChange={(event) => setSex(event.target.value as Sex | '')}>
            <option value="">Not recorded</option>
            <option value="female">Female</option>
            <option value="male">Male</option>
            <option value="other">Other</option>
            <option value="unknown">Unknown</option>
          </select>
        </label>
      </div>
      {error !== undefined ? <ProblemView error={error} heading="The case was not created" /> : null}
      <button type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create case'}
      </button>
    </form>
  );
}
