import type { Finding } from '../../clinical/finding.js';
import type { PatientContext } from '../../clinical/patient.js';
import { registerFor } from '../../knowledge/question.js';
import type { QuestionRegisters } from '../../knowledge/types.js';

/**
 * How a clinician takes a history, as the interview follows it (e.g. Bickley, Bates' Guide to Physical Examination
 * and History Taking, 13th ed., the "OLDCARTS" sequence; Calgary–Cambridge guide): the presenting complaint first,
 * then its onset, duration and severity, then the red flags for that complaint, and only then the questions that
 * best separate the conditions still open. These questions are the interview's own (ids `interview.*`); their
 * answers become findings on the complaint (duration on the complaint's finding, pain severity as `pain.intensity`)
 * or stay in the interview record (severity of a symptom that is not pain), never a finding the model cannot read.
 */

export type InterviewPhase = 'complaint' | 'characterise' | 'red-flags' | 'discriminate' | 'complete';

/** A presenting complaint the interview can start from, and the findings it stands for. */
export interface Complaint {
  readonly id: string;
  readonly label: string;
  /** How the complaint is offered to the patient, per register. */
  readonly words: QuestionRegisters;
  readonly findings: readonly Finding[];
  /** True when the complaint is a pain: onset speed and intensity use the knowledge base's pain scales. */
  readonly pain: boolean;
  /**
   * Red-flag questions for this complaint (knowledge-base concept ids), asked right after the complaint is
   * characterised, in this order; written from NICE CKS red flags for each presentation (see docs/triage.md).
   */
  readonly redFlags: readonly string[];
}

const same = (words: string): QuestionRegisters => ({ adult: words, olderAdult: words, child: words });

const pain = (location: string): Finding[] => [
  { conceptId: 'pain', status: 'present' },
  { conceptId: 'pain.location', status: 'present', value: [location] },
];

/** The complaints offered at the start (the common presentations of primary and urgent care). */
export const COMPLAINTS: readonly Complaint[] = [
  {
    id: 'chest-pain',
    label: 'Chest pain',
    words: {
      adult: 'Chest pain',
      olderAdult: 'Pain in the chest',
      child: 'Chest pain (hurting in the chest)',
    },
    findings: pain('upper-chest'),
    pain: true,
    redFlags: ['pain.character', 'pain.radiation', 'chest-pain.at-rest', 'dyspnea', 'sweating', 'syncope'],
  },
  {
    id: 'breathlessness',
    label: 'Shortness of breath',
    words: {
      adult: 'Shortness of breath',
      olderAdult: 'Getting out of breath',
      child: 'Trouble breathing or breathing fast',
    },
    findings: [{ conceptId: 'dyspnea', status: 'present' }],
    pain: false,
    redFlags: ['dyspnea.minimal-exertion', 'stridor', 'hemoptysis', 'pain.pleuritic', 'confusion'],
  },
  {
    id: 'cough',
    label: 'Cough',
    words: same('Cough'),
    findings: [{ conceptId: 'cough', status: 'present' }],
    pain: false,
    redFlags: ['hemoptysis', 'dyspnea', 'dyspnea.minimal-exertion', 'weight-loss.unintentional', 'fever'],
  },
  {
    id: 'fever',
    label: 'Fever',
    words: { adult: 'Fever', olderAdult: 'Fever or high temperature', child: 'Fever (high temperature)' },
    findings: [{ conceptId: 'fever', status: 'present' }],
    pain: false,
    redFlags: ['confusion', 'skin-lesion', 'dyspnea', 'seizure', 'stridor'],
  },
  {
    id: 'headache',
    label: 'Headache',
    words: same('Headache'),
    findings: pain('forehead'),
    pain: true,
    redFlags: ['confusion', 'fever', 'weakness.focal', 'diplopia', 'vomiting', 'seizure'],
  },
  {
    id: 'abdominal-pain',
    label: 'Tummy (abdominal) pain',
    words: { adult: 'Abdominal pain', olderAdult: 'Pain in the stomach area', child: 'Tummy ache' },
    findings: pain('abdomen'),
    pain: true,
    redFlags: ['hematemesis', 'melena', 'vomiting', 'fever', 'syncope'],
  },
  {
    id: 'sore-throat',
    label: 'Sore throat',
    words: same('Sore throat'),
    findings: [{ conceptId: 'sore-throat', status: 'present' }],
    pain: false,
    redFlags: ['stridor', 'hypersalivation', 'dyspnea', 'fever'],
  },
  {
    id: 'diarrhoea-vomiting',
    label: 'Diarrhoea or vomiting',
    words: {
      adult: 'Diarrhoea or vomiting',
      olderAdult: 'Loose stools or being sick',
      child: 'Diarrhoea or being sick',
    },
    findings: [{ conceptId: 'diarrhea', status: 'present' }],
    pain: false,
    redFlags: ['hematemesis', 'melena', 'hematochezia', 'fever', 'confusion'],
  },
  {
    id: 'palpitations',
    label: 'Palpitations',
    words: {
      adult: 'Palpitations',
      olderAdult: 'Heart racing or pounding',
      child: 'Heart beating very fast',
    },
    findings: [{ conceptId: 'palpitations', status: 'present' }],
    pain: false,
    redFlags: ['syncope', 'dyspnea', 'pain', 'lightheadedness'],
  },
  {
    id: 'dizziness',
    label: 'Dizziness or fainting',
    words: {
      adult: 'Dizziness or fainting',
      olderAdult: 'Feeling dizzy or faint',
      child: 'Feeling dizzy or fainting',
    },
    findings: [{ conceptId: 'lightheadedness', status: 'present' }],
    pain: false,
    redFlags: ['syncope', 'palpitations', 'weakness.focal', 'dysarthria', 'pain'],
  },
  {
    id: 'rash',
    label: 'Rash or skin problem',
    words: same('Rash or skin problem'),
    findings: [{ conceptId: 'skin-lesion', status: 'present' }],
    pain: false,
    redFlags: ['fever', 'swelling', 'dyspnea', 'skin-lesion.larger-than-1cm'],
  },
  {
    id: 'back-pain',
    label: 'Back pain',
    words: same('Back pain'),
    findings: pain('lower-back-spine'),
    pain: true,
    redFlags: ['fever', 'weight-loss.unintentional', 'weakness.limbs-bilateral', 'paresthesia.any'],
  },
];

