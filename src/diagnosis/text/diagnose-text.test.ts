import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startTestServer } from '../../../test/server-harness.js';
import { HealthGptError } from '../../engine/errors.js';
import { diagnosisCapability } from '../capability.js';
import { ddxEngine } from '../ddx-engine.js';
import {
  evaluateVignettes,
  isTuningCase,
  matchesGold,
  type VignetteCase,
  vignetteMetrics,
} from '../eval/vignettes.js';
import { DdxInputError } from '../kb-bridge.js';
import {
  earnedByEvidence,
  englishShare,
  MAX_VIGNETTE_CHARS,
  MIN_ENGLISH_SHARE,
  type TextDiagnoser,
  textDiagnoser,
} from './diagnose-text.js';

const CROUP = '3 year old boy with fever, a barking cough and noisy breathing (stridor) since last night.';
const PNEUMONIA = `62 year old man. Cough for 5 days with green sputum, fever and chills, short of breath on walking.
Sharp chest pain when breathing in. No leg swelling. Ex-smoker.`;

describe('text → differential and triage', () => {
  const diagnoser = textDiagnoser();

  it('ranks a typical presentation with ICD-10 codes, supporting findings and a "not covered" share', () => {
    const result = diagnoser.diagnose({ text: CROUP, ageYears: 3, sex: 'male' });
    expect(result.abstained).toBe(false);
    expect(result.differential.length).toBeGreaterThan(0);
    expect(result.differential.length).toBeLessThanOrEqual(10);
    expect(result.differential.slice(0, 3).map((e) => e.icd10.slice(0, 3))).toContain('J05');
    expect(result.differential[0]!.supportingFindings).toBeGreaterThanOrEqual(2);
    for (const e of result.differential) expect(e.icd10).toMatch(/^[A-Z]\d{2}/);
    const total = result.differential.reduce((sum, e) => sum + e.probability, 0) + result.notCovered;
    expect(total).toBeLessThanOrEqual(1 + 1e-9);
    expect(result.notCovered).toBeGreaterThan(0);
    expect(['emergency', 'urgent']).toContain(result.triage.level);
  });

  it('puts pneumonia in the top 3 of a pneumonia story without reaching certainty', () => {
    const result = diagnoser.diagnose({ text: PNEUMONIA, ageYears: 62, sex: 'male' });
    const rank = result.differential.findIndex((e) => e.icd10.startsWith('J18'));
    expect(rank).toBeGreaterThanOrEqual(0);
    expect(rank).toBeLessThan(3);
    expect(result.differential[0]!.probability).toBeLessThan(0.9);
  });

  it('ranks pneumonia first for cough, fever 38.6, green sputum and breathlessness in an ex-smoker (issue 11 case)', () => {
    // Before: COPD exacerbation 35 %, pneumonia 2 % — "ex-smoker" and "on exertion" counted as 1-in-200 evidence
    // against every condition the editorial tables did not link to them, and green sputum did not count as sputum.
    const result = diagnoser.diagnose({
      text: '62-year-old man, cough for 5 days, fever 38.6, green sputum, breathlessness on exertion, ex-smoker',
      ageYears: 62,
      sex: 'male',
    });
    const top = result.differential[0]!;
    expect(top.icd10.slice(0, 3)).toMatch(/^J1[2-8]$/);
    const copd = result.differential.find((e) => e.icd10.startsWith('J44'));
    expect(copd === undefined || copd.probability < top.probability / 2).toBe(true);
    expect(top.probability).toBeLessThan(0.9);
    expect(['urgent', 'emergency']).toContain(result.triage.level);
  });

  it('gives no ranked list from age and sex alone: it asks for the complaint', () => {
    const result = diagnoser.diagnose({ text: '45 year old man, here today.', ageYears: 45, sex: 'male' });
    expect(result.abstained).toBe(true);
    expect(result.abstainReason).toBe('no-findings');
    expect(result.differential).toEqual([]);
    expect(result.message).toMatch(/chief complaint/);
  });

  it('keeps a differential from one thin finding flat', () => {
    const result = diagnoser.diagnose({ text: 'Cough.', ageYears: 40, sex: 'female' });
    expect(result.abstained).toBe(false);
    expect(result.differential[0]!.probability).toBeLessThan(0.5);
    expect(result.differential[0]!.supportingFindings).toBe(1);
  });

  it('caps the named conditions at n / (n + k) of the mass; the rest is "not covered"', () => {
    const entry = {
      conditionId: 'x',
      label: 'X',
      icd10: 'A00',
      probability: 0.95,
      severity: 3,
      mustNotMiss: false,
      supportingFindings: 1,
      sources: ['open-world' as const],
    };
    const capped = earnedByEvidence({ entries: [entry], somethingElse: 0.05, ddxGate: 0 }, 1, 6);
    expect(capped.entries[0]!.probability).toBeCloseTo((1 / 7) * (0.95 / 0.95), 6);
    expect(capped.somethingElse).toBeCloseTo(6 / 7, 6);
    const enough = earnedByEvidence(
      { entries: [{ ...entry, probability: 0.3 }], somethingElse: 0.7, ddxGate: 0 },
      12,
      6,
    );
    expect(enough.entries[0]!.probability).toBe(0.3);
  });

  it('refuses empty text with an invalid-input error', () => {
    expect(() => diagnoser.diagnose({ text: '   ' })).toThrow(HealthGptError);
    try {
      diagnoser.diagnose({ text: '' });
    } catch (error) {
      expect((error as HealthGptError).code).toBe('invalid');
    }
  });

  it('refuses 200,000 characters as too large, without reading them', () => {
    const text = 'cough and fever. '.repeat(12_000).slice(0, 200_000);
    expect(text.length).toBe(200_000);
    let code: string | undefined;
    try {
      diagnoser.diagnose({ text });
    } catch (error) {
      code = (error as HealthGptError).code;
    }
    expect(code).toBe('too-large');
    expect(MAX_VIGNETTE_CHARS).toBeLessThan(200_000);
  });

  it('says "not enough to go on" for text in another language', () => {
    for (const text of [
      'Le patient a de la fièvre depuis trois jours et il tousse beaucoup, surtout la nuit.',
      '患者发烧三天，咳嗽严重，夜间加重。',
    ]) {
      const result = diagnoser.diagnose({ text, ageYears: 40 });
      expect(result.abstained, text).toBe(true);
      expect(result.differential).toEqual([]);
      expect(result.message).toMatch(/not enough to go on/);
    }
    expect(englishShare('Le patient a de la fièvre')).toBeLessThan(MIN_ENGLISH_SHARE);
    expect(englishShare('He has had a cough for three days')).toBe(1);
    // A teenager's text and a nurse's shorthand have few English function words, and none of another language.
    expect(englishShare('cant breathe properly. used my blue inhaler like 10 times its not working')).toBe(1);
    expect(englishShare('Pt c/o rigors, L flank pain & dysuria x3/7. PMH: T2DM, HTN. Obs: HR 124')).toBe(1);
  });

  it('reads symptomatic hyperglycaemia in lay words as diabetes (thirst, passing a lot of urine, weight loss)', () => {
    const result = diagnoser.diagnose({
      text: 'I am always thirsty, peeing a lot and tired, and I have lost some weight. 52 year old man.',
    });
    expect(result.differential[0]?.name).toBe('Diabetes');
  });

  it.each([
    ["Chest feels tight and I can't catch my breath, lips going blue, 67 year old with COPD.", 'emergency'],
    // A suspected DVT needs a scan within 4 hours (NICE NG158), arranged the same day (care-level.ts).
    ['Swollen painful left calf for 3 days after a long flight, 50 year old woman on the pill.', 'urgent'],
    ["I'm 80 and I fell at home this morning, now my hip hurts and I can't walk.", 'emergency'],
    // A quinsy with no trouble swallowing or breathing: ENT the same day (NHS Quinsy; NICE CKS Sore throat).
    ["I'm 30, my throat is very sore, I can't open my mouth properly and my voice sounds muffled.", 'urgent'],
    ['Lump in my breast that I found last week, 45 year old woman.', 'routine'],
    ["I'm 6 weeks pregnant and have vaginal bleeding with bad cramps, passing clots.", 'emergency'],
    // Fewer movements: the maternity unit the same day (RCOG Green-top 57); with bleeding, emergency (below).
    ["I'm 32 weeks pregnant and my baby is moving less than usual since yesterday.", 'urgent'],
    ["I'm 32 weeks pregnant, bleeding from down below and the baby is moving less than usual.", 'emergency'],
    ['Bee sting 10 minutes ago and now my face is swelling and I feel faint.', 'emergency'],
    ['My toddler swallowed a button battery about 30 minutes ago.', 'emergency'],
    [
      'A shadow like a curtain coming over my vision in my left eye since this morning, 58 year old.',
      'urgent',
    ],
    ["I'm 60 and my left leg is cold, pale and very painful since an hour ago.", 'emergency'],
    // With fever: suspected septic arthritis, admitted immediately (NICE CKS); without, a same-day assessment.
    [
      'My knee is swollen, hot and very painful since yesterday and I have a fever, 70 year old.',
      'emergency',
    ],
    ['My knee is swollen, hot and very painful since yesterday, 70 year old.', 'urgent'],
    [
      '72 year old woman, for two weeks a new headache over the temples and pain in her jaw when chewing.',
      'urgent',
    ],
    [
      '72 year old woman, new headache over the temples, jaw pain when chewing, and yesterday she lost vision in one eye.',
      'emergency',
    ],
    [
      'Sudden sharp pain in the right side of my chest and I am short of breath, 20 year old man.',
      'emergency',
    ],
    // Stable exertional pain for a month: an appointment at a chest pain clinic, not hospital today (NICE CG95).
    [
      'For a month, tightness in my chest when I walk uphill that settles with rest within minutes, 58 year old man.',
      'routine',
    ],
    ['Sudden painless loss of vision in my right eye an hour ago, 70 year old.', 'emergency'],
    [
      'My right eyelid is swollen and red, the eye is bulging and it hurts to move my eye, with a fever.',
      'emergency',
    ],
    [
      'A small cut on my leg two days ago, now pain out of proportion, dusky swelling and fever, 40 year old.',
      'emergency',
    ],
    [
      'My 9 month old has bouts of screaming, drawing his legs up, vomiting, and a stool like redcurrant jelly.',
      'emergency',
    ],
    ['I fainted without warning while walking and my pulse is very slow, 70 year old.', 'emergency'],
    [
      "I'm 34 weeks pregnant with a bad headache, flashing lights in my eyes and pain under my right ribs.",
      'emergency',
    ],
    [
      'Woke up severely breathless, coughing pink frothy sputum, 75 year old with heart failure.',
      'emergency',
    ],
    [
      'Fever and headache since this morning, and spots on her legs that do not fade when pressed with a glass, 20 year old.',
      'emergency',
    ],
    ['My 10 month old baby has vomited green bile three times and is very sleepy.', 'emergency'],
    [
      'Over three days tingling in my feet and weakness of both legs climbing upwards, 38 year old man.',
      'emergency',
    ],
    ['We all have headaches and feel sick at home, we have a faulty gas boiler, 40 year old.', 'emergency'],
    [
      'My blood pressure at the pharmacy was 220/130 and I have a headache and blurred vision, 58 year old.',
      'emergency',
    ],
    ['My 6 year old is limping since this morning and refuses to put weight on his leg.', 'urgent'],
    [
      'I had a caesarean 3 weeks ago and suddenly I am breathless with pain in my right calf, 28 year old.',
      'emergency',
    ],
    ['Back pain and fevers for two weeks, I inject drugs, 40 year old man.', 'emergency'],
    ['High fever with chills since I returned from Nigeria 10 days ago, 33 year old.', 'urgent'],
    [
      'Pain around my belly button since last night that has moved to the right lower abdomen, 20 year old.',
      'emergency',
    ],
    ['My nosebleed will not stop despite pinching for 30 minutes and I feel faint.', 'emergency'],
    ['I was stabbed in the chest 20 minutes ago and I am short of breath.', 'emergency'],
    // A facial palsy that takes in the forehead, with nothing else, is a Bell's palsy: same day, not a stroke.
    [
      'Since this morning the right side of my mouth droops, I cannot close my right eye and my forehead does not wrinkle on the right, 38 year old.',
      'urgent',
    ],
    [
      'Since this morning the right side of my face droops and my right arm is weak, 70 year old.',
      'emergency',
    ],
    [
      'A painless sore on the sole of my foot for three weeks that is not healing; I have had diabetes for 15 years.',
      'urgent',
    ],
    [
      'My 13 month old has a fever, is very irritable, vomiting, and the soft spot on her head is bulging.',
      'emergency',
    ],
    [
      'Fever and a painful rash with blisters and skin peeling off, and mouth sores, after starting a new tablet two weeks ago.',
      'emergency',
    ],
    ['After a house fire last night I have a hoarse voice, black sputum and I am breathless.', 'emergency'],
    ['Headache for three weeks, worse in the mornings, and now I am vomiting, 32 year old.', 'urgent'],
    // A stabbing pain is not a stab wound (the phrase index matches stems).
    ['Brief stabbing pain under my left nipple for seconds, a few times this week, 19 year old.', 'routine'],
    [
      'Stabbed in the right side of the chest 20 minutes ago, now very short of breath, 27 year old.',
      'emergency',
    ],
    // Burning hands are a symptom, not a burn.
    [
      'Itching all over after a hot bath for a year, and my fingers and toes sometimes burn and go red, 67 year old.',
      'routine',
    ],
    // Suicidal thoughts without a plan: a same-day assessment; with a plan or preparations: help now.
    [
      'He says everyone would be better off without him, but he has made no plans and would not do it because of his children, 38 year old.',
      'urgent',
    ],
    [
      'She has been saving up tablets and wrote goodbye letters last night; she plans to take them this weekend, 29 year old.',
      'emergency',
    ],
    // Pain on moving the eye in a white eye without fever is optic neuritis's story (same day), not orbital cellulitis.
    [
      'Over three days the vision in my right eye has gone blurry and it hurts to move the eye; no red eye, no fever, 31 year old.',
      'urgent',
    ],
    [
      'My 6 year old has a red swollen eyelid, fever, and it hurts to move the eye since yesterday.',
      'emergency',
    ],
    // A bladder that never empties, with constant dribbling: chronic retention, same day.
    [
      'For two weeks he has been constantly dribbling urine day and night and his bladder never empties, 81 year old man.',
      'urgent',
    ],
    // Sudden back pain on long-term steroids: a collapsed vertebra until shown otherwise.
    [
      'Sudden pain in the middle of my back two days ago when lifting; I have been on prednisolone for 5 years for COPD, 67 year old.',
      'urgent',
    ],
    // A swelling tongue, or swollen lips with trouble swallowing, threatens the airway (NHS.uk Angioedema); a lip
    // swollen by a cold sore does not.
    [
      'Woke an hour ago with his tongue swelling up and he sounds muffled; he takes ramipril, 61 year old.',
      'emergency',
    ],
    [
      'Her lip swelled up this morning and now she finds it hard to swallow, no rash, 45 year old.',
      'emergency',
    ],
    [
      'Swollen lips around a cold sore since Monday, no trouble swallowing or breathing, 30 year old.',
      'self-care',
    ],
    // A blistered scald larger than the palm goes to the emergency department; one small blister is same-day care.
    [
      'Boiling water from the kettle spilled over his arm an hour ago, big blisters over an area larger than his hand, 4 year old.',
      'emergency',
    ],
    ['Burnt himself on the oven door this morning, one small blister on a finger, 30 year old.', 'urgent'],
    // A cold going round the family stays home care: others ill is an exposure, not a complaint.
    [
      'Runny nose, sneezing and a sore throat for 2 days; the rest of the family have similar symptoms, 30 year old.',
      'self-care',
    ],
    // A child with unexplained bruising or bleeding and tiredness or fever: a blood count within 48 hours (NICE NG12).
    ['Tired and pale for three weeks, nosebleeds and bruises easily, 4 year old girl.', 'urgent'],
    // Double vision with a swollen lid and fever: orbital cellulitis.
    [
      'My 7 year old has a swollen eyelid he cannot open, a fever, and since today he sees two of everything.',
      'emergency',
    ],
    // Six weeks of headache with vomiting and a change of personality: raised pressure, same day.
    [
      'Six weeks of headaches, vomiting some mornings, and her husband says her personality has changed, 58 year old.',
      'urgent',
    ],
    // A year of slowly weaker legs, with no sudden start, is a routine referral, not a same-day deficit.
    [
      'Over about a year her legs have become weak and she finds it hard to climb stairs, 41 year old.',
      'routine',
    ],
    // "Electric-shock pains" are a character of pain, not shock.
    [
      'For three months sudden electric-shock pains in my right cheek lasting seconds, set off by chewing, 62 year old.',
      'routine',
    ],
    // A stroke told by the person who saw it, or in everyday words (clinical spot-check, eleventh stop): the
    // observer's words are the patient's findings, and trouble speaking with a weak arm is FAST's speech and arm.
    ['Wife noticed his face is drooping and his speech is slurred.', 'emergency'],
    ["Son noticed his father's speech was slurred and his face drooped this morning.", 'emergency'],
    ["Daughter found him on the floor this morning, confused, can't move his right arm.", 'emergency'],
    ["My husband's face has dropped on one side and he can't lift his arm.", 'emergency'],
    [
      'Sudden weakness of the right arm and leg and trouble speaking since 9am, 74 year old man.',
      'emergency',
    ],
    ["65-year-old woman, since lunchtime can't lift her left arm and her words are jumbled.", 'emergency'],
    // Both arms stiff and hard to lift for weeks is polymyalgia's story, not a stroke.
    [
      'For six weeks painful stiffness in both shoulders and hips, worst in the morning; she cannot lift her arms to do her hair, 72 year old woman.',
      'routine',
    ],
    [
      'Mum noticed that her 8 year old son has a rash on his legs that does not fade with a glass and a fever.',
      'emergency',
    ],
    // A caller speaking for an adult relative (second clinical spot-check): the relative is the patient.
    [
      'my dad woke up and his face looks droopy on one side and hes slurring his words, cant lift his left arm',
      'emergency',
    ],
    [
      'my husband is diabetic on insulin, hes sweaty, shaking and talking nonsense, wont wake up properly',
      'emergency',
    ],
    ['my wife has crushing chest pain and is sweating', 'emergency'],
    ['my husband collapsed and isnt responding', 'emergency'],
    // A treatment that fails is no denial of what follows.
    ['blue inhaler not working, struggling to breathe', 'emergency'],
    // Lay words for bleeding, a late period and shoulder-tip pain; an infant grunting.
    [
      'pt on warfarin c/o passing large amounts of fresh red blood PR x3 today, pale and lightheaded',
      'emergency',
    ],
    // A lot of blood from the back passage: A&E (NHS.uk Bleeding from the bottom), since stop 32.
    ['bleeding from my bottom, lots of bright red blood', 'emergency'],
    ['my period is 2 weeks late and i have bad pain in my lower tummy', 'emergency'],
    [
      '4 month old with a cold for 3 days, now breathing really fast, grunting, only taking half her usual feeds',
      'emergency',
    ],
    ['coughed up a bit of blood this morning, 45 year old', 'urgent'],
    // Dissection told as a tearing pain through to the back; a heart attack without chest pain (NICE CG95); a
    // sting with a tight throat (RCUK 2021); a red-hot big toe too tender for the sheet (a hot joint, same day).
    [
      'sudden tearing pain in my chest going through to my back between the shoulder blades, worst pain ever',
      'emergency',
    ],
    ['pain in my jaw and left arm and feel sick and sweaty, 58 year old man', 'emergency'],
    ['stung by a wasp 10 mins ago, throat feels tight and cant swallow, hives everywhere', 'emergency'],
    [
      'woke up with my big toe red hot and swollen, so painful i cant bear the sheet on it, 55 year old man',
      'urgent',
    ],
    // A TIA told as a "funny turn": the speech that "went weird" is the deficit, now resolved (same day).
    [
      'had a funny turn this morning, my right hand and arm went numb and my speech went weird for about 15 mins, back to normal now, 66 year old man',
      'urgent',
    ],
    // A twisted ankle one can walk on is a sprain looked after at home (Ottawa rules: no X-ray), not a same-day
    // fracture or head injury.
    [
      "Twisted my right ankle playing football yesterday, it's swollen on the outside but I can walk on it.",
      'self-care',
    ],
    // Lips and tongue swelling after a food: the airway (angioedema), not only a rash.
    [
      '22-year-old woman ate peanuts 10 minutes ago, now her lips and tongue are swelling, she is wheezy and has hives all over.',
      'emergency',
    ],
    // Early pregnancy with the weeks written: cramps and spotting go to the early pregnancy unit the same day;
    // heavy bleeding, one-sided pain or dizziness, or weeks not known (an ectopic not excluded), emergency care.
    [
      'She is 8 weeks pregnant and since this morning has light spotting with mild period-like cramps, 29 year old.',
      'urgent',
    ],
    [
      'She is 8 weeks pregnant and since this morning is bleeding heavily, soaking a pad every hour, and feels dizzy, 29 year old.',
      'emergency',
    ],
    [
      'Pregnancy test positive, light spotting and cramps low in my tummy since this morning, 29 year old.',
      'emergency',
    ],
    // From 20 weeks a urine infection in pregnancy is not an early pregnancy emergency.
    [
      'She is 30 weeks pregnant with stinging when she passes urine and going more often for 2 days, some discomfort above the pubic bone, 29 year old.',
      'urgent',
    ],
    // Renal colic under 60 without fever: same day; with fever, or from 60 (a leaking aneurysm), emergency care.
    [
      'Sudden severe pain in my right side that comes in waves and goes down into my groin since 4 hours, I cannot keep still, my wee is pink, 38 year old man.',
      'urgent',
    ],
    [
      'Sudden severe pain in my right side that comes in waves and goes down into my groin since 4 hours, I cannot keep still, fever and shivering, 38 year old man.',
      'emergency',
    ],
    [
      'Sudden severe pain in my left side going down into my groin since this morning, 68 year old man.',
      'emergency',
    ],
    // Gout: a hot swollen toe joint in agony, no fever, is same-day care (a septic joint with fever is an emergency).
    [
      'Woke at 3am with agony in my big toe joint, it is red, hot and swollen since last night, no fever, 55 year old man.',
      'urgent',
    ],
    // "Coughing fits" and "light fittings" are not seizures; jerking limbs with the eyes rolled back are.
    [
      'For three weeks she has had coughing fits until she cannot catch her breath, then a whoop; between fits she feels fine, 40 year old.',
      'routine',
    ],
    [
      'He believes the neighbours are putting cameras in the light fittings and hears voices through the walls for three weeks, 21 year old.',
      'urgent',
    ],
    [
      'About 20 minutes ago she went stiff, her eyes rolled back and her arms and legs were jerking for two minutes; temperature since this morning, 20 month old.',
      'emergency',
    ],
    // Absence spells noticed for months go to the specialist within two weeks, not to the emergency department.
    [
      'For two months she keeps switching off in class for a few seconds, staring blankly and not responding, many times a day, 7 year old.',
      'routine',
    ],
    // A tearing pain on opening the bowels is a fissure's, not an aortic dissection's.
    [
      'For three weeks, every time she opens her bowels she gets a sharp tearing pain like passing glass, with streaks of bright red blood on the paper; constipated since starting iron tablets, 30 year old.',
      'routine',
    ],
    // A limp with fever in a child: septic arthritis until shown otherwise.
    [
      'Since yesterday my 4 year old refuses to walk and cries when his right leg is moved, with a high temperature of 39.2.',
      'emergency',
    ],
    [
      'She admits taking about 32 paracetamol tablets six hours ago after a row, feels a bit sick, 19 year old.',
      'emergency',
    ],
    [
      'Since yesterday crampy pains across her tummy, her tummy has blown up like a balloon, vomited many times, she has not had a poo or passed wind for two days, 72 year old.',
      'emergency',
    ],
    // "And she" ends a flatmate's scope: the overdose is the patient's.
    [
      'Her flatmate found empty packets in her room and she admits taking about 32 paracetamol tablets last night, feels a bit queasy, 19 year old.',
      'emergency',
    ],
    [
      'About three hours ago his right leg suddenly went very painful from the knee down; the foot looks white and mottled and feels ice cold, 74 year old.',
      'emergency',
    ],
    [
      'Since Sunday her tummy has got bigger and tighter with cramps in waves, she keeps bringing up brown-green fluid and has not opened her bowels or passed wind for two days, 68 year old.',
      'emergency',
    ],
    [
      'He and his wife both have thumping headaches and feel sick and dizzy, worse in the evenings, since they started using the old gas fire last week, 52 year old.',
      'emergency',
    ],
    [
      'Two days ago a red patch on his shin near a scratch; it is spreading, hot, swollen and sore and he feels shivery, 58 year old.',
      'urgent',
    ],
    // Won't wake up, slow snoring breathing after drinking: emergency. "Yellow-green stuff" from the penis is a
    // discharge, not green vomit. A tearing pain of weeks on opening the bowels is not a dissection, even with a
    // bad back. Punched-out sores spreading over eczema: same day. A sprain a child still walks on: home care.
    [
      "Her friends rang from a party: she drank most of a bottle of vodka an hour ago, was sick, and now won't wake up properly when they shout at her; her breathing is slow and snoring, 15 year old.",
      'emergency',
    ],
    // Since stop 33 "it stings when he pees" is read: a symptomatic urethritis is treated at the first visit, seen
    // within 48 hours (BASHH 2015; care-level.ts sends chlamydia and gonorrhoea to same-day care).
    [
      "Since Thursday it stings when he pees and there's thick yellow-green stuff coming from the end of his penis; unprotected sex a week ago, 23 year old.",
      'urgent',
    ],
    [
      'For 3 weeks a sharp tearing pain when she opens her bowels, like passing glass, with bright red blood on the paper; constipated since starting codeine for her back, 30 year old.',
      'routine',
    ],
    [
      'She has bad eczema, and over two days lots of little punched-out sores have spread over her face and neck; she has a temperature and is off her food, 3 year old.',
      'urgent',
    ],
    [
      'She went over on her ankle at netball yesterday; it is swollen and bruised but she can put weight on it with a limp, 14 year old.',
      'self-care',
    ],
    // A chemical in the eye; a fracture with cold fingers; a white, cold leg; a baby under 3 months with a
    // thermometer reading of 38.3 and grunting; psychosis in the days after a birth.
    [
      "He was unblocking a drain 15 minutes ago and drain cleaner splashed into his right eye; it stings like mad and he can't open it, 34 year old.",
      'emergency',
    ],
    [
      "She fell off the trampoline onto her outstretched hand an hour ago and her elbow has swelled up hugely. She won't move her arm at all. Her mum says her fingers feel a bit cold and tingly. 6 year old.",
      'emergency',
    ],
    [
      'About three hours ago his right leg suddenly became really painful and it has gone white and cold from the knee down; his foot feels numb, 70 year old.',
      'emergency',
    ],
    [
      'Since this afternoon she has only taken half a bottle and keeps falling asleep; she makes a grunting noise with each breath and her skin looks blotchy. The thermometer said 38.3. 4 week old.',
      'emergency',
    ],
    [
      '31 year old woman.\nChief complaints: Not sleeping, Strange behaviour, Hearing voices\nHer husband says the baby was born 9 days ago. For 3 days she has barely slept, talks very fast and hears voices in the walls.',
      'emergency',
    ],
    // A tight chest with wheeze in asthma is bronchospasm, not a heart attack.
    [
      'My asthma has gone wild with a cold for three days, wheezing and a tight chest, blue inhaler helps a little, 31 year old.',
      'urgent',
    ],
    [
      'I fainted with bad lower tummy pain and shoulder tip pain, my period is two weeks late, 22 year old.',
      'emergency',
    ],
    [
      'He crushed his forearm under a machine, now the forearm is tense and tingling with pain despite painkillers.',
      'emergency',
    ],
    ["I'm 28 weeks pregnant with burning when I pee and going often for two days.", 'urgent'],
    ['Since yesterday double vision and a bad headache with neck pain, 26 year old.', 'emergency'],
    ['My 4 year old has small purple spots and bruises on her legs after a cold last week.', 'emergency'],
    // "Fitted" is not a fit (no seizure emergency); pelvic infection after a coil is seen the same day.
    ['She had an IUD fitted three weeks ago and now has lower abdominal pain and a new discharge.', 'urgent'],
    [
      'I drink a bottle of vodka a day and stopped drinking two days ago, now I am shaking and seeing insects on the wall.',
      'emergency',
    ],
    // Reproduced by pressing, begun with lifting, at 30 with nothing else: a strained chest wall (NICE CKS Chest
    // pain), looked after at home; the same pain with breathlessness or sweating stays urgent (below).
    [
      'Sharp pain on the left of my chest since yesterday, worse when pressing on the chest wall, after lifting furniture, 30 year old.',
      'self-care',
    ],
    [
      'Sharp pain on the left of my chest since yesterday, worse when pressing on the chest wall, after lifting furniture, and I am short of breath, 30 year old.',
      'urgent',
    ],
    [
      'Red, hot, swollen area on my lower leg spreading since yesterday that looks infected, with a fever.',
      'urgent',
    ],
    ["I've taken a whole packet of paracetamol, about 16 tablets, an hour ago.", 'emergency'],
    ["I'm 19 and my right testicle suddenly became very painful 2 hours ago and I feel sick.", 'emergency'],
    [
      "My 2 year old has a high fever and a rash that doesn't go away when I press a glass on it.",
      'emergency',
    ],
    [
      "I don't want to live anymore and have been thinking about how to end my life, 30 year old.",
      'emergency',
    ],
    [
      "Back pain for a week and now numbness around my bottom and I can't pee properly, 45 year old.",
      'emergency',
    ],
    [
      "My asthma is really bad, my inhaler isn't helping and I can't finish a sentence, 25 year old.",
      'emergency',
    ],
    [
      "My 1 year old is floppy, very pale, hasn't had a wet nappy since yesterday and has had diarrhoea for 3 days.",
      'emergency',
    ],
    // Issue 11, blind case sets: words the intake did not read before.
    ['5 month old boy, temperature 38.6, very sleepy, on exam the fontanelle is full.', 'emergency'],
    [
      'Back pain going down both legs, numb feeling around the back passage when wiping, 45 year old man.',
      'emergency',
    ],
    [
      'Came off his bike 3 hours ago and hit his left side, now feels faint when he stands, HR 122, 26 year old man.',
      'emergency',
    ],
    ['Cut his forearm on broken glass 2 hours ago, a 5 cm gaping wound, 29 year old man.', 'urgent'],
    ["Bitten on the hand by a friend's dog 6 hours ago, two puncture wounds, 31 year old man.", 'urgent'],
    [
      'Since last night seeing a cobweb-like floater and little flashes of light in the left eye, 61 year old man.',
      'urgent',
    ],
    ['Over 3 weeks very thirsty, wetting the bed again and lost weight, 9 year old girl.', 'urgent'],
    [
      'Very sore throat for 2 days, temp 38.6, white exudate on the tonsils and tender neck glands. No cough. 30 year old man.',
      'urgent',
    ],
    ['Every spring she gets sneezing fits and a runny nose, 25 year old woman.', 'self-care'],
    [
      'Day 10 after delivery, suddenly bleeding heavily, soaking a pad every 20 minutes, felt faint, HR 118, 27 year old woman.',
      'emergency',
    ],
    [
      '3 year old with an ear infection, now a red tender swelling behind the ear and the ear sticking out.',
      'emergency',
    ],
    [
      '67 year old man with kidney disease on spironolactone, feels weak with palpitations since this morning, K 7.1 on routine bloods, HR 48.',
      'emergency',
    ],
    [
      'Four days of a painful red swelling in the armpit, fluctuant with a yellow head, 24 year old man.',
      'urgent',
    ],
    [
      'Went over on her ankle coming down stairs 2 hours ago, heard a crack, bony tenderness, 31 year old woman.',
      'urgent',
    ],
    [
      'She is 32 weeks pregnant and her blood pressure was 148 over 96 today, feels well, 29 year old.',
      'urgent',
    ],
    [
      '58 year old woman with diabetes, heavy discomfort in the upper belly for 90 minutes, thought it was indigestion, feels clammy and lightheaded, it goes into her jaw.',
      'emergency',
    ],
    [
      '27 year old woman, sudden sharp lower abdominal pain this afternoon, fainted on the toilet, now pain at the tip of her right shoulder, last period 7 weeks ago.',
      'emergency',
    ],
    [
      'Chest tightness and a heavy feeling when walking up hills for 2 months, goes within 2 minutes of rest, never at rest, 62 year old man.',
      'routine',
    ],
    // From the sixth blind round.
    [
      '38 year old woman lifting weights felt a sudden very bad pain at the back of her head, the worst she ever had, reached full strength within a minute, vomited twice.',
      'emergency',
    ],
    [
      'She is 35 weeks pregnant, bad headache since this morning not helped by paracetamol, sees flashing lights, BP 168/112.',
      'emergency',
    ],
    // From the fifth blind round.
    [
      '17 year old girl, after an argument she took around 30 paracetamol tablets through the day, she wanted to sleep and not wake up, feels a bit sick.',
      'emergency',
    ],
    [
      '2 month old boy with a runny nose and cough for 3 days, feeding poorly, breathing fast with the skin sucking in under his ribs, stopped breathing for a few seconds twice.',
      'emergency',
    ],
    // From the fourth blind round.
    [
      '55 year old woman on chemotherapy for breast cancer, last cycle 9 days ago, shivering this evening, temperature 38.4.',
      'emergency',
    ],
    [
      '58 year old woman with cramping pain around the belly button since yesterday, vomiting, tummy has swelled up, has not opened her bowels or passed wind since yesterday.',
      'emergency',
    ],
    [
      '69 year old man, 4 hours ago his right leg suddenly became painful, the foot went cold and pale and feels dead.',
      'emergency',
    ],
    [
      '37 year old woman with a dull headache most days for 2 weeks, worse in the mornings at home, feels sick and dizzy. They have an old gas boiler which has not been serviced for years.',
      'emergency',
    ],
    // From the seventh and eighth blind rounds: the foot "pale and cold" (the phrase says "cold and pale"), a
    // drowsy older woman who is "hard to talk with", and tablets taken by count.
    [
      '71 year old woman, her right leg became suddenly very painful 3 hours ago. The foot is pale and cold and feels numb.',
      'emergency',
    ],
    [
      '79 year old woman with type 2 diabetes, drinking a lot and passing much urine for a week, now very sleepy and hard to talk with.',
      'emergency',
    ],
    [
      '15 year old girl who swallowed about 20 painkillers 4 hours ago after an argument. She feels a bit sick.',
      'emergency',
    ],
  ])('reads lay words for warning signs: %s', (text, level) => {
    const result = diagnoser.diagnose({ text });
    expect(result.abstained).toBe(false);
    expect(result.triage.level).toBe(level);
  });

  // A chest infection that began suddenly with fever, pleuritic pain and a fast pulse (CRB-65 0): the rules send it to
  // same-day care, not as a clot. Version 1.2.0 of the learned wording signal raises it to emergency (probability
  // 0.80): a known wrong raise (models/triage/MODEL_CARD.md, Limits), so the rules' level is what is checked here.
  it('sends a sudden chest infection with CRB-65 0 to same-day care by the rules', () => {
    const result = diagnoser.diagnose({
      text: 'Three days ago I suddenly got shivers and a high fever, then a cough with rusty phlegm and a sharp pain in my right chest when I breathe in; short of breath walking around the house. Pulse 102, temperature 38.9, oxygen 95%, 60 year old.',
    });
    const ruleLevels = result.triage.reasons.filter((r) => r.source !== 'learned').map((r) => r.level);
    expect(ruleLevels).toContain('urgent');
    expect(ruleLevels).not.toContain('emergency');
  });

  it("names a sprain by its site, with the site's ICD-10 code, and keeps its care level", () => {
    const result = diagnoser.diagnose({
      text: '26 year old man with ankle pain since he went over on his right ankle playing football last night; the ankle is swollen and bruised on the outside and he can walk on it with a limp.',
    });
    expect(result.differential[0]).toMatchObject({ name: 'Ankle sprain', icd10: 'S93.401A' });
    expect(result.triage.level).not.toBe('emergency');
  });

  it.each([
    [
      "His wife noticed his right hand shakes when it's resting on his lap; his handwriting has got smaller and he walks with small shuffling steps. 68 year old man.",
      'Parkinson',
    ],
    [
      'Small shiny skin-coloured domes with a tiny dent in the top on her tummy for two months, more appearing. 5 year old girl.',
      'Molluscum',
    ],
    [
      "Nursery say he doesn't seem to hear them and he has the TV up loud, for four months since ear infections. 3 year old boy.",
      'glue ear',
    ],
    [
      '8 year old boy. Chief complaints: Poor attention, Hyperactivity. His teachers say he cannot sit still and is easily distracted, at home too, for two years.',
      'ADHD',
    ],
    [
      '52 year old man. Chief complaints: High cholesterol. His cholesterol came back high at a work health check; he feels well.',
      'cholesterol',
    ],
  ])('reads everyday complaints in lay words (feature packs d and e): %s', (text, name) => {
    const top3 = diagnoser
      .diagnose({ text })
      .differential.slice(0, 3)
      .map((e) => e.name);
    expect(
      top3.some((label) => label.includes(name)),
      top3.join(', '),
    ).toBe(true);
  });

  /** Whether the text path reads `conceptId` as present in `text` (an adult of 40). */
  const readsPresent = (conceptId: string) => (text: string) =>
    diagnoser
      .triageInput(diagnoser.read({ text, ageYears: 40 }))
      .findings.some((f) => f.conceptId === conceptId && f.status === 'present');

  it('reads a blood pressure of 160 or more as raised, not a single mildly raised reading', () => {
    const raised = readsPresent('sign.hypertension');
    expect(raised('My blood pressure at the pharmacy was 186 over 112 today.')).toBe(true);
    expect(raised('Chest pain for an hour, BP 148/90, pulse 96.')).toBe(false);
  });

  it('reads tablets taken by count as an overdose only from 8 tablets', () => {
    const overdose = readsPresent('sign.overdose');
    expect(overdose('She took 32 paracetamol this morning.')).toBe(true);
    expect(overdose('He has taken about 12 of his sleeping tablets.')).toBe(true);
    expect(overdose('She took 2 paracetamol with no relief.')).toBe(false);
    expect(overdose('He took tablets for his headache.')).toBe(false);
  });

  it.each([
    [
      'Pain in my side going down to my groin, comes in waves, blood in my pee, 40 year old man.',
      'Kidney stone',
    ],
    ["I've had a cough for 5 days, runny nose, no fever, 30 year old.", 'Common cold'],
    ['Pain in my lower back going down the back of my leg to my foot, 40 year old.', 'Sciatica'],
    [
      'Red, hot, swollen area on my lower leg spreading over 2 days, feel feverish. 60 year old.',
      'Cellulitis',
    ],
    [
      "I've been feeling really low for weeks, can't be bothered with anything, not sleeping, 40 year old woman.",
      'Depression',
    ],
    ['My eye is red and sticky with yellow gunk since yesterday, 25 year old.', 'Conjunctivitis'],
    [
      "I'm 75, my ankles are swollen and I get breathless lying flat, need 3 pillows at night.",
      'Heart failure',
    ],
    [
      "I have a burning feeling when I wee and I need to go all the time, I'm 25 and female.",
      'Urinary tract infection',
    ],
    ['Painful blistering rash in a band on one side of my chest, 68 year old.', 'Shingles (herpes zoster)'],
    [
      'Sudden severe pain in my right eye with blurred vision, seeing halos around lights and vomiting, 65 year old woman.',
      'Acute glaucoma',
    ],
    [
      "I've had a cough for 3 weeks, coughing up some blood, night sweats and lost weight, 35 year old man.",
      'Tuberculosis',
    ],
  ])('reads a common presentation in lay words: %s', (text, top) => {
    expect(diagnoser.diagnose({ text }).differential[0]?.name).toBe(top);
  });

  it('reads a telegraphic note without function words as English', () => {
    expect(englishShare('Sudden severe headache, worst ever.')).toBe(1);
    const result = diagnoser.diagnose({
      text: 'Sudden severe headache, worst ever, neck stiffness.',
      ageYears: 45,
    });
    expect(result.abstainReason).not.toBe('not-english');
    expect(result.triage.level).toBe('emergency');
  });

  it("does not read adult-only findings as evidence in a young child's case", () => {
    const result = diagnoser.diagnose({
      text: 'She is pregnant, has hot flushes and heavy periods.',
      ageYears: 4,
      sex: 'female',
    });
    expect(result.abstained).toBe(true);
    expect(result.abstainReason).toBe('implausible-for-age');
    expect(result.warnings.join(' ')).toMatch(/not plausible at 4 years/);
  });

  it('reads a baby\'s words in an adult\'s story as something else ("low and irritable" is mood)', () => {
    const text = 'Weight gain, purple stretch marks and easy bruising for a year; she is low and irritable.';
    const adult = diagnoser.diagnose({ text, ageYears: 41, sex: 'female' });
    const baby = diagnoser.diagnose({ text: 'Fever and very irritable since last night.', ageYears: 0.5 });
    expect(adult.findings.present).not.toContain('sx.irritable-infant');
    expect(baby.findings.present).toContain('sx.irritable-infant');
  });

  it('says "not enough to go on" for contradictory findings', () => {
    const result = diagnoser.diagnose({
      text: 'Fever. No fever. Cough. No cough. Headache. No headache. Vomiting. No vomiting.',
      ageYears: 30,
    });
    expect(result.abstained).toBe(true);
    expect(result.abstainReason).toBe('contradictory');
    expect(result.differential).toEqual([]);
  });

  it('a negated specific kind of a finding does not contradict the finding ("no heliotrope erythema")', () => {
    const result = diagnoser.diagnose({
      text: 'Skin erythema and flushing of the face for years. No heliotrope erythema, no butterfly flushing.',
      ageYears: 47,
      sex: 'female',
    });
    expect(result.abstained).toBe(false);
    expect(result.warnings.join(' ')).not.toMatch(/both present and absent/);
  });

  it('reads exam signs and laboratory patterns written in the text', () => {
    const result = diagnoser.diagnose({
      text: 'Fever and headache. On examination a non-blanching rash and neck stiffness. Raised white cell count. Tachypnoea, low oxygen saturation.',
      ageYears: 19,
    });
    expect(result.findings.present).toEqual(
      expect.arrayContaining([
        'sign.non-blanching-rash',
        'sign.neck-stiffness',
        'lab.raised-wcc',
        'sign.raised-respiratory-rate',
        'sign.low-oxygen-saturation',
      ]),
    );
    expect(result.triage.level).toBe('emergency');
    expect(result.differential.slice(0, 3).some((e) => e.mustNotMiss)).toBe(true);
  });
});

