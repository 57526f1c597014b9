import { describe, expect, it } from 'vitest';
import type { Finding } from '../clinical/finding.js';
import { assessTriage } from './assess.js';

/** Red flags that lift a same-day picture to emergency care when the published admission criteria are met. */
const present = (conceptId: string): Finding => ({ conceptId, status: 'present' });
const rules = (r: ReturnType<typeof assessTriage>) => r.reasons.map((x) => x.ruleId);
const female = (ageYears: number) => ({ ageYears, sex: 'female' as const });

describe('red flags for admission', () => {
  it('a tender, swollen leg in pregnancy or after a birth is an emergency; after a long flight it is same-day', () => {
    const leg = present('sign.unilateral-leg-swelling');
    const postnatal = assessTriage({
      patient: female(30),
      findings: [leg, present('sign.postpartum-breastfeeding')],
    });
    expect(rules(postnatal)).toContain('red-flag.dvt-pregnancy');
    expect(postnatal.level).toBe('emergency');
    const pregnant = assessTriage({ patient: female(30), findings: [leg, present('history.pregnancy')] });
    expect(pregnant.level).toBe('emergency');
    const flight = assessTriage({ patient: female(30), findings: [leg, present('sign.long-journey')] });
    expect(rules(flight)).not.toContain('red-flag.dvt-pregnancy');
    expect(flight.level).toBe('urgent');
  });

  it('pelvic pain with fever, vomiting and a pelvic sign is an emergency; without the vomiting it is same-day', () => {
    const base = [present('sx.fever'), present('sx.lower-abdominal-pain'), present('sx.vaginal-discharge')];
    const vomiting = assessTriage({ patient: female(22), findings: [...base, present('sx.vomiting')] });
    expect(rules(vomiting)).toContain('red-flag.pelvic-infection-systemic');
    expect(vomiting.level).toBe('emergency');
    const noVomiting = assessTriage({ patient: female(22), findings: base });
    expect(rules(noVomiting)).not.toContain('red-flag.pelvic-infection-systemic');
    expect(noVomiting.level).toBe('urgent');
    // A pelvic sign is needed: fever, vomiting and lower abdominal pain alone are not this rule's.
    const noPelvicSign = assessTriage({
      patient: female(22),
      findings: [present('sx.fever'), present('sx.lower-abdominal-pain'), present('sx.vomiting')],
    });
    expect(rules(noPelvicSign)).not.toContain('red-flag.pelvic-infection-systemic');
  });

  it('fever and abdominal pain with known gallstones or a bile-duct procedure is suspected cholangitis (TG18)', () => {
    const feverPain = [present('sx.fever'), present('sx.chills'), present('sx.sharp-abdominal-pain')];
    const known = assessTriage({
      patient: { ageYears: 60 },
      findings: [...feverPain, present('sign.biliary-history')],
    });
    expect(rules(known)).toContain('red-flag.cholangitis');
    expect(known.level).toBe('emergency');
    expect(rules(assessTriage({ patient: { ageYears: 60 }, findings: feverPain }))).not.toContain(
      'red-flag.cholangitis',
    );
  });
});
