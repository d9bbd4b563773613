import { describe, expect, it } from 'vitest';
import { OffsetMap } from './offset-map.js';

describe('OffsetMap', () => {
  // original: "AAA xx BBB" → cleaned "AAA\n\nBBB" (run 1: 0..3 → 0; run 2: 7..10 → 5)
  const map = new OffsetMap([
    { cleanStart: 0, originalStart: 0, length: 3 },
    { cleanStart: 5, originalStart: 7, length: 3 },
  ]);

  it('maps offsets inside runs back to the original', () => {
    expect(map.toOriginal(1)).toBe(1);
    expect(map.toOriginal(5)).toBe(7);
    expect(map.toOriginal(7)).toBe(9);
  });

  it('maps a range whose end is exclusive through its last character', () => {
    expect(map.rangeToOriginal(5, 8)).toEqual({ start: 7, end: 10 });
    expect(map.rangeToOriginal(0, 8)).toEqual({ start: 0, end: 10 });
  });

  it('maps offsets inside an inserted separator to the end of the run before it', () => {
    expect(map.toOriginal(4)).toBe(3);
  });
});