describe('the DDXPlus model on findings read from text', () => {
  const engine = ddxEngine();
  // Two ways a note yields findings the strict engine refuses.
  const findings = [
    { conceptId: 'pain', status: 'present' as const },
    { conceptId: 'pain.character', status: 'absent' as const, value: 'burning' },
    { conceptId: 'cough', status: 'present' as const },
    { conceptId: 'cough', status: 'absent' as const },
  ];

  it('are refused by the strict engine (explicit API input stays strict)', () => {
    expect(() => engine.stateOf({ ageYears: 50 }, findings)).toThrow(DdxInputError);
  });

  it('are reconciled on the text path: present outweighs absent, an absent value says nothing', () => {
    const notes: string[] = [];
    const state = engine.stateOf({ ageYears: 50 }, findings, '/findings', { reconcile: true, notes });
    const cough = engine.model.index.questionByCode.get(ddxEngine().bridge.kb.concept('cough')!.ddxplusCode);
    expect(cough).toBeDefined();
    expect(state.answers.get(cough!.code)).toEqual(['yes']);
    expect(notes.length).toBe(2);
  });
});

describe('eval vignettes', () => {
  it('matches on the ICD-10 category or an accepted name', () => {
    expect(matchesGold({ name: 'Pneumonia', icd10: 'J18.9' }, { icd10: ['J12', 'J18'] })).toBe(true);
    expect(matchesGold({ name: 'Pneumonia', icd10: 'J18.9' }, { icd10: ['J12'] })).toBe(false);
    expect(matchesGold({ name: 'Common cold', icd10: 'J00' }, { names: ['common cold'] })).toBe(true);
  });

  it('never gives the engine the gold fields', () => {
    const seen: object[] = [];
    const spy = {
      diagnose(input: object) {
        seen.push(input);
        return textDiagnoser().diagnose(input as { text: string });
      },
    } as unknown as TextDiagnoser;
    const row = (gold: object) => ({
      input: { id: 'A', age: 30, sex: 'male', text: 'Sore throat and fever for two days.' } as VignetteCase,
      gold,
    });
    const a = evaluateVignettes(spy, [row({ diagnosis: 'Pharyngitis', icd10: ['J02'], triage: 'routine' })]);
    const b = evaluateVignettes(spy, [
      row({ diagnosis: 'Something else', icd10: ['Z00'], triage: 'emergency' }),
    ]);
    expect(a.cases).toEqual(b.cases);
    for (const input of seen) expect(Object.keys(input).sort()).toEqual(['ageYears', 'sex', 'text']);
  });

  it('computes top-k, overconfident-and-wrong and triage metrics', () => {
    const cases = [
      {
        id: '1',
        differential: [{ name: 'X', icd10: 'A00', probability: 0.95 }],
        triage: 'urgent' as const,
        abstained: false,
      },
      {
        id: '2',
        differential: [
          { name: 'Y', icd10: 'B00', probability: 0.4 },
          { name: 'Z', icd10: 'C00', probability: 0.3 },
        ],
        triage: 'emergency' as const,
        abstained: false,
      },
    ];
    const m = vignetteMetrics(cases, [
      { icd10: ['D00'], triage: 'urgent' },
      { icd10: ['C00.1'], triage: 'emergency' },
    ]);
    expect(m).toMatchObject({
      top1: 0,
      top3: 0.5,
      top10: 0.5,
      overconfidentWrong: 0.5,
      triageAccuracy: 1,
      emergencyRecall: 1,
    });
  });

  it('splits the development vignettes in two fixed halves', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `AVEY-${String(i + 1).padStart(3, '0')}`);
    const tuning = ids.filter(isTuningCase).length;
    expect(tuning).toBeGreaterThan(150);
    expect(tuning).toBeLessThan(250);
    expect(isTuningCase('AVEY-001')).toBe(isTuningCase('AVEY-001'));
  });
});

