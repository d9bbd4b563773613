import { describe, expect, it } from 'vitest';
import { CodePointOffsets } from './code-points.js';

describe('code point offsets', () => {
  it('are the same as UTF-16 offsets in text without astral characters', () => {
    const offsets = new CodePointOffsets('Plain “quoted” text, é and ñ.');
    expect(offsets.toCodePoint(7)).toBe(7);
    expect(offsets.toUtf16(20)).toBe(20);
  });

  it('count an astral character once, where UTF-16 counts it twice', () => {
    const text = 'a😀b😀c';
    const offsets = new CodePointOffsets(text);
    // Python: 'a😀b😀c'.index('b') == 2, .index('c') == 4.
    expect(offsets.toUtf16(2)).toBe(text.indexOf('b'));
    expect(offsets.toUtf16(4)).toBe(text.indexOf('c'));
    expect(offsets.toUtf16(5)).toBe(text.length);
    expect(offsets.toCodePoint(text.indexOf('c'))).toBe(4);
    expect(offsets.toCodePoint(text.length)).toBe(5);
  });

  it('round-trips every code point boundary', () => {
    const text = '𝒳 said “🙂 fine” 😀😀 ok';
    const offsets = new CodePointOffsets(text);
    const codePoints = [...text].length;
    for (let index = 0; index <= codePoints; index++) {
      expect(offsets.toCodePoint(offsets.toUtf16(index))).toBe(index);
    }
  });
});
