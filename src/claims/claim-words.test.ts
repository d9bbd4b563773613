import { describe, expect, it } from 'vitest';
import { claimWords, contentStems, markersOf, predicateClasses } from './claim-words.js';

describe('claims lexicon (lexicons/claim-words.json)', () => {
  const words = claimWords();
  for (const group of words.predicateGroups) {
    for (const example of group.examples) {
      it(`finds the "${group.id}" action in "${example}"`, () => {
        expect([...predicateClasses(contentStems(example))]).toContain(group.id);
      });
    }
  }
  for (const group of words.markerGroups) {
    for (const example of group.examples) {
      it(`marks "${example}" as ${group.id}`, () => {
        expect([...markersOf(example)]).toContain(group.id);
      });
    }
  }

  it('aligns the paraphrases the issue names through one action', () => {
    const exit = predicateClasses(contentStems('preparing for a safe exit'));
    const leave = predicateClasses(contentStems('preparing to leave the Gaza Strip'));
    expect([...exit].filter((id) => leave.has(id))).toEqual(
      expect.arrayContaining(['leave', 'prepare']),
    );
  });

  it('keeps stop words and reporting verbs out of the terms', () => {
    expect(contentStems('He said that the leaders would leave')).toEqual(['leader', 'leav']);
  });

  it('does not mark a plain statement', () => {
    expect([...markersOf('The leaders are preparing to leave Gaza')]).toEqual([]);
  });
});
