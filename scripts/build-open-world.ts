/**
 * Builds the open-world condition space (`models/open-world/knowledge.json`) from the public knowledge in
 * `$HEALTHGPT_DATA_DIR/knowledge` and the project's editorial tables (`scripts/open-world/editorial.ts`):
 *
 * - SymCat (conditions.json, symptoms.json): conditions, P(symptom | condition) for their top symptoms, age and sex
 *   odds; the relative prevalence of each condition is solved from the pairs where both P(symptom | condition) and
 *   P(condition | symptom) are known (log P(c) − log P(s) = log P(c | s) − log P(s | c), least squares).
 * - ICD-10-CM (2019 codes, 2026 categories): every condition's code is checked to exist; a condition is kept only with
 *   a code (an editorial override, else an exact name match on a category or code description).
 * - HPO layperson synonyms (2026): extra lay phrasings of symptoms whose HPO term matches the symptom's name.
 * - Columbia DSKB (2008): which SymCat symptom associations are corroborated in hospital discharge summaries
 *   (recorded per association as a second source; probabilities stay SymCat's).
 *
 * The artefact holds own concept ids and labels, derived numbers and short phrases; no description text is copied.
 * Run: `npm run build:open-world` (deterministic; rerun after editing the editorial tables).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  CLASSIC_FEATURES,
  EDITORIAL_CONDITIONS,
  ICD10_OVERRIDES,
  MUST_NOT_MISS_PREFIXES,
  PREVALENCE_OVERRIDES,
  SIGN_AND_LAB_FINDINGS,
  SIGN_ASSOCIATIONS,
  SYMPTOM_PHRASES,
  severityFor,
} from './open-world/editorial.js';
import { FEATURE_PACKS } from './open-world/features/index.js';

/** The editorial conditions and those of the feature packs. */
const ALL_EDITORIAL_CONDITIONS = [
  ...EDITORIAL_CONDITIONS,
  ...FEATURE_PACKS.flatMap((pack) => pack.conditions ?? []),
];

const DATA = process.env.HEALTHGPT_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data');
const K = join(DATA, 'knowledge');
const OUT = join(process.cwd(), 'models', 'open-world', 'knowledge.json');

interface SymcatCondition {
  condition_name: string;
  condition_slug: string;
  symptoms: Record<string, { slug: string; probability: number }>;
  age: Record<string, { odds: number }>;
  sex: Record<string, { odds: number }>;
}
interface SymcatSymptom {
  name: string;
  common_causes: Record<string, { name: string; probability: number }>;
}

const conditions = JSON.parse(readFileSync(join(K, 'symcat', 'conditions.json'), 'utf8')) as Record<
  string,
  SymcatCondition
>;
const symptoms = JSON.parse(readFileSync(join(K, 'symcat', 'symptoms.json'), 'utf8')) as Record<
  string,
  SymcatSymptom
>;

// ICD-10-CM: every code (2019) and category (2026) with its description.
const icdDescriptions = new Map<string, string>();
const categories2026 = new Set<string>();
for (const line of gunzipSync(readFileSync(join(K, 'icd10cm', 'icd10cm_2019_all_codes.tsv.gz')))
  .toString('utf8')
  .split('\n')
  .slice(1)) {
  const [code, , short, long] = line.split('\t');
  if (code) icdDescriptions.set(code, (long ?? short ?? '').toLowerCase());
}
for (const line of readFileSync(join(K, 'icd10cm', 'icd10cm-categories-April-1-2026.csv'), 'utf8')
  .split('\n')
  .slice(1)) {
  const match = /^([A-Z0-9]{3}),"?([^",]+)/.exec(line);
  if (!match) continue;
  categories2026.add(match[1]!);
  if (!icdDescriptions.has(match[1]!)) icdDescriptions.set(match[1]!, match[2]!.toLowerCase());
}
// Codes newer than the 2019 code file (U07.1 COVID-19, K76.82 hepatic encephalopathy) are checked against their
// 2026 category.
const NEWER_CODES = new Set(['U07.1', 'K76.82']);
const dotted = (code: string) => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code);
const undotted = (code: string) => code.replace('.', '');
const icdExists = (code: string) =>
  icdDescriptions.has(undotted(code)) || (NEWER_CODES.has(code) && categories2026.has(code.slice(0, 3)));

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const byDescription = new Map<string, string>();
for (const [code, description] of [...icdDescriptions].sort(
  (a, b) => a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1),
))
  if (!byDescription.has(norm(description))) byDescription.set(norm(description), code);

