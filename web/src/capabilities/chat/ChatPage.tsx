import { type FormEvent, type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import { api } from '../../api.js';
import { DictationButton } from '../../components/DictationButton.js';
import { insertDictation } from '../../components/dictation.js';
import { queryOfHash, useHash } from '../../router.js';
import { useApi } from '../../use-api.js';
import { useDocumentTitle } from '../../use-document-title.js';
import { Answer } from './Answer.js';
import { type AttachedImage, CasePicker, ImageAttach } from './ChatControls.js';
import { type AnswerState, type ChatRequest, EMPTY_ANSWER, streamChat } from './chat-stream.js';

type Turn =
  | { readonly role: 'user'; readonly text: string; readonly image?: AttachedImage }
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
  const [image, setImage] = useState<AttachedImage>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | undefined>(undefined);
  const { result: models } = useApi('models', () => api.get<Models>('/v1/models'));
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
      setImage(asked.image);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      controller.current = undefined;
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send();
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
      <ol className="chat-turns" aria-label="Conversation">
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
      {/* One announcement per answer, not one per streamed word. */}
      <p className="visually-hidden" role="status">
        {busy ? 'Answering…' : turns.length > 0 ? 'Answer complete.' : ''}
      </p>
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
          <CasePicker caseId={caseId} onChange={setCaseId} />
          <ImageAttach image={image} onImage={setImage} onError={setError} noModel={noModel} />
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
