import type { Assessment } from '../clinical/assessment.js';
import type { ClinicalCase } from '../clinical/case.js';
import { assessmentLines, caseFacts } from './case-context.js';
import type { LlmProvider, Usage } from './provider.js';

export type DraftKind = 'note' | 'referral';
export const DRAFT_KINDS: readonly DraftKind[] = ['note', 'referral'];

export interface DraftOptions {
  readonly kind: DraftKind;
  /** Referral: who it is addressed to (a service or clinician). */
  readonly to?: string;
  /** Referral: why the patient is referred, in the clinician's words. */
  readonly reason?: string;
  /** Let a configured model rewrite the template into prose (default true; ignored without a model). */
  readonly polish?: boolean;
  readonly signal?: AbortSignal;
}

export interface Draft {
  readonly kind: DraftKind;
  /** The text to show: the model's version when it kept every value, else the template. */
  readonly text: string;
  /** The template filled from the structured record, always (no model involved). */
  readonly template: string;
  /** True when `text` is a model's rewrite. */
  readonly generated: boolean;
  readonly model?: string;
  readonly usage?: Usage;
  /** Why a model's rewrite was not used (values changed or dropped, model failed), when it was not. */
  readonly polishRejected?: string;
  /** The stored assessments the draft quotes. */
  readonly assessmentIds: readonly string[];
}

const list = (items: readonly string[], none: string) =>
  items.length ? items.map((i) => `- ${i}`).join('\n') : none;

/** The template, filled from the structured record and stored assessments only (no free-text note, no model). */
export function fillTemplate(
  c: ClinicalCase,
  assessments: readonly Assessment[],
  options: DraftOptions,
): string {
  const f = caseFacts(c);
  const results = list(assessmentLines(assessments), '- none run');
  const body = [
    `Patient: ${f.patient}.`,
    `Findings present:\n${list(f.present, '- none recorded')}`,
    `Findings absent:\n${list(f.absent, '- none recorded')}`,
    `Observations:\n${list(f.observations, '- none recorded')}`,
    `Decision support results (HealthGPT engines; an aid, not a diagnosis):\n${results}`,
  ];
  if (options.kind === 'note')
    return [`Clinical note — ${c.title}`, ...body, 'Plan: [to be completed by the clinician]'].join('\n\n');
  return [
    `Referral${options.to ? ` to ${options.to}` : ''}`,
    'Dear colleague,',
    `I would be grateful if you would see this patient (${f.patient})${options.reason ? ` regarding ${options.reason}` : ''}.`,
    ...body,
    'Questions for you: [to be completed by the referring clinician]',
    'Yours sincerely,\n[referring clinician]',
  ].join('\n\n');
}

/** Every number of a text (so a rewrite can be checked to keep each value of the template). */
export function numbersOf(text: string): string[] {
  return text.match(/\d+(?:\.\d+)?/g) ?? [];
}

const POLISH_PROMPT =
  'Rewrite the following draft as concise, professional clinical prose. Keep every value, unit, finding and result exactly as written; add no facts, no diagnosis and no advice that is not in the draft; keep the placeholders in square brackets.';

/**
 * A note or referral letter from a case: the template filled from the structured record (works without a model);
 * when a model is configured and `polish` is not false, the model rewrites it, and the rewrite is used only if every
 * number of the template is still in it (values changed or dropped → the template is kept, and why is said).
 */
export async function draftFromCase(
  c: ClinicalCase,
  assessments: readonly Assessment[],
  provider: LlmProvider,
  options: DraftOptions,
): Promise<Draft> {
  const template = fillTemplate(c, assessments, options);
  const base = { kind: options.kind, template, assessmentIds: assessments.map((a) => a.id) };
  if (!provider.generates || options.polish === false) return { ...base, text: template, generated: false };
  const result = await provider.chat({
    messages: [
      { role: 'system', content: POLISH_PROMPT },
      { role: 'user', content: template },
    ],
    maxTokens: 1024,
    temperature: 0,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const polished = result.content.trim();
  const missing = [...new Set(numbersOf(template))].filter((n) => !numbersOf(polished).includes(n));
  if (polished === '' || missing.length > 0)
    return {
      ...base,
      text: template,
      generated: false,
      model: result.model,
      usage: result.usage,
      polishRejected:
        polished === ''
          ? 'the model returned no text'
          : `the model's rewrite dropped or changed ${missing.length} value(s) of the record (${missing.slice(0, 5).join(', ')}), so the template is shown`,
    };
  return { ...base, text: polished, generated: true, model: result.model, usage: result.usage };
}
