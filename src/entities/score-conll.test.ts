import { describe, expect, it } from 'vitest';
import { chunksOf, scoreEntities } from './score-conll.js';

describe('chunksOf (conlleval chunk rules)', () => {
  it('finds B-/I- chunks with exclusive ends', () => {
    expect(chunksOf(['B-PER', 'I-PER', 'O', 'B-LOC'])).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 3, end: 4, type: 'LOC' },
    ]);
  });

  it('starts a chunk at an I- after O, and at an I- of another type', () => {
    expect(chunksOf(['O', 'I-LOC', 'I-LOC', 'I-ORG'])).toEqual([
      { start: 1, end: 3, type: 'LOC' },
      { start: 3, end: 4, type: 'ORG' },
    ]);
  });

  it('ends a chunk at a B- of the same type', () => {
    expect(chunksOf(['B-PER', 'B-PER', 'I-PER'])).toEqual([
      { start: 0, end: 1, type: 'PER' },
      { start: 1, end: 3, type: 'PER' },
    ]);
  });
});

describe('scoreEntities', () => {
  it('counts only exact start, end and type matches, micro-averaged over sentences', () => {
    const gold = [
      ['B-PER', 'I-PER', 'O', 'B-LOC'],
      ['B-ORG', 'O', 'B-MISC'],
    ];
    const predicted = [
      ['B-PER', 'O', 'O', 'B-LOC'], // PER cut short: wrong; LOC right
      ['B-ORG', 'O', 'B-PER'], // ORG right; MISC predicted as PER: wrong
    ];
    const scores = scoreEntities(gold, predicted);
    expect(scores.overall.correct).toBe(2);
    expect(scores.overall.gold).toBe(4);
    expect(scores.overall.predicted).toBe(4);
    expect(scores.overall.f1).toBeCloseTo(0.5);
    expect(scores.byType['LOC']!.f1).toBe(1);
    expect(scores.byType['PER']).toMatchObject({ gold: 1, predicted: 2, correct: 0 });
    expect(scores.byType['MISC']).toMatchObject({ gold: 1, predicted: 0, correct: 0, recall: 0 });
    expect(scores.tokenAccuracy).toBeCloseTo(5 / 7);
  });

  it('scores an I- after O as the start of an entity, as conlleval does', () => {
    const scores = scoreEntities([['O', 'B-LOC', 'I-LOC']], [['O', 'I-LOC', 'I-LOC']]);
    expect(scores.overall).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  it('gives zeros, not NaN, when there is nothing to find', () => {
    expect(scoreEntities([['O']], [['O']]).overall).toMatchObject({
      precision: 0,
      recall: 0,
      f1: 0,
    });
  });
});
