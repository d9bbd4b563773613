import { describe, expect, it } from 'vitest';
import type { FncPair } from './read-fnc.js';
import { fncClaims, splitByClaim, stableHash } from './split-fnc.js';

// Two claims: headlines A1, A2 with bodies 1, 2; headline B1 with body 3. Unrelated pairs cross.
const pairs: FncPair[] = [
  { headline: 'A1', bodyId: '1', stance: 'agree' },
  { headline: 'A2', bodyId: '1', stance: 'discuss' },
  { headline: 'A2', bodyId: '2', stance: 'disagree' },
  { headline: 'B1', bodyId: '3', stance: 'agree' },
  { headline: 'A1', bodyId: '3', stance: 'unrelated' },
  { headline: 'B1', bodyId: '2', stance: 'unrelated' },
];

describe('fncClaims', () => {
  it('joins headlines and bodies through related pairs only', () => {
    const claims = fncClaims(pairs);
    expect(claims.get('h:A1')).toBe('body 1');
    expect(claims.get('h:A2')).toBe('body 1');
    expect(claims.get('b:2')).toBe('body 1');
    expect(claims.get('h:B1')).toBe('body 3');
    expect(claims.get('b:3')).toBe('body 3');
  });
});

describe('splitByClaim', () => {
  it('holds out whole claims: no held-out headline or body is seen in training', () => {
    const folds = 2;
    const seen = new Set<number>();
    for (let fold = 0; fold < folds; fold++) {
      const split = splitByClaim(pairs, folds, fold, 3);
      const trainHeadlines = new Set(split.train.map((pair) => pair.headline));
      const trainBodies = new Set(split.train.map((pair) => pair.bodyId));
      for (const pair of split.heldOut) {
        expect(trainHeadlines.has(pair.headline)).toBe(false);
        expect(trainBodies.has(pair.bodyId)).toBe(false);
      }
      expect(split.train.length + split.heldOut.length + split.dropped).toBe(pairs.length);
      split.heldOut.forEach((pair) => seen.add(pairs.indexOf(pair)));
    }
    // Every related pair is held out in exactly one fold.
    for (const [index, pair] of pairs.entries()) {
      if (pair.stance !== 'unrelated') expect(seen.has(index)).toBe(true);
    }
  });

  it('is a pure function of the seed', () => {
    expect(stableHash('body 1', 3)).toBe(stableHash('body 1', 3));
    expect(stableHash('body 1', 3)).not.toBe(stableHash('body 1', 4));
  });
});
