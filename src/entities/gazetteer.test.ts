import { describe, expect, it } from 'vitest';
import { Gazetteer, loadGazetteer } from './gazetteer.js';

describe('shipped gazetteer lexicon', () => {
  const gazetteer = loadGazetteer();
  for (const list of gazetteer.lists) {
    it(`${list.id} has a note, a label and entries`, () => {
      expect(list.note.length).toBeGreaterThan(10);
      expect(['PER', 'ORG', 'LOC', 'MISC', 'cue-PER', 'cue-ORG', 'O']).toContain(list.label);
      expect(list.entries.length).toBeGreaterThan(0);
    });
  }
});

describe('Gazetteer.match', () => {
  const gazetteer = new Gazetteer([
    { id: 'city', label: 'LOC', note: 'test', entries: ['Gaza City', 'Gaza'] },
    { id: 'title', label: 'cue-PER', note: 'test', entries: ['spokesperson', 'US'] },
  ]);
  const own = (words: string[]): string[][] | undefined =>
    gazetteer.match(words)?.map((hits) => hits.map((hit) => hit.own));

  it('marks every match, multi-token ones B then I', () => {
    expect(own(['in', 'Gaza', 'City'])).toEqual([[], ['g:city=B'], ['g:city=I']]);
  });

  it('matches entries as written, in capitals, and capitalised when written in lower case', () => {
    expect(own(['GAZA', 'CITY'])).toEqual([['g:city=B'], ['g:city=I']]);
    expect(own(['Spokesperson'])).toEqual([['g:title=B']]);
    expect(own(['gaza'])).toBeUndefined();
    expect(own(['us'])).toBeUndefined();
  });
});
