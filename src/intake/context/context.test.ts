import { describe, expect, it } from 'vitest';
import { assertMention } from '../mention.js';

/** ConText for the first occurrence of `phrase` in `text`. */
function context(text: string, phrase: string) {
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`'${phrase}' not in '${text}'`);
  return assertMention(text, start, start + phrase.length);
}

describe('the scope of "not" ends at a comma unless a list goes on', () => {
  it.each([
    ['My 2 yr old is not herself at all, very drowsy.', 'drowsy', 'affirmed'],
    ['Not passing flatus, distended abdomen, vomiting.', 'vomiting', 'affirmed'],
    ["She isn't eating, very lethargic.", 'lethargic', 'affirmed'],
    ['Not eating, drinking or passing urine.', 'passing urine', 'negated'],
    ['She is not coughing, wheezing or breathless.', 'breathless', 'negated'],
    // "No" heads a list across commas, as before.
    ['No fever, cough, sore throat.', 'sore throat', 'negated'],
  ])('"%s" → %s %s', (text, phrase, negation) => {
    expect(context(text, phrase).negation).toBe(negation);
  });
});

describe('a graded complaint after a comma ends a denied list', () => {
  it.each([
    ['No chest pain, a bit breathless on the stairs.', 'breathless', 'affirmed'],
    ['No vomiting, a little dizzy.', 'dizzy', 'affirmed'],
    ['No fever, mild cough.', 'cough', 'affirmed'],
    ['No fever, slightly breathless.', 'breathless', 'affirmed'],
    ['No temperature, got a cough and runny nose.', 'runny nose', 'affirmed'],
    ['No vomiting, feeling dizzy.', 'dizzy', 'affirmed'],
    ['No fever, have not had a cough.', 'cough', 'negated'],
    // An ungraded list stays denied, and a grade right after the denial is denied with it.
    ['No fever, cough or cold.', 'cough', 'negated'],
    ['No mild or severe pain.', 'pain', 'negated'],
  ])('"%s" → %s %s', (text, phrase, negation) => {
    expect(context(text, phrase).negation).toBe(negation);
  });
});

describe('background told after the complaint, and a story that turns to now', () => {
  it.each([
    ['Sudden weakness of my right arm, had a stroke 3 years ago.', 'weakness', 'recent'],
    ['Sudden weakness of my right arm, had a stroke 3 years ago.', 'stroke', 'historical'],
    ['Allergic to peanuts in the past and now he is wheezing.', 'wheezing', 'recent'],
  ])('"%s" → %s %s', (text, phrase, temporality) => {
    expect(context(text, phrase).temporality).toBe(temporality);
  });
});

describe('negation', () => {
  it.each([
    ['Denies fever, chills or night sweats.', 'night sweats'],
    ['No cough.', 'cough'],
    ['She has not had any vomiting.', 'vomiting'],
    ["I haven't had any fever.", 'fever'],
    ['Negative for chest pain.', 'chest pain'],
    ['Without haemoptysis.', 'haemoptysis'],
    ['Pulmonary embolism was ruled out.', 'Pulmonary embolism'],
    ['The rash has resolved.', 'rash'],
    ['In no acute distress.', 'acute distress'],
    // A denied item's own modifier is denied with it (issue 11: a false suicide emergency).
    ['No low mood with suicidal thoughts, No headaches.', 'suicidal thoughts'],
  ])('"%s" → %s negated', (text, phrase) => {
    expect(context(text, phrase).negation).toBe('negated');
  });

  it.each([
    ['Cough with fever.', 'fever'],
    ['No change in her cough.', 'cough'],
    ['She denies fever but has chills.', 'chills'],
    ['Gram negative rods; sepsis.', 'sepsis'],
    ['He was noted to be febrile.', 'febrile'],
    ['Collapsed without warning and his pulse is very slow.', 'pulse is very slow'],
    // The mention's own words open with the negation: what it names is present.
    ['Her son says she is not making sense.', 'not making sense'],
    // A new verb phrase after "and" leaves the denial's scope.
    ['He has not passed urine since morning and is now floppy.', 'floppy'],
    ['He has no fever and is coughing a lot.', 'coughing'],
  ])('"%s" → %s not negated (pseudo-trigger or terminator)', (text, phrase) => {
    expect(context(text, phrase).negation).toBe('affirmed');
  });

  it('reads an attached "non-" as denying only the word it is attached to', () => {
    const text = 'Non-bloody diarrhoea and a non-productive cough.';
    expect(context(text, 'bloody diarrhoea').negation).toBe('negated');
    expect(context(text, 'productive cough').negation).toBe('negated');
    // The head of the phrase is one word further: out of the prefix's reach.
    expect(context(text, 'diarrhoea').negation).toBe('affirmed');
    expect(context(text, 'cough').negation).toBe('affirmed');
  });

  it.each([
    ['No fever and I have a cough.', 'cough'],
    ['No vomiting, I have diarrhoea.', 'diarrhoea'],
    ["I don't smoke and I get chest pain on walking.", 'chest pain'],
    ["My inhaler isn't helping and I can't finish a sentence.", "can't finish a sentence"],
    ['No fever, she is coughing.', 'coughing'],
  ])('ends a denial at a new clause about the patient: %s', (text, phrase) => {
    expect(context(text, phrase).negation).toBe('affirmed');
  });

  it('keeps a denied list denied up to the new clause', () => {
    expect(context("I haven't had a fever or a cough, I've got a rash.", 'cough').negation).toBe('negated');
    expect(context("I haven't had a fever or a cough, I've got a rash.", 'rash').negation).toBe('affirmed');
  });

  it('does not carry a denial across sentences', () => {
    expect(context('No fever. Cough for 3 days.', 'Cough').negation).toBe('affirmed');
  });
});