describe('POST /v1/diagnosis/text', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer([diagnosisCapability]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('returns a hedged differential with triage', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/diagnosis/text',
      payload: { text: CROUP, age: 3, sex: 'male' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.abstained).toBe(false);
    expect(body.differential[0]).toMatchObject({
      icd10: expect.any(String),
      supportingFindings: expect.any(Number),
    });
    expect(typeof body.notCovered).toBe('number');
    expect(body.triage.level).toBeDefined();
  });

  it('answers empty text with a 4xx problem document pointing at the field', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/diagnosis/text',
      payload: { text: '' },
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(response.json())).toContain('/body/text');
  });

  it('answers 200,000 characters with 413', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/diagnosis/text',
      payload: { text: 'x'.repeat(200_000) },
    });
    expect(response.statusCode).toBe(413);
  });
});

describe('a note the engine cannot read gets no triage level', () => {
  const diagnoser = textDiagnoser();
  it.each([
    ['Homme de 70 ans, visage paralysé à gauche, parole difficile depuis 30 minutes.', 'not-english'],
    ['Fever for 3 days. No fever. Coughing a lot, denies any cough. Headache, no headache.', 'contradictory'],
  ])('%s', (text, reason) => {
    const result = diagnoser.diagnose({ text });
    expect(result.abstained).toBe(true);
    expect(result.abstainReason).toBe(reason);
    expect(result.triage.insufficient).toBe(true);
    expect(result.triage.reasons.map((r) => r.ruleId)).toEqual(['default.not-assessed']);
    expect(result.triage.advice).toMatch(/^Not assessed/);
  });

  it('a medication list or past history alone is no complaint: no differential, no level', () => {
    const result = diagnoser.diagnose({
      text: 'Medications: metformin 500 mg twice daily, amlodipine 5 mg once daily, atorvastatin 20 mg at night.',
    });
    expect(result.abstained).toBe(true);
    expect(result.differential).toEqual([]);
    expect(result.message).toMatch(/Only background/);
    expect(result.triage.insufficient).toBe(true);
  });

  it('keeps a red flag read from a note it abstains on', () => {
    const result = diagnoser.diagnose({
      text: 'Vomiting blood. No vomiting. Fever, no fever. Cough, no cough.',
    });
    expect(result.abstained).toBe(true);
    expect(result.triage.level).toBe('emergency');
    expect(result.triage.insufficient).toBe(false);
  });
});

