import { describe, expect, it } from 'vitest';
import { framingLexicon } from '../src/framing/framing-lexicon.js';

// Every example in lexicons/framing.json is a test: matching the whole lexicon over the example
// gives exactly its matches for that entry, and a counterexample gives none.
describe('framing lexicon examples', () => {
  const lexicon = framingLexicon();
  for (const entry of lexicon.entries) {
    const matchesOf = (text: string): string[] =>
      lexicon
        .match(text)
        .filter((match) => match.entry.id === entry.id)
        .map((match) => text.slice(match.start, match.end));
    for (const example of entry.examples) {
      it(`${entry.id}: ${JSON.stringify(example.text)} gives ${JSON.stringify(example.matches)}`, () => {
        expect(matchesOf(example.text)).toEqual(example.matches);
      });
    }
    for (const counterexample of entry.counterexamples ?? []) {
      it(`${entry.id}: nothing in ${JSON.stringify(counterexample)}`, () => {
        expect(matchesOf(counterexample)).toEqual([]);
      });
    }
  }

  it('has a note and at least one example for every entry, and known categories', () => {
    const categories = new Set([
      'actor-label',
      'loaded',
      'intensifier',
      'hedge',
      'vague-attribution',
      'certainty',
    ]);
    for (const entry of lexicon.entries) {
      expect(entry.note.length, entry.id).toBeGreaterThan(10);
      expect(entry.examples.length, entry.id).toBeGreaterThan(0);
      expect(categories.has(entry.category), entry.id).toBe(true);
    }
    expect(new Set(lexicon.entries.map((entry) => entry.id)).size).toBe(lexicon.entries.length);
  });

  it('lets the longest pattern win and never overlaps', () => {
    const text = 'Supporters hailed the freedom fighters; the Hamas terror group denied it.';
    const found = lexicon
      .match(text)
      .map((match) => [match.entry.id, text.slice(match.start, match.end)]);
    expect(found).toEqual([
      ['freedom-fighters', 'freedom fighters'],
      ['terror', 'terror group'],
    ]);
  });

  it('keeps a gap inside one sentence', () => {
    expect(lexicon.match('They held talks. The hostage was freed.').length).toBe(0);
  });
});