const badCodes = [
  ...Object.entries(ICD10_OVERRIDES).filter(([, code]) => !icdExists(code)),
  ...ALL_EDITORIAL_CONDITIONS.filter((e) => !icdExists(e.icd10)).map((e) => [e.id, e.icd10]),
];
if (badCodes.length > 0) {
  console.error(`ICD-10 codes not in ICD-10-CM: ${badCodes.map(([id, code]) => `${id} ${code}`).join(', ')}`);
  process.exit(1);
}

function icdFor(slug: string, name: string): { code: string; how: string } | undefined {
  const override = ICD10_OVERRIDES[slug];
  if (override) {
    if (!icdExists(override))
      throw new Error(`editorial ICD-10 code ${override} for ${slug} is not in ICD-10-CM`);
    return { code: override, how: 'editorial' };
  }
  for (const candidate of [norm(name), `${norm(name)} unspecified`]) {
    const code = byDescription.get(candidate);
    if (code) return { code: dotted(code), how: 'name-match' };
  }
  return undefined;
}

// Relative prevalence: x_c − y_s = ln P(c|s) − ln P(s|c) over the known pairs, Gauss–Seidel least squares.
const pairs: { c: string; s: string; r: number }[] = [];
for (const [s, symptom] of Object.entries(symptoms)) {
  for (const [causeSlug, cause] of Object.entries(symptom.common_causes ?? {})) {
    const c = causeSlug.replace(/^cause-/, '');
    const pSc = conditions[c]?.symptoms[s]?.probability;
    if (!pSc || !cause.probability) continue;
    pairs.push({ c, s, r: Math.log(cause.probability / 100) - Math.log(pSc / 100) });
  }
}
const x = new Map<string, number>();
const y = new Map<string, number>();
for (const { c, s } of pairs) {
  x.set(c, 0);
  y.set(s, 0);
}
for (let iteration = 0; iteration < 200; iteration++) {
  const sumX = new Map<string, [number, number]>();
  for (const { c, s, r } of pairs) {
    const acc = sumX.get(c) ?? [0, 0];
    sumX.set(c, [acc[0] + y.get(s)! + r, acc[1] + 1]);
  }
  for (const [c, [sum, n]] of sumX) x.set(c, sum / n);
  const sumY = new Map<string, [number, number]>();
  for (const { c, s, r } of pairs) {
    const acc = sumY.get(s) ?? [0, 0];
    sumY.set(s, [acc[0] + x.get(c)! - r, acc[1] + 1]);
  }
  for (const [s, [sum, n]] of sumY) y.set(s, sum / n);
}
const solved = [...x.values()].sort((a, b) => a - b);
const median = solved[Math.floor(solved.length / 2)]!;
const lowPrior = solved[Math.floor(solved.length * 0.1)]! - median;

// HPO layperson synonyms for symptom names.
const hpoLay = new Map<string, string[]>();
for (const line of readFileSync(join(K, 'hpo', 'layperson-synonyms_2026-08-14.tsv'), 'utf8')
  .split('\n')
  .slice(1)) {
  const cells = line.split('\t').map((cell) => cell.replace(/^"|"$/g, '').trim());
  const [, label, lay] = cells;
  if (!label || !lay) continue;
  for (const key of [label.toLowerCase(), lay.toLowerCase()]) {
    const list = hpoLay.get(key) ?? [];
    list.push(label.toLowerCase(), lay.toLowerCase());
    hpoLay.set(key, list);
  }
}

// Columbia DSKB: disease name → symptom names, for corroboration.
const columbia = new Map<string, Set<string>>();
for (const line of readFileSync(join(K, 'columbia_dskb', 'columbia_dskb_disease_symptom.tsv'), 'utf8')
  .split('\n')
  .slice(1)) {
  const cells = line.split('\t');
  if (cells.length < 6) continue;
  const disease = norm(cells[1]!);
  const set = columbia.get(disease) ?? new Set<string>();
  set.add(norm(cells[5]!));
  columbia.set(disease, set);
}

