import { describe, expect, it } from 'vitest';
import { PhraseIndex } from './phrase-index.js';
import { stem, tokenize } from './tokens.js';

const matches = (index: PhraseIndex<string>, text: string) =>
  index.findAll(tokenize(text)).flatMap((m) => m.payloads);

describe('PhraseIndex', () => {
  it('skips articles inside a phrase on both sides', () => {
    const index = new PhraseIndex<string>();
    index.add('pain in the chest', 'chest-pain');
    expect(matches(index, 'pain in chest')).toEqual(['chest-pain']);
    expect(matches(index, 'pain in the chest')).toEqual(['chest-pain']);
  });

  it('finds a phrase written with a leading article, which a match never starts on', () => {
    const index = new PhraseIndex<string>();
    index.add('a bit more muddled', 'mild-confusion');
    index.add('a temp', 'too-short');
    expect(matches(index, 'he is a bit more muddled')).toEqual(['mild-confusion']);
    expect(matches(index, 'bit more muddled')).toEqual(['mild-confusion']);
    // An article and one word is not indexed: it would match every use of the word.
    expect(matches(index, 'no temp today')).toEqual([]);
  });

  it('skips its filler words inside a phrase, never as the first word', () => {
    const fillers = new Set(['i', 'my', 'some'].map(stem));
    const index = new PhraseIndex<string>(fillers);
    index.add('burning when peeing', 'dysuria');
    index.add('lost weight', 'weight-loss');
    index.add('my chest', 'not-a-phrase-start');
    expect(matches(index, 'burning when I pee')).toEqual(['dysuria']);
    expect(matches(index, 'I have lost some weight')).toEqual(['weight-loss']);
    expect(matches(index, 'lost weight')).toEqual(['weight-loss']);
    // A phrase the fillers reduce to one word is not indexed: it would match every use of that word.
    index.add('crushed my', 'crush-injury');
    expect(matches(index, 'a crushing pain')).toEqual([]);
    // Without fillers the same phrases need the exact words.
    const plain = new PhraseIndex<string>();
    plain.add('lost weight', 'weight-loss');
    expect(matches(plain, 'I have lost some weight')).toEqual([]);
  });

  it('reads the slot # in a phrase as any number written in the text', () => {
    const index = new PhraseIndex<string>();
    index.add('lost # kg', 'weight-loss');
    index.add('type 2 diabetes', 'type-2');
    expect(matches(index, 'She has lost 6 kg in a month')).toEqual(['weight-loss']);
    expect(matches(index, 'lost 2.5 kg')).toEqual(['weight-loss']);
    expect(matches(index, 'lost kg')).toEqual([]);
    // A number written in a phrase still matches only itself.
    expect(matches(index, 'type 2 diabetes')).toEqual(['type-2']);
    expect(matches(index, 'type 1 diabetes')).toEqual([]);
  });

  it('finds two words joined by "and" in either order, each payload once', () => {
    const index = new PhraseIndex<string>();
    index.add('foot is cold and pale', 'cold-pale-limb');
    index.add('foot is pale and cold', 'cold-pale-limb');
    index.add('on and off', 'intermittent');
    expect(matches(index, 'the foot is pale and cold')).toEqual(['cold-pale-limb']);
    expect(matches(index, 'the foot is cold and pale')).toEqual(['cold-pale-limb']);
    expect(matches(index, 'it comes off and on')).toEqual(['intermittent']);
    // Only the two words beside "and" change places: the rest of the phrase keeps its order.
    expect(matches(index, 'cold and pale is foot')).toEqual([]);
  });

  it("skips a side word inside the text's phrase unless the phrase names a side itself", () => {
    const index = new PhraseIndex<string>();
    index.add('pain in testicle', 'testicular-pain');
    index.add('moved to the right lower abdomen', 'rlq-pain');
    expect(matches(index, 'pain in the left testicle')).toEqual(['testicular-pain']);
    expect(matches(index, 'pain in both testicle')).toEqual(['testicular-pain']);
    expect(matches(index, 'moved to the right lower abdomen')).toEqual(['rlq-pain']);
    expect(matches(index, 'moved to the left lower abdomen')).toEqual([]);
  });
});