describe('textbook must-not-miss presentations lead the differential', () => {
  it('a sleepy, vomiting child with fever and a non-blanching rash: meningococcal disease first', () => {
    const result = textDiagnoser().diagnose({
      text: "My 3 year old daughter has had a high fever since last night, she is very sleepy, vomited twice and has a purple rash on her legs that doesn't fade when I press a glass on it.",
    });
    expect(result.differential[0]?.icd10).toMatch(/^A39/);
    expect(result.triage.level).toBe('emergency');
  });

  it('a red-flag pattern is evidence for the condition it names: headache, blurred vision and sudden swelling at 33 weeks', () => {
    const result = textDiagnoser().diagnose({
      text: "I am 33 weeks pregnant and since yesterday I've got a bad headache that paracetamol won't shift, my vision has gone blurry and my ankles and face have swollen up suddenly.",
    });
    expect(result.triage.reasons.map((r) => r.ruleId)).toContain('red-flag.pre-eclampsia-severe');
    expect(result.differential[0]?.name).toBe('Preeclampsia');
    expect(result.differential[0]?.supportingFindings).toBeGreaterThanOrEqual(2);
    // The explanation names the pattern that raised it.
    expect(result.differential[0]?.raisedBy).toContain('red-flag.pre-eclampsia-severe');
  });
});

