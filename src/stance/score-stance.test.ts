import { describe, expect, it } from 'vitest';
import type { Stance } from './read-fnc.js';
import { describeStanceScores, fncPoints, scoreStances } from './score-stance.js';

describe('fncPoints', () => {
  it('gives 0.25 for unrelated right, 1 for a related stance exactly right, 0.25 for a wrong related stance', () => {
    expect(fncPoints('unrelated', 'unrelated')).toBe(0.25);
    expect(fncPoints('agree', 'agree')).toBe(1);
    expect(fncPoints('agree', 'discuss')).toBe(0.25);
    expect(fncPoints('disagree', 'unrelated')).toBe(0);
    expect(fncPoints('unrelated', 'discuss')).toBe(0);
  });
});

describe('scoreStances', () => {
  // gold:      agree   disagree  discuss  unrelated  unrelated  discuss
  // predicted: agree   discuss   discuss  unrelated  agree      unrelated
  // points:    1       0.25      1        0.25       0          0        = 2.5
  // best:      1       1         1        0.25       0.25       1        = 4.5
  const gold: Stance[] = ['agree', 'disagree', 'discuss', 'unrelated', 'unrelated', 'discuss'];
  const predicted: Stance[] = ['agree', 'discuss', 'discuss', 'unrelated', 'agree', 'unrelated'];
  const scores = scoreStances(gold, predicted);

  it('sums FNC points as a share of the best possible sum', () => {
    expect(scores.fncSum).toBe(2.5);
    expect(scores.fncBest).toBe(4.5);
    expect(scores.fncScore).toBeCloseTo(2.5 / 4.5, 10);
  });

  it('computes per-class precision, recall and F1 and their mean', () => {
    // agree: predicted twice, right once, gold once → P 0.5, R 1, F1 2/3.
    expect(scores.byClass.agree.precision).toBe(0.5);
    expect(scores.byClass.agree.recall).toBe(1);
    expect(scores.byClass.agree.f1).toBeCloseTo(2 / 3, 10);
    // disagree: never predicted → 0.
    expect(scores.byClass.disagree.f1).toBe(0);
    // discuss: predicted twice, right once, gold twice → 0.5 / 0.5.
    expect(scores.byClass.discuss.f1).toBeCloseTo(0.5, 10);
    // unrelated: predicted twice, right once, gold twice.
    expect(scores.byClass.unrelated.f1).toBeCloseTo(0.5, 10);
    expect(scores.macroF1).toBeCloseTo((2 / 3 + 0 + 0.5 + 0.5) / 4, 10);
    expect(scores.accuracy).toBeCloseTo(3 / 6, 10);
  });

  it('fills the confusion matrix with gold rows and predicted columns', () => {
    expect(scores.confusion).toEqual([
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 1, 1],
      [1, 0, 0, 1],
    ]);
  });

  it('counts a weighted pair as that many pairs', () => {
    const weighted = scoreStances(['unrelated', 'agree'], ['unrelated', 'discuss'], [3, 1]);
    expect(weighted.fncSum).toBe(3 * 0.25 + 0.25);
    expect(weighted.fncBest).toBe(3 * 0.25 + 1);
  });

  it('refuses lists of different lengths', () => {
    expect(() => scoreStances(['agree'], [])).toThrow(/1 gold/);
  });

  it('describes the figures in lines', () => {
    const lines = describeStanceScores(scores);
    expect(lines[0]).toMatch(/^FNC score 55\.56%/);
    expect(lines.some((line) => /disagree +P 0\.00/.test(line))).toBe(true);
  });
});
