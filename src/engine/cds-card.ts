/**
 * A CDS Hooks 2.0 card (https://cds-hooks.hl7.org/2.0/#card-attributes).
 */
export interface CdsCard {
  readonly uuid?: string;
  /** One-sentence summary, under 140 characters. */
  readonly summary: string;
  readonly detail?: string;
  readonly indicator: 'info' | 'warning' | 'critical';
  readonly source: {
    readonly label: string;
    readonly url?: string;
    readonly topic?: { code: string; system?: string; display?: string };
  };
  readonly suggestions?: readonly unknown[];
  readonly links?: readonly { label: string; url: string; type: 'absolute' | 'smart' }[];
}