describe('the current state counts, not an earlier one', () => {
  it('a hypo treated and recovered ("2.9 … now 6.5") is no emergency', () => {
    const recovered = textDiagnoser().diagnose({
      text: 'had a hypo this morning, sugar was 2.9, had juice and now fine 6.5, want to review my insulin',
    });
    expect(recovered.triage.reasons.map((r) => r.ruleId)).not.toContain('red-flag.hypoglycaemia-severe');
    const falling = textDiagnoser().diagnose({ text: 'BM 3.5, now 2.4 and drowsy' });
    expect(falling.triage.level).toBe('emergency');
  });

  it('weeks said after a positive pregnancy test date the pregnancy: spotting without pain is same-day care', () => {
    const result = textDiagnoser().diagnose({
      text: 'pregnancy test positive, 6 weeks, some light spotting no pain',
    });
    expect(result.triage.level).toBe('urgent');
    expect(result.triage.reasons.map((r) => r.ruleId)).toContain('red-flag.early-pregnancy-bleeding');
  });
});

describe('lay words of the sixth spot-check', () => {
  const level = (text: string, ageYears?: number) =>
    textDiagnoser().diagnose({ text, ...(ageYears !== undefined ? { ageYears } : {}) }).triage;

  it('a hand or arm that "isn\'t working" with new speech trouble is a stroke; a year of it after a fracture is not', () => {
    const stroke = level(
      "she was fine at lunch. now she can't get her words out and her right hand isn't working properly. it's been 20 min. she's 71.",
    );
    expect(stroke.level).toBe('emergency');
    expect(stroke.reasons.map((r) => r.ruleId)).toContain('red-flag.stroke');
    // The time course counts also when no differential is ranked (the abstaining path).
    expect(level('my hand isnt working properly since i broke my wrist last year, stiff').level).not.toBe(
      'emergency',
    );
  });

  it('a blistered scald in a child under 5 goes to the emergency department', () => {
    const scald = level('pulled a mug of boiling tea over himself, skin on his arm is blistering', 2);
    expect(scald.reasons.map((r) => r.ruleId)).toContain('red-flag.burn-young-child');
    expect(level('pulled a mug of boiling tea over himself, skin on his arm is blistering', 30).level).toBe(
      'urgent',
    );
  });

  it('lice seen in the hair lead to head lice; a child breathing faster with a fever is seen the same day', () => {
    const lice = textDiagnoser().diagnose({
      text: 'my daughter is 9 and her scalp is really itchy, I found live lice and eggs in her hair',
    });
    expect(lice.differential[0]?.icd10).toMatch(/^B85/);
    expect(
      level('my 4 yo has cough and fever (39.4) for 3 days, now breathing faster than usual').level,
    ).toBe('urgent');
  });
});

