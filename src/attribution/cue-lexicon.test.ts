import { describe, expect, it } from 'vitest';
import { buildCueLexicon, findCueWords, loadCueLexicon } from './cue-lexicon.js';

// Every group of lexicons/cue-words.json proves itself: each example is found as a cue.
describe('cue lexicon', () => {
  const lexicon = loadCueLexicon();
  for (const group of lexicon.groups) {
    it(`${group.id} has a note and examples`, () => {
      expect(group.note.length).toBeGreaterThan(10);
      expect(group.examples.length).toBeGreaterThan(0);
    });
    for (const example of group.examples) {
      it(`${group.id} finds ${JSON.stringify(example)}`, () => {
        const hits = findCueWords(lexicon, example.split(' '));
        expect(hits[0]).toMatch(group.category === 'phrase' ? /^phrase$/ : new RegExp(group.id));
      });
    }
  }

  it('prefers the longest phrase and marks the words inside it', () => {
    const small = buildCueLexicon([
      {
        id: 'phrase',
        category: 'phrase',
        note: 'test phrases',
        examples: [],
        phrases: ['according to', 'according to sources'],
      },
      { id: 'speech', category: 'verb', note: 'test words', examples: [], words: ['said'] },
    ]);
    expect(findCueWords(small, ['according', 'to', 'sources', ',', 'he', 'said'])).toEqual([
      'phrase',
      'phrase-in',
      'phrase-in',
      '',
      '',
      'speech',
    ]);
  });
});
