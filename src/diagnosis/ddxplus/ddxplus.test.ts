import { describe, expect, it } from 'vitest';
import { describeWithDataset } from '../../../test/datasets.js';
import { stratifiedSplit } from '../../ml/split.js';
import { parseCsv } from './csv.js';
import { parseDdxplusPatients, readDdxplusPatients, splitEvidence } from './patients.js';
import { parsePythonLiteral, parseStringList, parseWeightedList } from './python-literal.js';
import { readDdxplusSpec } from './release.js';

describe('python literals', () => {
  it('reads lists of strings and weighted pairs as repr() writes them', () => {
    expect(parseStringList("['E_48', 'E_54_@_V_161']")).toEqual(['E_48', 'E_54_@_V_161']);
    expect(parseWeightedList("[['URTI', 0.6], [\"Crohn's\", 0.4e0]]")).toEqual([
      ['URTI', 0.6],
      ["Crohn's", 0.4],
    ]);
    expect(parsePythonLiteral('[]')).toEqual([]);
    expect(parsePythonLiteral("['a\\'b']")).toEqual(["a'b"]);
  });
  it('rejects what is not a literal list', () => {
    expect(() => parseStringList("['E_48'")).toThrow(/python literal/);
    expect(() => parseStringList('[1, 2]')).toThrow(/list of strings/);
    expect(() => parseWeightedList("[['URTI']]")).toThrow(/name, probability/);
  });
});

describe('csv', () => {
  it('reads quoted fields with commas, doubled quotes and CRLF', () => {
    const { header, rows } = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n1,2\n');
    expect(header).toEqual(['a', 'b']);
    expect(rows).toEqual([
      { a: 'x, y', b: 'say "hi"' },
      { a: '1', b: '2' },
    ]);
  });
  it('names a ragged row', () => {
    expect(() => parseCsv('a,b\n1\n')).toThrow(/row 2/);
  });
});

describe('DDXPlus patients', () => {
  const header = 'AGE,DIFFERENTIAL_DIAGNOSIS,SEX,PATHOLOGY,EVIDENCES,INITIAL_EVIDENCE';
  it('parses a hand-made row', () => {
    const [patient] = parseDdxplusPatients(
      `${header}\n30,"[['URTI', 0.7], ['Influenza', 0.3]]",F,URTI,"['E_91', 'E_56_@_4']",E_91\n`,
    );
    expect(patient).toEqual({
      ageYears: 30,
      sex: 'F',
      pathology: 'URTI',
      evidences: ['E_91', 'E_56_@_4'],
      initialEvidence: 'E_91',
      differential: [
        ['URTI', 0.7],
        ['Influenza', 0.3],
      ],
    });
    expect(splitEvidence('E_56_@_4')).toEqual({ code: 'E_56', value: '4' });
  });
  it('names the line of a bad row', () => {
    expect(() => parseDdxplusPatients(`${header}\n200,"[]",F,URTI,"[]",E_91\n`)).toThrow(/line 2: AGE/);
    expect(() => parseDdxplusPatients('AGE,SEX\n1,F\n')).toThrow(/missing column/);
  });
});

describe('stratified split', () => {
  it('is deterministic and keeps each class share', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ i, label: i < 60 ? 'a' : 'b' }));
    const first = stratifiedSplit(items, (x) => x.label, 0.2, 6);
    const second = stratifiedSplit(items, (x) => x.label, 0.2, 6);
    expect(first.validation.map((x) => x.i)).toEqual(second.validation.map((x) => x.i));
    expect(first.validation.filter((x) => x.label === 'a')).toHaveLength(12);
    expect(first.validation.filter((x) => x.label === 'b')).toHaveLength(8);
    expect(first.train).toHaveLength(80);
    expect(stratifiedSplit(items, (x) => x.label, 0.2, 7).validation.map((x) => x.i)).not.toEqual(
      first.validation.map((x) => x.i),
    );
  });
});

describeWithDataset('DDXPlus release files', ['ddxplus', 'patients_dev.csv'], (csvPath) => {
  it('reads 2,000 patients and the 49 × 223 structure', () => {
    const patients = readDdxplusPatients(csvPath);
    expect(patients).toHaveLength(2000);
    const spec = readDdxplusSpec(csvPath.replace(/patients_dev\.csv$/, ''));
    expect(spec.conditions).toHaveLength(49);
    expect(spec.questions).toHaveLength(223);
    expect(spec.questions.filter((q) => q.type === 'multi')).toHaveLength(5);
    expect(spec.questions.find((q) => q.code === 'E_56')).toMatchObject({
      type: 'scale',
      parent: 'E_53',
      defaultValue: '0',
    });
  });
});