const ageBands = [
  'age-1-years',
  'age-1-4-years',
  'age-5-14-years',
  'age-15-29-years',
  'age-30-44-years',
  'age-45-59-years',
  'age-60-74-years',
  'age-75-years',
];
const round = (v: number, digits = 3) => Number(v.toFixed(digits));
const isMustNotMiss = (icd10: string) => MUST_NOT_MISS_PREFIXES.some((prefix) => icd10.startsWith(prefix));

interface Association {
  finding: string;
  p: number;
  sources: string[];
}
interface OutCondition {
  id: string;
  label: string;
  icd10: string;
  icd10Source: string;
  severity: number;
  mustNotMiss: boolean;
  logPrior: number;
  priorSource: string;
  ageOdds: number[];
  sexOdds: { male: number; female: number };
  findings: Association[];
}

const findingId = (slug: string) => `sx.${slug}`;
const usedSymptoms = new Set<string>();
const out: OutCondition[] = [];
const dropped: string[] = [];
for (const [slug, c] of Object.entries(conditions)) {
  const icd = icdFor(slug, c.condition_name);
  if (!icd) {
    dropped.push(c.condition_name);
    continue;
  }
  const colSymptoms = columbia.get(norm(c.condition_name));
  const findings: Association[] = Object.values(c.symptoms).map((s) => {
    usedSymptoms.add(s.slug);
    const sources = ['symcat'];
    const name = norm(symptoms[s.slug]?.name ?? s.slug);
    if (colSymptoms && [...colSymptoms].some((cs) => cs.includes(name) || name.includes(cs)))
      sources.push('columbia-dskb');
    return { finding: findingId(s.slug), p: round(s.probability / 100), sources };
  });
  const mustNotMiss = isMustNotMiss(icd.code);
  out.push({
    id: slug,
    label: c.condition_name.replace(/\s*\(([^)]*)\)\s*$/, (_, inner: string) =>
      inner.length <= 6 ? ` (${inner})` : ` (${inner})`,
    ),
    icd10: icd.code,
    icd10Source: icd.how,
    severity: severityFor(icd.code, mustNotMiss),
    mustNotMiss,
    logPrior: round(
      x.has(slug)
        ? x.get(slug)! - median
        : PREVALENCE_OVERRIDES[slug] !== undefined
          ? Math.log(PREVALENCE_OVERRIDES[slug]!)
          : lowPrior,
    ),
    priorSource: x.has(slug)
      ? 'symcat-derived'
      : PREVALENCE_OVERRIDES[slug] !== undefined
        ? 'editorial-prevalence'
        : 'symcat-unlisted-low',
    ageOdds: ageBands.map((band) => round(Math.max(0.05, c.age?.[band]?.odds ?? 1), 2)),
    sexOdds: {
      male: round(Math.max(0.02, c.sex?.['sex-male']?.odds ?? 1), 2),
      female: round(Math.max(0.02, c.sex?.['sex-female']?.odds ?? 1), 2),
    },
    findings,
  });
}
/**
 * A placeholder in the SymCat release: the same symptom list at the same frequency for several unrelated conditions
 * (e.g. rabies, lead poisoning and air embolism all "91 % eye pain, ankle pain, excessive anger, …"). Such a list
 * says nothing about any of them and floated them into every differential with fatigue or joint stiffness: it is
 * dropped, and a condition left with no finding at all is left out (it stays part of "something else").
 */
const symcatListKey = (c: OutCondition) =>
  c.findings
    .map((a) => a.finding)
    .sort()
    .join(' ');
// ICD-10 categories sharing each list: one condition split in two by the source (acute otitis media and otitis
// media, both H66) legitimately shares its list; unrelated categories do not.
const listCategories = new Map<string, Set<string>>();
for (const c of out) {
  const key = symcatListKey(c);
  if (!listCategories.has(key)) listCategories.set(key, new Set());
  listCategories.get(key)!.add(c.icd10.slice(0, 3));
}
const placeholderLists: string[] = [];
for (const c of out)
  if (c.findings.length > 0 && (listCategories.get(symcatListKey(c))?.size ?? 0) >= 2) {
    placeholderLists.push(c.id);
    c.findings = [];
  }