/** Duration bands (days at the middle of each band), as a clinician would ask "how long?". */
export const DURATIONS: readonly { readonly id: string; readonly label: string; readonly days: number }[] = [
  { id: 'hours', label: 'Less than a day', days: 0.5 },
  { id: '1-3-days', label: '1 to 3 days', days: 2 },
  { id: '4-7-days', label: '4 to 7 days', days: 5 },
  { id: '1-3-weeks', label: '1 to 3 weeks', days: 14 },
  { id: 'over-3-weeks', label: 'More than 3 weeks', days: 35 },
];

export const SEVERITIES: readonly { readonly id: string; readonly label: string }[] = [
  { id: 'mild', label: 'Mild: I can carry on as usual' },
  { id: 'moderate', label: 'Moderate: it stops me doing some things' },
  { id: 'severe', label: 'Severe: I can hardly do anything' },
];

export const ONSETS: readonly { readonly id: string; readonly label: string }[] = [
  { id: 'sudden', label: 'Suddenly, within minutes' },
  { id: 'gradual', label: 'Gradually, over hours or days' },
];

/** The interview's own questions, before and beside the knowledge base's. */
export const SCRIPTED = {
  complaint: 'interview.complaint',
  onset: 'interview.onset',
  duration: 'interview.duration',
  severity: 'interview.severity',
} as const;

const WORDING: Readonly<Record<keyof typeof SCRIPTED, QuestionRegisters>> = {
  complaint: {
    adult: 'What is the main problem that brings you here today?',
    olderAdult: 'What is troubling you most today?',
    child: 'What is the main thing worrying you about your child today?',
  },
  onset: {
    adult: 'Did it start suddenly or come on gradually?',
    olderAdult: 'Did it come on all at once, or slowly?',
    child: 'Did it start suddenly for your child, or come on slowly?',
  },
  duration: {
    adult: 'How long have you had it?',
    olderAdult: 'How long has this been going on?',
    child: 'How long has your child had it?',
  },
  severity: {
    adult: 'How bad is it?',
    olderAdult: 'How bad is it for you?',
    child: 'How unwell does it make your child?',
  },
};

/** Which register a question is worded in (shown in the UI so the adaptation is visible). */
export function registerLabel(patient: PatientContext): string {
  const register = registerFor(patient);
  return register === 'child'
    ? 'worded for a parent or caregiver'
    : register === 'olderAdult'
      ? 'plain words for an older adult'
      : 'worded for an adult';
}

export function scriptedText(question: keyof typeof SCRIPTED, patient: PatientContext): string {
  return WORDING[question][registerFor(patient)];
}

export function complaintById(id: string): Complaint | undefined {
  return COMPLAINTS.find((c) => c.id === id);
}

/** The complaint the opening findings already state, when one of them matches (so the interview skips asking). */
export function complaintOfFindings(findings: readonly Finding[]): Complaint | undefined {
  const present = findings.filter((f) => f.status === 'present');
  return COMPLAINTS.find((c) =>
    c.findings.every((cf) =>
      present.some(
        (f) =>
          f.conceptId === cf.conceptId &&
          (cf.value === undefined ||
            (Array.isArray(f.value) &&
              (cf.value as readonly string[]).every((v) => (f.value as readonly string[]).includes(v)))),
      ),
    ),
  );
}

/**
 * Evidence-weighted hedging of the differential shown at the end of an interview: a model trained on one synthetic
 * data set is confidently wrong on new presentations after one or two answers (issue 11: "Tuberculosis 99 % after
 * one answer"), so the interview shows only the share of the posterior its evidence has earned, w = n / (n + k),
 * with n the findings established (present or absent) and k = 6, and the rest as "not settled yet". This is a
 * display rule, not a calibration: the model's own probabilities are kept beside it.
 */
export const HEDGE_K = 6;

export function hedgeWeight(establishedFindings: number): number {
  return establishedFindings / (establishedFindings + HEDGE_K);
}
