import { describe, it, expect } from 'vitest';
import { averageScores, scoreShingles, shingles, shingleWords } from './shingle-metric.js';

describe('shingleWords', () => {
  it('lower-cases and keeps letters, digits and underscores of any script, like Python \\w', () => {
    expect(shingleWords('Kovač said: "Über-fast" 4G_net, 12.5%!')).toEqual([
      'kovač',
      'said',
      'über',
      'fast',
      '4g_net',
      '12',
      '5',
    ]);
    expect(shingleWords('Москва — 東京')).toEqual(['москва', '東京']);
  });

  it('finds no words in punctuation or an empty text', () => {
    expect(shingleWords('— … !')).toEqual([]);
    expect(shingleWords('')).toEqual([]);
  });
});

describe('shingles', () => {
  it('makes the set of 4-word windows', () => {
    expect([...shingles('one two three four five')]).toEqual([
      'one two three four',
      'two three four five',
    ]);
  });

  it('counts a repeated window once', () => {
    expect(shingles('a b c d a b c d').size).toBe(4);
  });

  it('makes one short shingle of a text under four words, and none of an empty one', () => {
    expect([...shingles('Breaking news today')]).toEqual(['breaking news today']);
    expect(shingles('  ').size).toBe(0);
  });
});

describe('scoreShingles', () => {
  it('scores an exact copy 1, whatever the case, spacing and punctuation', () => {
    expect(
      scoreShingles('The port, reopened on Friday.', 'the port reopened\n\non friday'),
    ).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
    });
  });

  it('counts extra text against precision and missing text against recall', () => {
    const truth = 'one two three four five six';
    const extra = scoreShingles(`${truth} seven eight`, truth);
    expect(extra.recall).toBe(1);
    expect(extra.precision).toBeCloseTo(3 / 5);
    const missing = scoreShingles('one two three four five', truth);
    expect(missing.precision).toBe(1);
    expect(missing.recall).toBeCloseTo(2 / 3);
    expect(missing.f1).toBeCloseTo((2 * (2 / 3)) / (1 + 2 / 3));
  });

  it('scores disjoint texts 0', () => {
    expect(scoreShingles('a b c d e', 'v w x y z')).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('handles empty texts: both empty is perfect, an empty prediction scores 0', () => {
    expect(scoreShingles('', '')).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(scoreShingles('', 'some true text here')).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(scoreShingles('some predicted text here', '')).toEqual({
      precision: 0,
      recall: 1,
      f1: 0,
    });
  });
});

describe('averageScores', () => {
  it('averages each figure over pages', () => {
    const mean = averageScores([
      { precision: 1, recall: 0.5, f1: 2 / 3 },
      { precision: 0.5, recall: 1, f1: 2 / 3 },
    ]);
    expect(mean.precision).toBeCloseTo(0.75);
    expect(mean.recall).toBeCloseTo(0.75);
    expect(mean.f1).toBeCloseTo(2 / 3);
  });

  it('is all zero for no pages', () => {
    expect(averageScores([])).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});
