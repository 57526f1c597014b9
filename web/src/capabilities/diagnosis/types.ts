/** Shapes of the diagnosis API as the web UI reads them (see src/diagnosis/routes.ts). */
import type { Contribution } from '../../../../src/clinical/index.js';
import type { TriageResult } from '../triage/types.js';

export interface DdxEntry {
  readonly conditionId: string;
  readonly label: string;
  readonly icd10?: string;
  readonly probability: number;
  readonly mustNotMiss?: boolean;
  readonly severity: number;
  readonly differentialWeight: number;
  readonly explanation: {
    readonly baseline: number;
    readonly score: number;
    readonly contributions: readonly Contribution[];
  };
}

export interface ProposedQuestion {
  readonly conceptId: string;
  readonly label: string;
  readonly text: string;
  readonly type: 'binary' | 'categorical' | 'multi-choice' | 'scale-0-10';
  readonly values?: readonly { readonly id: string; readonly label: string }[];
  readonly expectedGainNats: number;
  readonly mustNotMissGainNats: number;
  readonly separates: readonly { readonly conditionId: string; readonly label: string }[];
  readonly why: string;
}

/** The differential that may be shown (src/diagnosis/hedge.ts): shares earned by the findings present. */
export interface HedgedDifferential {
  readonly establishedFindings: number;
  readonly evidenceWeight: number;
  readonly notSettled: number;
  readonly entries: readonly {
    readonly conditionId: string;
    readonly label: string;
    readonly icd10?: string;
    readonly share: number;
    readonly modelProbability: number;
    readonly mustNotMiss?: boolean;
  }[];
}

export interface DdxResult {
  readonly output: {
    readonly differential: { readonly entries: readonly DdxEntry[] };
    readonly hedged: HedgedDifferential;
    readonly questions: readonly ProposedQuestion[];
    readonly confident: boolean;
    readonly warnings: readonly string[];
  };
}

export interface InterviewView {
  readonly id: string;
  readonly status: 'in-progress' | 'complete';
  readonly stopReason?: 'confident' | 'budget' | 'no-informative-question';
  readonly turns: number;
  readonly maxTurns: number;
  readonly findings: readonly {
    readonly conceptId: string;
    readonly status: string;
    readonly value?: unknown;
  }[];
  readonly initialFindingCount: number;
  readonly question?: ProposedQuestion;
  readonly differential: { readonly entries: readonly DdxEntry[] };
  readonly answers?: readonly {
    readonly conceptId: string;
    readonly status: string;
    readonly value?: unknown;
  }[];
  readonly complaint?: {
    readonly id: string;
    readonly onset?: string;
    readonly duration?: string;
    readonly severity?: string;
  };
  readonly progress: {
    readonly phase: 'complaint' | 'characterise' | 'red-flags' | 'discriminate' | 'complete';
    readonly answered: number;
    readonly remainingAtMost: number;
    readonly fraction: number;
    readonly register: string;
  };
  readonly hedged: HedgedDifferential;
  readonly triage: TriageResult;
}

export interface AnswerBody {
  readonly conceptId: string;
  readonly status: 'present' | 'absent' | 'unknown';
  readonly value?: string | number | readonly string[];
}

/** `POST /v1/diagnosis/text` (see src/diagnosis/text/routes.ts). */
export interface TextDiagnosis {
  readonly differential: readonly {
    readonly conditionId: string;
    readonly name: string;
    readonly icd10: string;
    readonly probability: number;
    readonly mustNotMiss: boolean;
    readonly supportingFindings: number;
    readonly sources: readonly string[];
    /** Red-flag rules whose pattern raised this condition. */
    readonly raisedBy?: readonly string[];
  }[];
  readonly notCovered: number;
  readonly abstained: boolean;
  readonly abstainReason?: 'no-findings' | 'not-english' | 'contradictory' | 'implausible-for-age';
  readonly message: string;
  readonly triage: {
    readonly level: 'emergency' | 'urgent' | 'routine' | 'self-care';
    readonly insufficient: boolean;
    readonly reasons: readonly { readonly ruleId: string; readonly level: string; readonly text: string }[];
  };
  readonly findings: { readonly present: readonly string[]; readonly absent: readonly string[] };
  readonly warnings: readonly string[];
}