describe('lay words of the seventh spot-check', () => {
  const triage = (text: string, ageYears?: number) =>
    textDiagnoser().diagnose({ text, ...(ageYears !== undefined ? { ageYears } : {}) }).triage;

  it("a teenager's text of a failing asthma attack is read, not refused as another language", () => {
    const result = textDiagnoser().diagnose({
      text: 'cant breathe properly. used my blue inhaler like 10 times its not working. cant even say a full sentence without stopping. mum says my lips look a bit blue',
      ageYears: 15,
    });
    expect(result.abstainReason).not.toBe('not-english');
    expect(result.triage.level).toBe('emergency');
  });

  it('a temperature said to be normal is no fever: a teething baby is home care', () => {
    expect(
      triage(
        'my 7 month old is dribbling loads, chewing everything, one red cheek, bit grumpy. temp normal',
        0.58,
      ).level,
    ).toBe('self-care');
  });

  it('"indigestion" with a cold sweat from 50 is a heart attack until shown otherwise', () => {
    const result = triage(
      "Feeling really unwell since about 6am. Sweaty, clammy and exhausted, a bit of indigestion that antacids didn't touch. No chest pain.",
      67,
    );
    expect(result.reasons.map((r) => r.ruleId)).toContain('red-flag.acs-without-chest-pain');
    expect(triage('indigestion and sweaty after a curry', 30).reasons.map((r) => r.ruleId)).not.toContain(
      'red-flag.acs-without-chest-pain',
    );
  });

  it('a sore throat with a quinsy never goes to home care', () => {
    expect(
      triage(
        'sore throat 5 days getting worse on the left side, now I can barely open my mouth, voice like a hot potato',
        23,
      ).level,
    ).not.toBe('self-care');
  });

  it('fixed false beliefs told by a relative are a new psychosis', () => {
    const result = triage(
      'My brother (24) says the neighbours have put cameras in the walls and the TV is sending him messages.',
      24,
    );
    expect(result.reasons.map((r) => r.ruleId)).toContain('red-flag.psychosis-new');
  });
});

