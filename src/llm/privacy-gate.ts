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
  return messages.map((message, index) => {
    try {
      return gateMessage(message, options);
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
  return texts.map((t) => gateText(t));
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

function gateText(text: string): string {
  if (text.trim() === '' || TRUSTED.has(text)) return text;
  const paragraphs = text.split('\n\n');
  if (paragraphs.length > 1) return paragraphs.map(gateText).join('\n\n');
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

function gateMessage(message: ChatMessage, options: PrivacyGateOptions): ChatMessage {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: gateText(message.content) };
    case 'tool':
      return { role: 'tool', tool_call_id: message.tool_call_id, content: gateText(message.content) };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content === null ? null : gateText(message.content),
        ...(message.tool_calls
          ? {
              tool_calls: message.tool_calls.map((call) => ({
                ...call,
                function: { name: call.function.name, arguments: gateArguments(call.function.arguments) },
              })),
            }
          : {}),
      };
    case 'user':
      return {
        role: 'user',
        content:
          typeof message.content === 'string'
            ? gateText(message.content)
            : message.content.map((part) => gatePart(part, options)),
      };
  }
}

function gatePart(part: ContentPart, options: PrivacyGateOptions): ContentPart {
  if (part.type === 'text') return { type: 'text', text: gateText(part.text) };
  if (!options.allowImages)
    throw new HealthGptError(
      'unprocessable',
      'images are not sent to a remote language model: they cannot be de-identified by text rules (an admin may allow it with HEALTHGPT_LLM_REMOTE_IMAGES=allow)',
    );
  return part;
}

function gateArguments(json: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return gateText(json);
  }
  return guardOutboundPayload(parsed);
}
