import { describe, expect, it } from 'vitest';
import { loadOpenWorldKnowledge } from '../../knowledge/open-world.js';
import { careLevelFor, selfCareAnyCourse } from './care-level.js';

const level = (icd10: string, severity = 4, mustNotMiss = false) =>
  careLevelFor({ icd10, severity, mustNotMiss });

describe('careLevelFor: the care a condition calls for when it is the cause', () => {
  it('time-critical conditions are emergencies', () => {
    for (const code of [
      'I21.9',
      'I26.99',
      'I71.00',
      'A41.9',
      'G03.9',
      'K92.2',
      'E11.10',
      'O00.90',
      'K85.90',
      'J93.9',
      'D55.0',
    ])
      expect(level(code, 2, true), code).toBe('emergency');
  });

  it('infections and decompensations treated the same day are urgent, whatever their coarse severity', () => {
    for (const code of [
      'J18.9',
      'N10',
      'L03.90',
      'N73.9',
      'N61.0',
      'I50.9',
      'I48.91',
      'K57.92',
      'A60.00',
      'A38.9',
      'K04.7',
      // A suspected DVT: a scan within 4 hours or anticoagulation until one (NICE NG158), arranged the same day.
      'I82.409',
    ])
      expect(level(code, 4), code).toBe('urgent');
  });

  it('the most specific prefix wins (chronic pulmonary oedema, nose foreign body, acute leukaemia)', () => {
    expect(level('J81.1', 2, true)).toBe('urgent');
    expect(level('J81.0', 2, true)).toBe('emergency');
    expect(level('T17.1XXA', 2, true)).toBe('urgent');
    expect(level('T17.200A', 2, true)).toBe('emergency');
    expect(level('C95.90', 2, true)).toBe('urgent');
  });

  it('suspected cancer follows the two-week pathway: routine', () => {
    expect(level('C34.90', 2)).toBe('routine');
    expect(level('C67.9', 2)).toBe('routine');
  });

  it('otherwise the severity: 1 emergency, 2 or must-not-miss urgent, else routine', () => {
    expect(level('Z99.9', 1)).toBe('emergency');
    expect(level('Z99.9', 3, true)).toBe('urgent');
    expect(level('M19.90', 4)).toBe('routine');
  });

  it('self-care only for the self-limiting conditions managed at home, not for every mild grade', () => {
    for (const code of ['J00', 'J02.9', 'H10.9', 'B37.3', 'M77.10', 'L22', 'H66.90'])
      expect(level(code, 5), code).toBe('self-care');
    // Graded 5 by the knowledge base but chronic or needing a prescription: routine.
    for (const code of ['L40.9', 'L71.9', 'N76.0', 'K58.9', 'B35.1'])
      expect(level(code, 5), code).toBe('routine');
  });

  it('treated the day they present: symptomatic chlamydia and cystitis; food poisoning and blepharitis at home', () => {
    for (const code of ['A56.0', 'N30.0']) expect(level(code, 4), code).toBe('urgent');
    for (const code of ['A05.9', 'H01.009']) expect(level(code, 4), code).toBe('self-care');
  });

  it('a nosebleed, a knock to the head and primary period pain at home; a gangrenous toe, sudden deafness and a quinsy the same day', () => {
    for (const code of ['R04.0', 'S09.90XA', 'N94.6']) expect(level(code, 4), code).toBe('self-care');
    for (const code of ['E11.52', 'H91.20', 'J36']) expect(level(code, 4), code).toBe('urgent');
  });

  it('only chronic or recurring self-care conditions stay home care however long they last', () => {
    for (const code of ['H01.009', 'H10.10', 'J30.1']) expect(selfCareAnyCourse(code), code).toBe(true);
    for (const code of ['J00', 'M77.10', 'L22', 'K58.9']) expect(selfCareAnyCourse(code), code).toBe(false);
  });

  it('every must-not-miss condition of the knowledge needs at least same-day care', () => {
    const kb = loadOpenWorldKnowledge();
    const low = kb.conditions.filter(
      (c) => c.mustNotMiss && !['urgent', 'emergency'].includes(careLevelFor(c)),
    );
    expect(low.map((c) => c.id)).toEqual([]);
  });
});
