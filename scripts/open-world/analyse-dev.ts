/**
 * Error analysis on the TUNING half of avey_dev.jsonl (`isTuningCase`): for every case, the gold diagnosis and
 * triage beside what the text path gave, why a miss happened (gold condition absent from the knowledge; present
 * but ranked low; which findings were read), and the triage reasons. The held-out half is never read here.
 * Run: `npx tsx scripts/open-world/analyse-dev.ts [--misses] [--triage]` (writes to stdout).
 */
import { join } from 'node:path';
import { isTuningCase, matchesGold, readVignettes } from '../../src/diagnosis/eval/vignettes.js';
import { textDiagnoser } from '../../src/diagnosis/text/diagnose-text.js';

const DATA = process.env.HEALTHGPT_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data');
const rows = readVignettes(join(DATA, 'vignettes', 'avey_dev.jsonl')).filter((r) => isTuningCase(r.input.id));
const onlyMisses = process.argv.includes('--misses');
const onlyTriage = process.argv.includes('--triage');
const d = textDiagnoser();
const kb = d.knowledge;
const counts = { notInKb: 0, rankedLow: 0, top3: 0, triageWrong: 0 };
for (const { input, gold } of rows) {
  const r = d.diagnose({
    text: input.text,
    ...(input.age !== undefined ? { ageYears: input.age } : {}),
    ...(input.sex ? { sex: input.sex } : {}),
  });
  const rank = r.differential.findIndex((e) => matchesGold(e, gold));
  const inKb = kb.conditions.filter((c) => matchesGold({ name: c.label, icd10: c.icd10 }, gold));
  if (rank >= 0 && rank < 3) counts.top3++;
  else if (inKb.length === 0) counts.notInKb++;
  else counts.rankedLow++;
  const triageWrong = gold.triage !== undefined && gold.triage !== r.triage.level;
  if (triageWrong) counts.triageWrong++;
  if (onlyMisses && rank >= 0 && rank < 3) continue;
  if (onlyTriage && !triageWrong) continue;
  console.log(
    `\n## ${input.id} ${input.age ?? '?'}${input.sex?.[0] ?? ''} gold=${gold.diagnosis} [${gold.icd10?.join(',')}] rank=${rank} inKb=${inKb.map((c) => c.id).join(',') || 'NO'}  triage gold=${gold.triage} got=${r.triage.level}`,
  );
  console.log(
    `  top: ${r.differential
      .slice(0, 5)
      .map((e) => `${e.name} ${(e.probability * 100).toFixed(0)}%`)
      .join(' | ')} ; else ${(r.notCovered * 100).toFixed(0)}%`,
  );
  console.log(`  present: ${r.findings.present.join(' ')}`);
  console.log(`  absent: ${r.findings.absent.join(' ')}`);
  if (onlyTriage || triageWrong)
    console.log(`  triage reasons: ${r.triage.reasons.map((x) => `${x.level}:${x.ruleId}`).join(' ')}`);
  if (process.argv.includes('--text')) console.log(`  text: ${input.text.replace(/\n/g, ' / ')}`);
}
console.log(`\n${JSON.stringify(counts)} of ${rows.length}`);
