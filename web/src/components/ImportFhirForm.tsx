import { type ChangeEvent, type FormEvent, type ReactNode, useState } from 'react';
import type { ClinicalCase } from '../../../src/clinical/index.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { ProblemView } from './ProblemView.js';

/** The largest bundle file the form reads; the server enforces its own body limit as well. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Imports a FHIR R4 Bundle (Patient, Observation, Condition) as a new case, pasted or read from a file, and opens
 * the case. The JSON is parsed here first so that a typo gets a clear message before anything is sent.
 */
export function ImportFhirForm(): ReactNode {
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  async function pickFile(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const file = event.target.files?.[0];
    setError(undefined);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setError(new Error(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the limit is 10 MB.`));
      return;
    }
    setFileName(file.name);
    setText(await file.text());
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setError(undefined);
    let bundle: unknown;
    try {
      bundle = JSON.parse(text);
    } catch (caught) {
      setError(
        new Error(
          `The bundle is not valid JSON: ${caught instanceof Error ? caught.message : String(caught)}`,
        ),
      );
      return;
    }
    setBusy(true);
    try {
      const query = title.trim() === '' ? '' : `?title=${encodeURIComponent(title.trim())}`;
      const created = await api.post<ClinicalCase>(`/v1/fhir/import${query}`, bundle);
      navigate(`/cases/${encodeURIComponent(created.id)}`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="form">
      <label>
        Bundle JSON
        <textarea
          name="bundle"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setFileName(undefined);
          }}
          rows={8}
          spellCheck={false}
          placeholder='{ "resourceType": "Bundle", "type": "collection", "entry": [ … ] }'
          required
        />
      </label>
      <label className="file-label">
        Or choose a file
        <input
          name="bundleFile"
          type="file"
          accept=".json,application/json,application/fhir+json"
          onChange={(event) => void pickFile(event)}
        />
      </label>
      {fileName ? <p className="hint">Read {fileName}.</p> : null}
      <label>
        Case title (optional)
        <input
          name="importTitle"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          maxLength={200}
          placeholder="Defaults to the bundle's Patient id"
        />
      </label>
      <p className="hint">
        Patient, Observation and Condition resources become the case's patient, observations and findings.
      </p>
      {error !== undefined ? <ProblemView error={error} heading="The bundle was not imported" /> : null}
      <button type="submit" disabled={busy || text.trim() === ''}>
        {busy ? 'Importing…' : 'Import bundle'}
      </button>
    </form>
  );
}
