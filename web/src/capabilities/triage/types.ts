/** Shapes of the triage API as the web UI reads them (see src/triage/schema.ts). */
export type TriageLevel = 'emergency' | 'urgent' | 'routine' | 'self-care';

export interface TriageReason {
  readonly ruleId: string;
  readonly level: TriageLevel;
  readonly source: string;
  readonly text: string;
  readonly citation?: string;
  readonly evidence?: readonly string[];
}

export interface TriageResult {
  readonly level: TriageLevel;
  readonly reasons: readonly TriageReason[];
  readonly news2?: {
    readonly total?: number;
    readonly parameters: readonly {
      readonly parameter: string;
      readonly value: unknown;
      readonly score: number;
    }[];
    readonly missing: readonly string[];
    readonly singleParameter3: boolean;
    readonly response?: 'low' | 'low-medium' | 'medium' | 'high';
    readonly spo2Scale: 1 | 2;
  };
  readonly insufficient: boolean;
  readonly advice: string;
  readonly notes?: readonly string[];
}