describe('possibility', () => {
  it.each([
    ['Possible pneumonia.', 'pneumonia'],
    ['? pneumonia on the film.', 'pneumonia'],
    ['CT to rule out pulmonary embolism.', 'pulmonary embolism'],
    ['Appendicitis cannot be excluded.', 'Appendicitis'],
  ])('"%s" → %s possible', (text, phrase) => {
    expect(context(text, phrase).negation).toBe('possible');
  });
});

describe('temporality', () => {
  it.each([
    ['History of DVT.', 'DVT'],
    ['She had asthma as a child.', 'asthma'],
    ['Status post appendectomy.', 'appendectomy'],
    ['PMH: hypertension, diabetes.', 'diabetes'],
    ['Previous pneumonia in 2019.', 'pneumonia'],
  ])('"%s" → %s historical', (text, phrase) => {
    expect(context(text, phrase).temporality).toBe('historical');
  });

  it('ends historical scope at "presents with"', () => {
    expect(context('History of asthma who presents with chest pain.', 'chest pain').temporality).toBe(
      'recent',
    );
  });

  it('does not read a "3-day history of" as past history', () => {
    expect(context('A 3-day history of fever.', 'fever').temporality).toBe('recent');
  });

  it.each([
    ['Return if fever develops.', 'fever'],
    ['Advised to call if she becomes short of breath.', 'short of breath'],
  ])('"%s" → %s hypothetical', (text, phrase) => {
    expect(context(text, phrase).temporality).toBe('hypothetical');
  });
});

describe('experiencer', () => {
  it.each([
    ['Family history of colon cancer.', 'colon cancer'],
    ['His mother has diabetes.', 'diabetes'],
    ['FH: brother with asthma.', 'asthma'],
  ])('"%s" → %s other', (text, phrase) => {
    expect(context(text, phrase).experiencer).toBe('other');
  });

  it('reads "the child" / "this child" in a child\'s note as the patient, "her child" as someone else', () => {
    expect(context('The child subsequently developed a cough.', 'cough').experiencer).toBe('patient');
    expect(context('This child has had a fever since Monday.', 'fever').experiencer).toBe('patient');
    expect(context('Her child has a fever.', 'fever').experiencer).toBe('other');
  });

  it("ends a relative's scope at a new clause about the speaker", () => {
    expect(context('My mother had asthma and I get wheezy at night.', 'wheezy').experiencer).toBe('patient');
    expect(context('My mother had asthma and diabetes.', 'diabetes').experiencer).toBe('other');
  });

  it('treats the reporting relative as informant, not experiencer', () => {
    expect(context('Mother reports fever since Monday.', 'fever').experiencer).toBe('patient');
  });

  it('makes family-history findings historical', () => {
    expect(context('Family history of colon cancer.', 'colon cancer').temporality).toBe('historical');
  });
});

