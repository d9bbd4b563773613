import { describe, expect, it } from 'vitest';
import { bCubed } from './b-cubed.js';

const labels = (pairs: Record<string, string>): Map<string, string> =>
  new Map(Object.entries(pairs));

describe('bCubed', () => {
  it('scores a perfect clustering 1', () => {
    const gold = labels({ a: '1', b: '1', c: '2' });
    const scores = bCubed(gold, labels({ a: 'x', b: 'x', c: 'y' }));
    expect(scores).toEqual({ precision: 1, recall: 1, f1: 1, items: 3 });
  });

  it('loses recall when a gold cluster is split and precision when clusters merge', () => {
    const gold = labels({ a: '1', b: '1', c: '2', d: '2' });
    const split = bCubed(gold, labels({ a: 'x', b: 'y', c: 'z', d: 'z' }));
    expect(split.precision).toBe(1);
    expect(split.recall).toBeCloseTo(0.75);
    const merged = bCubed(gold, labels({ a: 'x', b: 'x', c: 'x', d: 'x' }));
    expect(merged.precision).toBeCloseTo(0.5);
    expect(merged.recall).toBe(1);
    expect(merged.f1).toBeCloseTo(2 / 3);
  });

  it('counts items missing from the prediction as singletons', () => {
    const scores = bCubed(labels({ a: '1', b: '1' }), labels({ a: 'x' }));
    expect(scores.precision).toBe(1);
    expect(scores.recall).toBeCloseTo(0.5);
  });
});