if (placeholderLists.length > 0)
  console.error(`SymCat placeholder symptom lists dropped: ${placeholderLists.join(', ')}`);
const known = new Set(out.map((c) => c.id));
for (const slug of Object.keys(PREVALENCE_OVERRIDES))
  if (!known.has(slug)) throw new Error(`prevalence override ${slug} names no condition`);
for (const e of ALL_EDITORIAL_CONDITIONS) {
  if (known.has(e.id)) throw new Error(`editorial condition ${e.id} duplicates a SymCat condition`);
  if (!icdExists(e.icd10)) throw new Error(`editorial ICD-10 code ${e.icd10} (${e.id}) is not in ICD-10-CM`);
  const mustNotMiss = isMustNotMiss(e.icd10);
  out.push({
    id: e.id,
    label: e.label,
    icd10: e.icd10,
    icd10Source: 'editorial',
    severity: severityFor(e.icd10, mustNotMiss),
    mustNotMiss,
    logPrior: round(Math.log(e.prevalence)),
    priorSource: 'editorial',
    ageOdds: [...e.ageOdds].map((v) => Math.max(0.01, v)),
    sexOdds: e.sexOdds ?? { male: 1, female: 1 },
    findings: Object.entries(e.findings).map(([f, p]) => {
      const id = f.includes('.') ? f : findingId(f);
      if (!f.includes('.')) usedSymptoms.add(f);
      return { finding: id, p, sources: ['editorial'] };
    }),
  });
  known.add(e.id);
}
const unknownAssociations: string[] = [];
const byId = new Map(out.map((c) => [c.id, c]));
for (const [finding, table] of Object.entries(SIGN_ASSOCIATIONS)) {
  for (const [conditionId, p] of Object.entries(table)) {
    const condition = byId.get(conditionId);
    if (!condition) {
      unknownAssociations.push(`${finding}→${conditionId}`);
      continue;
    }
    const existing = condition.findings.find((a) => a.finding === finding);
    if (existing) existing.p = Math.max(existing.p, p);
    else condition.findings.push({ finding, p, sources: ['editorial'] });
  }
}

const classicTables = [CLASSIC_FEATURES, ...FEATURE_PACKS.map((pack) => pack.classicFeatures ?? {})];
for (const [conditionId, table] of classicTables.flatMap((tables) => Object.entries(tables))) {
  const condition = byId.get(conditionId);
  if (!condition) {
    unknownAssociations.push(`classic:${conditionId}`);
    continue;
  }
  for (const [f, p] of Object.entries(table)) {
    const finding = f.includes('.') ? f : findingId(f);
    if (!f.includes('.')) usedSymptoms.add(f);
    const existing = condition.findings.find((a) => a.finding === finding);
    if (existing) {
      if (p > existing.p) {
        existing.p = p;
        if (!existing.sources.includes('editorial')) existing.sources.push('editorial');
      }
    } else condition.findings.push({ finding, p, sources: ['editorial'] });
  }
}

// Findings: SymCat symptoms (own ids; label = the common name; phrases = own table + HPO lay synonyms), and
// editorial signs and lab patterns.
interface OutFinding {
  id: string;
  label: string;
  kind: string;
  phrases: string[];
  sources: string[];
}
const VAGUE = /symptoms|^pain$|problems? with|disturbance|^abnormal|^irregular appearing|^feeling ill$/i;
// Signs and lab patterns first: a phrase two findings list names the first (the exam sign "neck stiffness", not
// SymCat's musculoskeletal "neck stiffness or tightness").
const packFindings = FEATURE_PACKS.flatMap((pack) => pack.findings ?? []);
const seenFindingIds = new Set<string>();
for (const f of SIGN_AND_LAB_FINDINGS) {
  if (seenFindingIds.has(f.id)) throw new Error(`editorial finding ${f.id} is defined twice`);
  seenFindingIds.add(f.id);
}
for (const f of packFindings) {
  if (seenFindingIds.has(f.id)) throw new Error(`feature pack finding ${f.id} is already defined`);
  seenFindingIds.add(f.id);
}
const editorialFindings = [...SIGN_AND_LAB_FINDINGS, ...packFindings];
const morePhrases = new Map<string, string[]>();
for (const pack of FEATURE_PACKS)
  for (const [id, phrases] of Object.entries(pack.findingPhrases ?? {})) {
    if (!seenFindingIds.has(id))
      throw new Error(`feature pack ${pack.name}: no finding ${id} to add phrases to`);
    morePhrases.set(id, [...(morePhrases.get(id) ?? []), ...phrases]);
  }
