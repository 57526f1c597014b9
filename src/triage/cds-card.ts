import type { Assessment } from '../clinical/assessment.js';
import type { CdsCard } from '../engine/cds-card.js';
import { news2ParameterLabel, news2ParameterList, news2ValueText } from './labels.js';
import { triageResultSchema } from './schema.js';
import type { TriageLevel, TriageReason, TriageResult } from './types.js';

/** What each level asks of the clinician, for the card's summary. */
export const TRIAGE_CARD_ACTION: Readonly<Record<TriageLevel, string>> = {
  emergency: 'emergency care now',
  urgent: 'same-day assessment',
  routine: 'assessment within days to weeks',
  'self-care': 'self-care at home, with advice on when to seek help',
};

const INDICATOR: Readonly<Record<TriageLevel, CdsCard['indicator']>> = {
  emergency: 'critical',
  urgent: 'warning',
  routine: 'info',
  'self-care': 'info',
};

/** Reasons that say no triage was made: too little to go on, a note abstained on, a patient who has died. */
const NOT_ASSESSED_RULES = new Set(['default.insufficient', 'default.not-assessed']);

const notAssessedReason = (reason: TriageReason) =>
  NOT_ASSESSED_RULES.has(reason.ruleId) || reason.ruleId.startsWith('not-applicable.');

/**
 * True when a triage result is no triage: marked `insufficient`, or its level set only by a reason that says so
 * (vital signs alone with a low NEWS2 leave "not enough to go on" as the routine default, `insufficient` unset).
 */
export function isNotAssessed(result: TriageResult): boolean {
  return result.insufficient || deciding(result).some(notAssessedReason);
}

/** The reasons that set the level (the most urgent ones; every reason is at most as urgent as the level). */
function deciding(result: TriageResult): TriageReason[] {
  return result.reasons.filter((r) => r.level === result.level);
}

/** The CDS Hooks summary limit (https://cds-hooks.hl7.org/2.0/#card-attributes): under 140 characters. */
const SUMMARY_MAX = 139;

function news2Lines(news2: NonNullable<TriageResult['news2']>): string[] {
  const head =
    news2.total !== undefined
      ? `NEWS2 ${news2.total} (${news2.response} clinical response; SpO2 scale ${news2.spo2Scale}):`
      : `NEWS2 not complete (no total): ${news2ParameterList(news2.missing)} not given`;
  return [
    `**${head}**`,
    '',
    ...news2.parameters.map(
      (p) => `- ${news2ParameterLabel(p.parameter)}: ${news2ValueText(p.parameter, p.value)} (+${p.score})`,
    ),
  ];
}

/**
 * The CDS Hooks card of a stored triage assessment (`triage.red-flags`): the level and what it asks for in the
 * summary (with the NEWS2 total when there is one), the indicator by level (emergency → critical, urgent → warning,
 * routine and self-care → info), and in the detail the reasons that set the level with the guidance each follows
 * and the NEWS2 sub-scores. No card when the triage is not assessed (`isNotAssessed`) or the output is not a
 * triage result: "nothing to say" must never read as a level.
 */
export function triageCard(assessment: Assessment): CdsCard | undefined {
  const parsed = triageResultSchema.safeParse(assessment.output);
  if (!parsed.success) return undefined;
  const result = parsed.data as TriageResult;
  if (isNotAssessed(result)) return undefined;
  const news2Total = result.news2?.total;
  const summary = `Triage: ${result.level} — ${TRIAGE_CARD_ACTION[result.level]}${
    news2Total !== undefined ? ` (NEWS2 ${news2Total})` : ''
  }`;
  const reasons = deciding(result);
  const others = result.reasons.length - reasons.length;
  const detail = [
    `**Why ${result.level}:**`,
    '',
    ...reasons.map((r) => `- ${r.text}${r.citation ? ` (${r.citation})` : ''}`),
    ...(others > 0 ? ['', `${others} less urgent reason${others === 1 ? '' : 's'} also noted.`] : []),
    ...(result.news2 ? ['', ...news2Lines(result.news2)] : []),
    '',
    'From the findings and vital signs in the record (red-flag rules written from published guidance, NEWS2). Experimental: the combination of rules has not been validated against outcomes. Decision support for clinicians, not a diagnosis.',
  ];
  const version = assessment.provenance.modelVersion ?? assessment.provenance.engineVersion;
  return {
    summary: summary.length > SUMMARY_MAX ? `${summary.slice(0, SUMMARY_MAX - 1)}…` : summary,
    detail: detail.join('\n'),
    indicator: INDICATOR[result.level],
    source: { label: `HealthGPT triage${version ? ` ${version}` : ''}` },
  };
}