describe('temporality: scope of history triggers (issue 11, part 5)', () => {
  it.each([
    // A pre-modifier's scope is the phrase it modifies, not the rest of the sentence.
    ['62M ex-smoker, haemoptysis x2 weeks.', 'haemoptysis'],
    ['Ex-smoker with a productive cough.', 'productive cough'],
    ['Former drinker, now jaundiced.', 'jaundiced'],
    ['Previous MI, presenting with breathlessness.', 'breathlessness'],
    // "Status post" covers the procedure, not its indication after "for", nor what follows a comma.
    ['Status post coiling for carotid aneurysm.', 'carotid aneurysm'],
    ['S/p cholecystectomy, abdominal pain.', 'abdominal pain'],
    // A trigger inside the mention counts only when it opens the mention.
    ['Left acetabular fracture status post fall.', 'Left acetabular fracture status post fall'],
    // A clause after a comma leaves a history's scope.
    ['History of gastrectomy for ulcer, with malnutrition and vomiting.', 'vomiting'],
    // Chronic means ongoing, not past.
    ['Indication: abdominal pain and chronic diarrhoea.', 'chronic diarrhoea'],
    ['Chronic obstructive pulmonary disease exacerbation.', 'Chronic obstructive pulmonary disease'],
  ])('"%s" → %s recent', (text, phrase) => {
    expect(context(text, phrase).temporality).toBe('recent');
  });

  it.each([
    ['Ex-smoker.', 'smoker'],
    ['Previous myocardial infarction and stroke.', 'stroke'],
    ['Prior ORIF of a left femoral neck fracture.', 'left femoral neck fracture'],
    ['History of asthma as a child.', 'asthma'],
    ['Status post appendicectomy.', 'appendicectomy'],
    ['PMH: hypertension, diabetes.', 'diabetes'],
    ['Pneumonia 5 years ago.', 'Pneumonia'],
  ])('"%s" → %s historical', (text, phrase) => {
    expect(context(text, phrase).temporality).toBe('historical');
  });
});

describe('temporality: explicit recency cues beside the mention (issue 11, part 5)', () => {
  it.each([
    ['Past history: asthma. Haemoptysis x2 weeks.', 'Haemoptysis'],
    ['History of COPD, cough x 3/7.', 'cough'],
    ['History of COPD and cough for 3 days.', 'cough'],
    ['Known asthmatic with wheeze since yesterday.', 'wheeze'],
    ['Previous DVT; calf swelling over the last 2 days.', 'calf swelling'],
    ['h/o migraine, headache since this morning.', 'headache'],
    ['Prior pneumonia, fever 2 days ago.', 'fever'],
  ])('"%s" → %s recent', (text, phrase) => {
    expect(context(text, phrase).temporality).toBe('recent');
  });

  it('does not let a long or distant span count as recent', () => {
    expect(context('History of asthma for 10 years.', 'asthma').temporality).toBe('historical');
    expect(context('Previous pneumonia, cough x2 weeks.', 'pneumonia').temporality).toBe('historical');
  });
});

describe('circumstances of a complaint', () => {
  it.each([
    ['Any bumps in the car, coughing or walking make it much worse.', 'coughing'],
    ['The pain is worse when he coughs.', 'coughs'],
  ])('"%s" → %s is not a symptom the patient has', (text, phrase) => {
    expect(context(text, phrase).temporality).toBe('hypothetical');
  });

  it('ends another person\'s scope at "and she" (the longest trigger takes the word for a denial too)', () => {
    expect(context('Her flatmate is ill and she has a cough.', 'cough').experiencer).toBe('patient');
    expect(context('His wife has a cold and a cough.', 'cough').experiencer).toBe('other');
  });

  it('dates a finding of an earlier occasion to the past ("in her last pregnancy")', () => {
    expect(context('Raised sugar in her last pregnancy.', 'pregnancy').temporality).toBe('historical');
    expect(context('She is in her second pregnancy.', 'pregnancy').temporality).toBe('recent');
  });

  it('ends a denial at a new first-person clause, and "no increased" stays a denial', () => {
    expect(
      context("I don't want to live and have been thinking about how to end my life.", 'how to end my life')
        .negation,
    ).toBe('affirmed');
    expect(context('No increased thirst.', 'thirst').negation).toBe('negated');
  });

  it('reads a simile as what the pain is like, not what happened ("like being stabbed")', () => {
    expect(context('A pain in my side like being stabbed.', 'stabbed').temporality).toBe('hypothetical');
    expect(context('He was stabbed in the chest.', 'stabbed').temporality).toBe('recent');
    expect(context("Her tummy swells up like I'm pregnant.", 'pregnant').temporality).toBe('hypothetical');
    expect(context("I feel like I'm going to pass out.", 'pass out').temporality).toBe('recent');
  });

  it('keeps a symptom the patient has that makes another worse', () => {
    expect(context('She has a cough which makes the chest pain worse.', 'cough').temporality).toBe('recent');
  });
});
