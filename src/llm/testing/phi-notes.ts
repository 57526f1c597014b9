/**
 * Hand-made de-identification test notes (written for this project, no real person; nothing copied from a data set),
 * each with the identifiers it contains. Used to check that no identifying token leaves the machine through the
 * language-model gateway (`privacy-gate.test.ts`, `bench:llm`).
 */
export interface PhiNote {
  readonly text: string;
  /** Every identifier written in the note, as written. */
  readonly identifiers: readonly string[];
}

export const PHI_NOTES: readonly PhiNote[] = [
  {
    text: 'Seen today: Margaret Okonkwo, MRN 00482913, DOB 03/11/1948. Daughter Fiona Okonkwo can be reached on 617-555-0143. Productive cough for 4 days, RR 26, BP 104/62, new confusion.',
    identifiers: ['Margaret Okonkwo', '00482913', '03/11/1948', 'Fiona Okonkwo', '617-555-0143'],
  },
  {
    text: 'Patient Henrik Vasquez-Lindqvist (medical record number 7731-0094) attended on 2025-02-17 with pleuritic chest pain. Email h.vasquez@examplemail.com. Lives at 42 Larchmont Road, Dorchester.',
    identifiers: [
      'Henrik Vasquez-Lindqvist',
      '7731-0094',
      '2025-02-17',
      'h.vasquez@examplemail.com',
      '42 Larchmont Road',
    ],
  },
  {
    text: 'Mr. Desmond Achterberg, 81, admitted 12/02/2024 by Dr. Priya Ramaswamy. Phone (503) 555-0178. Hospital no. MRN: 5520187. Fever 38.9, heart rate 118, lactate 3.1.',
    identifiers: ['Desmond Achterberg', '12/02/2024', 'Priya Ramaswamy', '(503) 555-0178', '5520187'],
  },
  {
    text: 'Referral from Dr. Tobias Wrenfield re: Ms. Annika Solberg-Pryce, DOB 29/07/1961, NHS number 943 476 5919. Incidental 7 mm solid nodule on CT of 14 March 2025. Contact 07700 900461.',
    identifiers: [
      'Tobias Wrenfield',
      'Annika Solberg-Pryce',
      '29/07/1961',
      '943 476 5919',
      '14 March 2025',
      '07700 900461',
    ],
  },
  {
    text: 'Called Lucinda Farraday back at 212-555-0199 on 01/09/2025 about her HbA1c of 7.1 %. Her MRN is 3308812; her husband Oswin Farraday drives her to clinic.',
    identifiers: ['Lucinda Farraday', '212-555-0199', '01/09/2025', '3308812', 'Oswin Farraday'],
  },
];

/** Words of an identifier that would identify on their own (three letters or more; month names and the like excluded). */
function identifyingWords(identifier: string): string[] {
  const generic =
    /^(january|february|march|april|may|june|july|august|september|october|november|december|road|com)$/i;
  return (identifier.match(/[A-Za-z][A-Za-z'-]+/g) ?? []).filter((w) => w.length >= 3 && !generic.test(w));
}

/**
 * How many identifying tokens of `notes` occur in `sent` (what reached the outside): each name word of an identifier,
 * and each identifier's whole digit sequence when it has six digits or more, in any grouping (`617-555-0143`,
 * `6175550143`, `617 555 0143`). A year alone is not counted (it does not identify).
 */
export function countIdentifyingTokens(sent: string, notes: readonly PhiNote[] = PHI_NOTES): number {
  let count = 0;
  for (const note of notes)
    for (const id of note.identifiers) {
      for (const word of identifyingWords(id)) {
        const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        count += (sent.match(new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, 'gi')) ?? []).length;
      }
      const digits = id.replace(/\D/g, '');
      if (digits.length >= 6)
        count += (sent.match(new RegExp(`(?<!\\d)${[...digits].join('[\\s./()-]*')}(?!\\d)`, 'g')) ?? [])
          .length;
    }
  return count;
}
