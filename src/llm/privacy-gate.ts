import { guardOutboundPayload } from '../deid/export.js';
import { HealthGptError } from '../engine/errors.js';
import type { ChatMessage, ContentPart } from './provider.js';

export interface PrivacyGateOptions {
  /**
   * Images cannot be de-identified by text rules (burned-in names, dates): they are refused for a remote provider
   * unless an admin allows them (`HEALTHGPT_LLM_REMOTE_IMAGES=allow`).
   */
  readonly allowImages?: boolean;
}

/**
 * The privacy gate in front of every provider that is not in-process: every text a message carries (system, user,
 * assistant, tool results, tool-call arguments) goes through the de-identification engine's outbound guard
 * (`guardOutboundPayload` in `src/deid/export.ts`: identifiers replaced by `[NAME]`, `[DATE]` …, then checked once
 * more for formatted identifiers). A text that cannot be de-identified, or still holds an identifier, throws
 * `unprocessable` and nothing is sent.
 */
export function gateMessages(
  messages: readonly ChatMessage[],
  options: PrivacyGateOptions = {},
): ChatMessage[] {
  return gateEach(messages, options, inThisThread);
}

/**
 * One outbound payload for the guard: a paragraph of text (de-identified, then name runs and long numbers scrubbed:
 * `guardParagraph`) or the parsed JSON arguments of a tool call (`guardOutboundPayload`).
 */
export type OutboundPayload =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'json'; readonly value: unknown };
/** What the guard made of one payload: the text to send, or why it is refused. */
export type GuardResult = { readonly text: string } | { readonly error: Error };
/**
 * Guards payloads somewhere else, each on its own (the HTTP server: in its worker pool, task `deid.outbound`, since
 * de-identifying long messages holds a thread for seconds). Results come back in order, one per payload.
 */
export type OutboundGuard = (payloads: readonly OutboundPayload[]) => Promise<readonly GuardResult[]>;

/** Guards one payload in this thread (what `OutboundGuard` runs, wherever it runs). */
export function guardPayload(payload: OutboundPayload): string {
  return payload.kind === 'text' ? guardParagraph(payload.text) : guardOutboundPayload(payload.value);
}

/**
 * `gateMessages` with the de-identification done by `guard`: the same walk runs twice, first collecting the payloads
 * (and which paragraphs were trusted), then, once the guard has answered, building the messages from its results —
 * so what is sent, and the error when something is refused, are those `gateMessages` gives.
 */
export async function gateMessagesWith(
  messages: readonly ChatMessage[],
  options: PrivacyGateOptions,
  guard: OutboundGuard,
): Promise<ChatMessage[]> {
  return guardTwice(
    guard,
    (walk) => {
      messages.forEach((message) => {
        try {
          gateMessage(message, options, walk);
        } catch {
          // refused here (an image): thrown again at the same point when the messages are built
        }
      });
    },
    (walk) => gateEach(messages, options, walk),
  );
}

/** `gateTexts` with the de-identification done by `guard` (see `gateMessagesWith`). */
export function gateTextsWith(texts: readonly string[], guard: OutboundGuard): Promise<string[]> {
  return guardTwice(
    guard,
    (walk) => {
      for (const t of texts) gateText(t, walk);
    },
    (walk) => texts.map((t) => gateText(t, walk)),
  );
}

async function guardTwice<T>(
  guard: OutboundGuard,
  collect: (walk: Walk) => void,
  build: (walk: Walk) => T,
): Promise<T> {
  const payloads: OutboundPayload[] = [];
  // Trust is decided once: the shared set may change (or be cleared) while the guard runs.
  const trusted = new Set<string>();
  collect({
    trusted(text) {
      if (!TRUSTED.has(text)) return false;
      trusted.add(text);
      return true;
    },
    text(text) {
      payloads.push({ kind: 'text', text });
      return '';
    },
    json(value) {
      payloads.push({ kind: 'json', value });
      return '';
    },
  });
  const results = payloads.length > 0 ? await guard(payloads) : [];
  if (results.length !== payloads.length)
    throw new HealthGptError(
      'internal',
      `the outbound guard gave ${results.length} of ${payloads.length} results`,
    );
  let next = 0;
  const take = (kind: OutboundPayload['kind'], text?: string): string => {
    const payload = payloads[next];
    const result = results[next++];
    // The second walk must meet the payloads of the first, in order; anything else sends nothing.
    if (!payload || !result || payload.kind !== kind || (payload.kind === 'text' && payload.text !== text))
      throw new HealthGptError('internal', 'the outbound messages changed while they were de-identified');
    if ('error' in result) throw result.error;
    return result.text;
  };
  return build({
    trusted: (text) => trusted.has(text),
    text: (text) => take('text', text),
    json: () => take('json'),
  });
}

/** How one walk over the messages treats trusted paragraphs, paragraphs to guard and tool-call arguments. */
interface Walk {
  trusted(text: string): boolean;
  text(paragraph: string): string;
  json(value: unknown): string;
}

const inThisThread: Walk = {
  trusted: (text) => TRUSTED.has(text),
  text: guardParagraph,
  json: (value) => guardOutboundPayload(value),
};