describe('lay words of the eighth spot-check', () => {
  const triage = (text: string, ageYears?: number) =>
    textDiagnoser().diagnose({ text, ...(ageYears !== undefined ? { ageYears } : {}) }).triage;
  const ruleIds = (text: string, ageYears?: number) => triage(text, ageYears).reasons.map((r) => r.ruleId);

  it('a sore throat or fever on carbimazole is a same-day blood count', () => {
    expect(
      ruleIds(
        'started carbimazole for overactive thyroid 4 weeks ago and now a really sore throat and temp of 38.3',
        39,
      ),
    ).toContain('red-flag.agranulocytosis-drug');
    expect(ruleIds('sore throat and a temp of 38.3', 39)).not.toContain('red-flag.agranulocytosis-drug');
  });

  it('a kidney stone had years ago does not make a new colic long-standing', () => {
    expect(
      ruleIds(
        "waves of really bad pain in my left side going down into my groin, can't sit still, peed some pinkish blood. had a kidney stone 5 yrs ago",
        40,
      ),
    ).toContain('red-flag.renal-colic');
  });

  it('chickenpox blisters in a child who is playing are not a skin-peeling emergency', () => {
    expect(
      ruleIds(
        "spotty itchy rash started on her tummy yesterday, now blisters all over and some scabbing. temp 38 but she's eating and playing",
        5,
      ),
    ).not.toContain('red-flag.skin-peeling-blisters');
  });

  it('"no chance I\'m pregnant" denies the pregnancy', () => {
    const result = textDiagnoser().diagnose({
      text: 'period pains are so bad, cramping low tummy. no chance im pregnant',
    });
    expect(result.findings.present).not.toContain('sx.problems-during-pregnancy');
  });
});

