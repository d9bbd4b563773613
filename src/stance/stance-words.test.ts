import { describe, expect, it } from 'vitest';
import { StanceWords, stanceWords } from './stance-words.js';

// Every example of lexicons/stance-words.json must carry a word or phrase of its own group.
describe('stance words lexicon', () => {
  const words = stanceWords();
  for (const group of words.groups) {
    it(`${group.id} has a note and examples`, () => {
      expect(group.note.length).toBeGreaterThan(10);
      expect(group.examples.length).toBeGreaterThan(0);
    });
    for (const example of group.examples) {
      it(`${group.id} fires on ${JSON.stringify(example)}`, () => {
        expect(words.hitsIn(example).map((hit) => hit.group)).toContain(group.id);
      });
    }
  }

  it('matches phrases word by word and reports where they start', () => {
    const hits = words.hitsIn('There is no evidence, officials said.');
    expect(hits).toContainEqual({ group: 'refute', entry: 'no evidence', index: 2 });
  });

  it('finds nothing in a plain factual sentence', () => {
    expect(words.hitsIn('The bridge opened to traffic on Monday morning.')).toEqual([]);
  });

  it('refuses a group the features do not know', () => {
    expect(
      () =>
        new StanceWords([
          // @ts-expect-error: an id outside STANCE_WORD_GROUPS, as a bad lexicon file would give.
          { id: 'sarcasm', note: 'unknown', examples: [], words: ['sure'] },
        ]),
    ).toThrow(/unknown group "sarcasm"/);
  });
});