function gateEach(messages: readonly ChatMessage[], options: PrivacyGateOptions, walk: Walk): ChatMessage[] {
  return messages.map((message, index) => {
    try {
      return gateMessage(message, options, walk);
    } catch (error) {
      if (error instanceof HealthGptError)
        throw new HealthGptError(
          error.code,
          `message ${index} not sent to the language model: ${error.message}`,
          {
            fieldErrors: [{ field: `/messages/${index}`, message: error.message }],
            cause: error,
          },
        );
      throw error;
    }
  });
}

/** De-identifies texts bound for a remote embedding endpoint. */
export function gateTexts(texts: readonly string[]): string[] {
  return texts.map((t) => gateText(t, inThisThread));
}

/**
 * Paragraphs HealthGPT wrote itself and that hold no patient data (its system prompt, guideline passages from the
 * library, results of engines run on arguments the remote model wrote from gated text): sent as they are, because the
 * de-identifier's false positives would garble them ("score" read as a place). Bounded; cleared when full.
 */
const TRUSTED = new Set<string>();
const TRUSTED_MAX = 5000;

/** Marks a paragraph of HealthGPT's own (no patient data) so the gate passes it unchanged. */
export function trustText(text: string): string {
  if (TRUSTED.size >= TRUSTED_MAX) TRUSTED.clear();
  TRUSTED.add(text);
  return text;
}

function gateText(text: string, walk: Walk): string {
  if (text.trim() === '' || walk.trusted(text)) return text;
  const paragraphs = text.split('\n\n');
  if (paragraphs.length > 1) return paragraphs.map((p) => gateText(p, walk)).join('\n\n');
  return walk.text(text);
}

/** One paragraph as sent: de-identified, name runs beside `[NAME]` and long digit runs scrubbed. */
export function guardParagraph(text: string): string {
  return scrubLongNumbers(extendNamePlaceholders(guardOutboundPayload(text)));
}

/** Capitalised words that often stand next to a name without being part of it (kept). */
const NOT_NAME = new Set(
  'Patient Pt Daughter Son Mother Father Wife Husband Partner Sister Brother Friend Carer Mr Mrs Ms Miss Dr Doctor Nurse Prof Professor Called Seen Saw Spoke Met Referral Referred From To With And The Her His Their Our Dear Re'.split(
    ' ',
  ),
);

/**
 * Capitalised words right beside a `[NAME]` placeholder are taken as the rest of that name and removed too: the
 * de-identifier sometimes replaces only one part of "Firstname Lastname" (seen in testing). Titles, relations and a
 * few sentence words (`NOT_NAME`) are kept.
 */
export function extendNamePlaceholders(text: string): string {
  return text
    .replace(/\[NAME\](?:[ \t]+(?:[A-Z][a-z]*\.?[ \t]+)?[A-Z][A-Za-z'’-]+)+/g, (run) => {
      const words = run
        .slice('[NAME]'.length)
        .trim()
        .split(/[ \t]+/);
      const kept = words.findIndex((w) => NOT_NAME.has(w.replace(/\.$/, '')));
      return kept === -1 ? '[NAME]' : `[NAME] ${words.slice(kept).join(' ')}`;
    })
    .replace(/(?<![A-Za-z])([A-Z][a-z'’-]+)[ \t]+\[NAME\]/g, (run, word: string) =>
      NOT_NAME.has(word) ? run : '[NAME]',
    );
}

/**
 * A second layer after the de-identifier: any run of seven or more digits (spaces, dashes or dots between groups
 * allowed) is replaced by `[NUMBER]`. Clinical values are short (118, 38.9, 104/62); runs this long are phone,
 * record or insurance numbers in formats the de-identifier may not know (a spaced UK mobile number was one).
 */
export function scrubLongNumbers(text: string): string {
  return text.replace(/(?<![\w.])\d(?:[ .-]?\d){6,}(?![\w])/g, (run) =>
    run.replace(/\D/g, '').length >= 7 ? '[NUMBER]' : run,
  );
}

function gateMessage(message: ChatMessage, options: PrivacyGateOptions, walk: Walk): ChatMessage {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: gateText(message.content, walk) };
    case 'tool':
      return { role: 'tool', tool_call_id: message.tool_call_id, content: gateText(message.content, walk) };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content === null ? null : gateText(message.content, walk),
        ...(message.tool_calls
          ? {
              tool_calls: message.tool_calls.map((call) => ({
                ...call,
                function: {
                  name: call.function.name,
                  arguments: gateArguments(call.function.arguments, walk),
                },
              })),
            }
          : {}),
      };
    case 'user':
      return {
        role: 'user',
        content:
          typeof message.content === 'string'
            ? gateText(message.content, walk)
            : message.content.map((part) => gatePart(part, options, walk)),
      };
  }
}

function gatePart(part: ContentPart, options: PrivacyGateOptions, walk: Walk): ContentPart {
  if (part.type === 'text') return { type: 'text', text: gateText(part.text, walk) };
  if (!options.allowImages)
    throw new HealthGptError(
      'unprocessable',
      'images are not sent to a remote language model: they cannot be de-identified by text rules (an admin may allow it with HEALTHGPT_LLM_REMOTE_IMAGES=allow)',
    );
  return part;
}

function gateArguments(json: string, walk: Walk): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return gateText(json, walk);
  }
  return walk.json(parsed);
}