describe('lay words of the ninth spot-check', () => {
  const ruleIds = (text: string, ageYears?: number) =>
    textDiagnoser()
      .diagnose({ text, ...(ageYears !== undefined ? { ageYears } : {}) })
      .triage.reasons.map((r) => r.ruleId);
  const level = (text: string, ageYears?: number) =>
    textDiagnoser().diagnose({ text, ...(ageYears !== undefined ? { ageYears } : {}) }).triage.level;

  it('a call note\'s "caller reports wife" makes the wife the patient', () => {
    expect(
      level('NHS 111 call. Caller reports wife, 52, collapsed in the kitchen, not responding to voice'),
    ).toBe('emergency');
  });

  it('how long a known condition has lasted does not make a new pain long-standing', () => {
    expect(
      level(
        'my father he have very bad pain in chest, it go through to his back, he say like tearing. He have high blood pressure long time. He is 66 years.',
      ),
    ).toBe('emergency');
  });

  it('a shortened, turned-out leg after a fall from 60 is a broken hip', () => {
    expect(
      ruleIds('slipped on ice, right leg looks shorter and turned outwards, lots of pain in her groin', 79),
    ).toContain('red-flag.hip-fracture');
    expect(ruleIds('slipped on ice, right leg looks shorter and turned outwards', 30)).not.toContain(
      'red-flag.hip-fracture',
    );
  });

  it('"a bit muddled" is same-day care, not 999; confusion with drowsiness stays an emergency', () => {
    const mild = ruleIds('Mum is 86, a bit muddled in the evenings and her wee smells strong', 86);
    expect(mild).toContain('red-flag.mild-confusion');
    expect(mild).not.toContain('red-flag.new-confusion');
    expect(level('Mum is 86, suddenly very confused and drowsy', 86)).toBe('emergency');
  });

  it('an INR of 8.5 on warfarin is same-day care; "like 20 paracetamol" is an overdose', () => {
    expect(ruleIds("I'm on warfarin for AF and my INR is 8.5 today. No bleeding", 76)).toContain(
      'red-flag.inr-high',
    );
    expect(level('i took like 20 paracetamol last night, feel ok now just a bit sick', 16)).toBe('emergency');
  });
});

describe('lay words of the tenth spot-check', () => {
  const ruleIds = (text: string, ageYears?: number) =>
    textDiagnoser()
      .diagnose({ text, ...(ageYears !== undefined ? { ageYears } : {}) })
      .triage.reasons.map((r) => r.ruleId);

  it('an injury bleeding a lot, a bone through the skin, a submersion with a cough: emergencies', () => {
    expect(ruleIds('Fell off a ladder, there is bone poking through the skin, bleeding a lot.', 52)).toEqual(
      expect.arrayContaining(['red-flag.open-fracture', 'red-flag.injury-heavy-bleeding']),
    );
    expect(ruleIds('pulled from the lake after going under, coughing and breathing fast', 7)).toContain(
      'red-flag.submersion',
    );
  });

  it('falling asleep on the beach is a sunburn, not a fall', () => {
    expect(ruleIds('fell asleep on the beach, back red and sore, a bit dizzy', 30)).not.toContain(
      'red-flag.bleeding-shock',
    );
  });

  it('"gaps of 2-3 months" between periods is not a gaping cut', () => {
    expect(ruleIds('periods irregular with gaps of 2-3 months, hot flushes', 51)).not.toContain(
      'red-flag.laceration',
    );
  });
});
