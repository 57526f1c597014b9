import { type FormEvent, type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import type { ClinicalCase } from '../../../../src/clinical/index.js';
import type { Page } from '../../../../src/store/store.js';
import { api } from '../../api.js';
import { DictationButton } from '../../components/DictationButton.js';
import { insertDictation } from '../../components/dictation.js';
import { queryOfHash, useHash } from '../../router.js';
import { useApi } from '../../use-api.js';
import { useDocumentTitle } from '../../use-document-title.js';
import { Answer } from './Answer.js';
import { type AnswerState, type ChatRequest, EMPTY_ANSWER, streamChat } from './chat-stream.js';

/** Largest image attached to a question (bytes); the model server gets it as a data URL. */
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

type Turn =
  | { readonly role: 'user'; readonly text: string; readonly image?: { name: string; url: string } }
  | { readonly role: 'assistant'; readonly answer: AnswerState };

interface Models {
  readonly data: readonly { id: string; healthgpt?: { generates: boolean; provider: string } }[];
}

/** The conversation as OpenAI messages: the user's text (and image) and the answers' text. */
function toMessages(turns: readonly Turn[]): ChatRequest['messages'] {
  return turns.map((t) =>
    t.role === 'assistant'
      ? { role: 'assistant' as const, content: t.answer.text }
      : {
          role: 'user' as const,
          content: t.image
            ? [
                { type: 'text' as const, text: t.text },
                { type: 'image_url' as const, image_url: { url: t.image.url } },
              ]
            : t.text,
        },
  );
}

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the image could not be read'));
    reader.readAsDataURL(file);
  });
}

/**
 * Chat with HealthGPT: answers stream in from `POST /v1/chat/completions`, with the engines and guideline lookups
 * the server ran and every passage cited (edition, current or superseded). A case and an image can be attached;
 * without a language model the answer is retrieval only and says so.
 */
export function ChatPage(): ReactNode {
  useDocumentTitle('Chat');
  const initialCase = queryOfHash(useHash()).get('case') ?? '';
  const [caseId, setCaseId] = useState(initialCase);
  const [turns, setTurns] = useState<readonly Turn[]>([]);
  const [question, setQuestion] = useState('');
  const [image, setImage] = useState<{ name: string; url: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const { result: models } = useApi('models', () => api.get<Models>('/v1/models'));
  const { result: cases } = useApi('chat-cases', () => api.get<Page<ClinicalCase>>('/v1/cases?limit=100'));
  const chatModel = models.state === 'loaded' ? models.data.data[0] : undefined;
  const noModel = chatModel?.healthgpt?.generates === false;

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    const text = question.trim();
    if (!text || busy) return;
    const asked: Turn = { role: 'user', text, ...(image ? { image } : {}) };
    const history = [...turns, asked];
    setTurns([...history, { role: 'assistant', answer: EMPTY_ANSWER }]);
    setQuestion('');
    setImage(undefined);
    setError(undefined);
    setBusy(true);
    const abort = new AbortController();
    controller.current = abort;
    const show = (answer: AnswerState) => setTurns([...history, { role: 'assistant', answer }]);
    try {
      await streamChat({ messages: toMessages(history), ...(caseId ? { caseId } : {}) }, show, abort.signal);
    } catch (e) {
      setTurns(history.slice(0, -1));
      setQuestion(text);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      controller.current = undefined;
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
  };

  const attach = async (file: File | undefined) => {
    setError(undefined);
    if (!file) return;
    if (!/^image\/(png|jpeg|webp)$/.test(file.type)) setError('Attach a PNG, JPEG or WebP image.');
    else if (file.size > MAX_IMAGE_BYTES) setError(`The image is over ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`);
    else setImage({ name: file.name, url: await readDataUrl(file) });
    if (fileInput.current) fileInput.current.value = '';
  };

  return (
    <section className="chat-page">
      <h1>Chat</h1>
      {noModel ? (
        <p className="chat-no-model" role="note">
          No language model is configured: answers are <strong>not generated</strong> — they are guideline
          passages and engine results found for the question (retrieval only). See docs/llm.md to add a model.
        </p>
      ) : chatModel ? (
        <p className="muted small">
          Model: {chatModel.id}. Generated text can be wrong: check each answer against the sources listed
          under it.
        </p>
      ) : null}
      <ol className="chat-turns" aria-live="polite">
        {turns.map((turn, index) =>
          turn.role === 'user' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: turns are only appended, never reordered
            <li key={index} className="chat-turn chat-user">
              <p>{turn.text}</p>
              {turn.image ? (
                <img src={turn.image.url} alt={`attached: ${turn.image.name}`} className="chat-image" />
              ) : null}
            </li>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: turns are only appended, never reordered
            <li key={index} className="chat-turn chat-assistant">
              <Answer answer={turn.answer} />
            </li>
          ),
        )}
      </ol>
      {error ? (
        <p role="alert" className="problem">
          {error}
        </p>
      ) : null}
      <form className="chat-form" onSubmit={(e) => void send(e)}>
        <label htmlFor="chat-question">Question</label>
        <textarea
          id="chat-question"
          rows={3}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder="e.g. Which CURB-65 score calls for hospital admission?"
          aria-describedby="chat-question-hint"
        />
        <p id="chat-question-hint" className="muted small">
          Ctrl+Enter sends.
        </p>
        <div className="chat-controls">
          <label htmlFor="chat-case">Case as context</label>
          <select id="chat-case" value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            <option value="">none</option>
            {caseId && cases.state === 'loaded' && !cases.data.items.some((c) => c.id === caseId) ? (
              <option value={caseId}>case {caseId}</option>
            ) : null}
            {cases.state === 'loaded'
              ? cases.data.items.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))
              : null}
          </select>
          <label htmlFor="chat-image">Attach image</label>
          <input
            id="chat-image"
            ref={fileInput}
            type="file"
            accept="image/png,image/jpeg,image/webp"
            onChange={(e) => void attach(e.target.files?.[0])}
          />
          {image ? (
            <span>
              {image.name}{' '}
              <button type="button" className="button" onClick={() => setImage(undefined)}>
                Remove image
              </button>
            </span>
          ) : null}
          <DictationButton onText={(text) => setQuestion((q) => insertDictation(q, text))} />
        </div>
        <div className="chat-controls">
          <button type="submit" className="button button-primary" disabled={busy || question.trim() === ''}>
            {busy ? 'Answering…' : 'Ask'}
          </button>
          <button
            type="button"
            className="button"
            disabled={!busy}
            onClick={() => controller.current?.abort()}
          >
            Stop
          </button>
        </div>
      </form>
    </section>
  );
}
