import { isCandidate, isWordToken } from './features.js';
import { type Dictionaries, INSTITUTION_HEADS, isAllowed, RELATIONS, TITLES } from './lexicon.js';
import type { Token } from './tokens.js';
import type { PhiCategory } from './types.js';

/** A token that a context or dictionary rule marks. */
export interface TokenHit {
  readonly index: number;
  readonly category: PhiCategory;
  readonly rule: string;
  readonly score: number;
  /** True when the rule is strong enough to override the clinical allow-list ("Dr. Foley"). */
  readonly overridesAllowList?: boolean;
}

const STOP = new Set(
  'a an the and or of in on at to for with from by is was be been are were has had have this that it he she they his her their on off up down out if no not as x per'.split(
    ' ',
  ),
);

function isTitleCase(t: string): boolean {
  return /^[A-Z][a-z'\u00E0-\u00FF]+$/.test(t) || /^[A-Z]$/.test(t);
}

function nameLike(t: string): boolean {
  return isWordToken(t) && !STOP.has(t.toLowerCase());
}

/** Clinician roles written before a name. */
const ROLES = new Set([
  'np',
  'rn',
  'md',
  'pa',
  'rrt',
  'attending',
  'resident',
  'intern',
  'fellow',
  'chaplain',
  'sw',
  'pcp',
]);
/** Credentials that close a signature line. */
const CREDENTIALS = new Set([
  'rn',
  'rrt',
  'crt',
  'np',
  'md',
  'lpn',
  'msw',
  'lcsw',
  'licsw',
  'pa',
  'cna',
  'pharmd',
]);
/** Words written right after a name. */
const AFTER_NAME = new Set(['aware', 'rn', 'rrt', 'crt', 'np']);
/** Two-word cues before a place. */
const RESIDENCE = new Set([
  'lives in',
  'live in',
  'living in',
  'resides in',
  'moved to',
  'returned to',
  'home in',
  'from in',
  'transferred from',
  'transfer from',
  'admitted from',
]);

/** Context rules: titles ("Dr.", "Mr."), relations ("pt's wife"), institutions ("… Hospital"), name pairs. */
export function contextHits(
  tokens: readonly Token[],
  vocab: ReadonlySet<string>,
  dict: Dictionaries,
  upperLine: (i: number) => boolean,
  text = '',
): TokenHit[] {
  const hits: TokenHit[] = [];
  const word = (i: number) => tokens[i]?.text ?? '';
  const lower = (i: number) => word(i).toLowerCase();
  /** The next word index after `i`, skipping one '.' or ','. */
  const next = (i: number) => (word(i + 1) === '.' || word(i + 1) === ',' ? i + 2 : i + 1);
  /** A '.' at `i` ends a sentence (after a word of two or more letters), not an abbreviation such as "p.o.". */
  const sentenceEnd = (i: number) => word(i) === '.' && /^[A-Za-z0-9]{2,}$/.test(word(i - 1));
  /** Nothing but spaces, '.' or ',' between token `i` and the end of its line (or of the text). */
  const lineEndsAfter = (i: number) => {
    const rest = text.slice(tokens[i]!.end, tokens[i]!.end + 40);
    return /^[ \t.,]*(?:\r?\n|$)/.test(rest) && text.length > 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const lw = lower(i);
    if (TITLES.has(lw) && !(lw === 'sr' || lw === 'sister')) {
      // Dr. Smith, Dr Jane Smith, Dr. J. Smith
      // "MS", "MR" in capitals are mental status and mitral regurgitation; a title is "Mr", "Mr." or "MR." then.
      const t = word(i);
      if (t === t.toUpperCase() && t.length > 1 && word(i + 1) !== '.' && lw !== 'dr') continue;
      let j = next(i);
      for (let taken = 0; taken < 3 && nameLike(word(j)); taken++) {
        if (vocab.has(word(j).toLowerCase()) && !isTitleCase(word(j))) break;
        hits.push({
          index: j,
          category: 'name',
          rule: 'context.title',
          score: 0.95,
          overridesAllowList: true,
        });
        const w = word(j);
        const k = next(j);
        // continue only over initials or a further name-like capitalised word
        if (lower(k) === 'and' && (lw === 'drs' || lw === 'dr') && nameLike(word(k + 1))) {
          j = k + 1;
          continue;
        }
        if (!(w.length === 1 || (isTitleCase(word(k)) && !vocab.has(word(k).toLowerCase())))) break;
        j = k;
      }
    }
    if (RELATIONS.has(lw)) {
      let j = next(i);
      if (['is', 'named', 'name'].includes(lower(j))) j = next(j);
      const w = word(j);
      const lwj = w.toLowerCase();
      const plausible = dict.firstNames.has(lwj) || (isTitleCase(w) && !upperLine(j));
      if (isWordToken(w) && plausible && dict.anyName.has(lwj) && !vocab.has(lwj) && !isAllowed(lwj)) {
        hits.push({ index: j, category: 'name', rule: 'context.relation', score: 0.85 });
        const k = next(j);
        const wk = word(k).toLowerCase();
        if (isWordToken(word(k)) && dict.anyName.has(wk) && !vocab.has(wk) && !isAllowed(wk))
          hits.push({ index: k, category: 'name', rule: 'context.relation', score: 0.8 });
      }
    }
    // An initial and an unknown name: "D. Phyl", "E. WELSH".
    if (
      /^[A-Z]$/.test(word(i)) &&
      word(i + 1) === '.' &&
      isWordToken(word(i + 2)) &&
      word(i + 2).length > 1
    ) {
      const lj = lower(i + 2);
      const after = lower(i + 3);
      const known = dict.firstNames.has(lj) || dict.lastNames.has(lj);
      const cued = ['aware', 'rn', 'rrt', 'crt', 'md', 'np', 'pa', 'notified', 'paged', 'informed'].includes(
        after,
      );
      if (
        !vocab.has(lj) &&
        !isAllowed(lj) &&
        (word(i - 1) !== '.' || sentenceEnd(i - 1)) &&
        (known || (cued && dict.anyName.has(lj)))
      ) {
        hits.push({ index: i, category: 'name', rule: 'context.initial', score: 0.75 });
        hits.push({ index: i + 2, category: 'name', rule: 'context.initial', score: 0.75 });
      }
    }
    // A clinician's role before a name: "NP Grace", "RN Smith", "attending Dr …" (the title rule takes "Dr").
    if (ROLES.has(lw) && !upperLine(i)) {
      const j = next(i);
      const lj = lower(j);
      if (isWordToken(word(j)) && dict.anyName.has(lj) && !vocab.has(lj) && !isAllowed(lj))
        hits.push({ index: j, category: 'name', rule: 'context.role', score: 0.7 });
    }
    // A signature: a name and a credential closing a line ("Herman W. Emperatrice, RRT"); the name may be unknown.
    if (CREDENTIALS.has(lw) && lineEndsAfter(i)) {
      for (let j = i - 1, taken = 0; j >= 0 && taken < 3; j--) {
        const w = word(j);
        if ((w === ',' || w === '.') && taken <= 1) continue;
        const lj = w.toLowerCase();
        if (!isWordToken(w) || vocab.has(lj) || STOP.has(lj) || !/^[A-Za-z'-]+$/.test(w)) break;
        if (isAllowed(lj) && !dict.anyName.has(lj)) break;
        if (tokens[j]!.end < (tokens[j + 1]?.start ?? 0) - 3) break;
        hits.push({ index: j, category: 'name', rule: 'context.signature', score: 0.75 });
        taken++;
      }
    }
    // Unknown names right before "aware", ", RN", "RRT": "B. Tura aware", "Smith RN".
    if (AFTER_NAME.has(lw)) {
      for (let j = i - 1, taken = 0; j >= 0 && taken < 2; j--, taken++) {
        const lj = lower(j);
        if (word(j) === ',' && taken === 0) {
          taken--;
          continue;
        }
        if (!isWordToken(word(j)) || vocab.has(lj) || isAllowed(lj) || !dict.anyName.has(lj)) break;
        hits.push({ index: j, category: 'name', rule: 'context.before-role', score: 0.7 });
      }
    }
    // Where someone lives or comes from: "lives in Hampton", "returned to New Haven".
    if (RESIDENCE.has(`${lower(i - 1)} ${lw}`)) {
      for (let j = i + 1, taken = 0; taken < 3; j++, taken++) {
        const w = word(j);
        const lj = w.toLowerCase();
        if (!isWordToken(w) || vocab.has(lj) || isAllowed(lj) || STOP.has(lj)) break;
        if (
          !(
            dict.places.has(lj) ||
            dict.anyName.has(lj) ||
            (isTitleCase(w) && !upperLine(j)) ||
            /^[A-Z]{2}$/.test(w)
          )
        )
          break;
        hits.push({ index: j, category: 'location', rule: 'context.residence', score: 0.7 });
      }
    }
    // St. Agnes, St Elizabeth's: a saint's name is a hospital or a town in these notes.
    if (
      (word(i) === 'St' || word(i) === 'ST') &&
      word(i + 1) === '.' &&
      isTitleCase(word(i + 2)) &&
      !isAllowed(word(i + 2))
    )
      hits.push({ index: i + 2, category: 'location', rule: 'context.saint', score: 0.8 });
    if (INSTITUTION_HEADS.has(lw) && !upperLine(i) && isTitleCase(word(i))) {
      for (let j = i - 1, taken = 0; j >= 0 && taken < 3; j--, taken++) {
        const w = word(j);
        const lwj = w.toLowerCase();
        if (!isTitleCase(w) || isAllowed(w) || STOP.has(lwj) || INSTITUTION_HEADS.has(lwj)) break;
        hits.push({ index: j, category: 'location', rule: 'context.institution', score: 0.85 });
      }
    }
    // First name + last name from the dictionaries, both capitalised on a mixed-case line.
    if (
      !upperLine(i) &&
      isTitleCase(word(i)) &&
      word(i).length > 1 &&
      dict.firstNames.has(lw) &&
      !vocab.has(lw)
    ) {
      // A middle initial may stand between: "Abby M. Laidlaw", "John A Smith".
      const initial = /^[A-Z]$/.test(word(i + 1));
      const j = initial ? (word(i + 2) === '.' ? i + 3 : i + 2) : i + 1;
      const lj = lower(j);
      if (
        isTitleCase(word(j)) &&
        word(j).length > 1 &&
        (dict.lastNames.has(lj) || dict.anyName.has(lj)) &&
        !vocab.has(lj)
      ) {
        if (initial) hits.push({ index: i + 1, category: 'name', rule: 'dictionary.full-name', score: 0.8 });
        hits.push({ index: i, category: 'name', rule: 'dictionary.full-name', score: 0.8 });
        hits.push({ index: j, category: 'name', rule: 'dictionary.full-name', score: 0.8 });
      }
    }
  }
  return hits.filter((h) => isCandidate(word(h.index)));
}