const findings: OutFinding[] = editorialFindings.map((f) => ({
  id: f.id,
  label: f.label,
  kind: f.kind,
  phrases: [...new Set([...f.phrases, ...(morePhrases.get(f.id) ?? [])])],
  sources: ['editorial'],
}));
for (const slug of [...usedSymptoms].sort()) {
  const name = symptoms[slug]?.name ?? slug.replace(/-/g, ' ');
  const phrases = new Set<string>([
    ...(SYMPTOM_PHRASES[slug] ?? []),
    ...FEATURE_PACKS.flatMap((pack) => pack.symptomPhrases?.[slug] ?? []),
  ]);
  const sources = ['symcat'];
  if (!VAGUE.test(name)) phrases.add(name.toLowerCase());
  const lay = hpoLay.get(name.toLowerCase());
  if (lay) {
    sources.push('hpo-layperson');
    for (const phrase of lay) if (phrase.split(' ').length <= 4 && !VAGUE.test(phrase)) phrases.add(phrase);
  }
  findings.push({ id: findingId(slug), label: name, kind: 'symptom', phrases: [...phrases].sort(), sources });
}
const findingIds = new Set(findings.map((f) => f.id));
for (const c of out)
  for (const a of c.findings)
    if (!findingIds.has(a.finding)) throw new Error(`condition ${c.id} names unknown finding ${a.finding}`);

const withoutFindings = out.filter((c) => c.findings.length === 0).map((c) => c.id);
for (const id of withoutFindings)
  out.splice(
    out.findIndex((c) => c.id === id),
    1,
  );
if (withoutFindings.length > 0)
  console.error(`left out, no finding known after the placeholder lists: ${withoutFindings.join(', ')}`);
out.sort((a, b) => (a.id < b.id ? -1 : 1));
const artefact = {
  version: '1.7.0',
  description:
    'Open-world condition space: conditions with ICD-10-CM codes, severity, must-not-miss flag, age/sex odds, a relative log prior, and P(finding | condition) with the source of each association. Built by scripts/build-open-world.ts.',
  sources: {
    symcat:
      'SymCAT symptom–condition statistics derived from CDC NAMCS/NHAMCS (via teliov/symcat-to-synthea)',
    'columbia-dskb': 'Columbia disease–symptom knowledge base (Wang et al. 2008): corroborating association',
    'hpo-layperson': 'Human Phenotype Ontology layperson synonyms (2026)',
    icd10cm: 'ICD-10-CM FY2019 codes and April 2026 categories (CDC/NCHS)',
    editorial: "The project's own clinical estimates and wording (scripts/open-world/editorial.ts)",
  },
  ageBands: ['<1', '1-4', '5-14', '15-29', '30-44', '45-59', '60-74', '75+'],
  findings,
  conditions: out,
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(artefact)}\n`);
console.log(
  `open-world knowledge: ${out.length} conditions (${out.filter((c) => c.mustNotMiss).length} must-not-miss, ${ALL_EDITORIAL_CONDITIONS.length} from the editorial tables and packs), ${findings.length} findings, ${out.reduce((n, c) => n + c.findings.length, 0)} associations; ${dropped.length} SymCat conditions dropped for want of a checked ICD-10 code; ${unknownAssociations.length} editorial associations name no condition: ${unknownAssociations.join(', ')}`,
);
if (process.argv.includes('--verbose')) console.log(`dropped: ${dropped.join('; ')}`);
