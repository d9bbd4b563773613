import { describe, expect, it } from 'vitest';
import { segmentText } from './segment-text.js';

function sentencesOf(text: string, paragraphs = [{ start: 0, end: text.length }]): string[] {
  return segmentText(text, paragraphs).sentences.map((range) => text.slice(range.start, range.end));
}

describe('segmentText', () => {
  it('does not end sentences at abbreviations like U.S., Oct. and Gen.', () => {
    const text = 'Gen. Halden met U.S. officials on Oct. 7 in Aldren. He left on Friday.';
    expect(sentencesOf(text)).toEqual([
      'Gen. Halden met U.S. officials on Oct. 7 in Aldren.',
      'He left on Friday.',
    ]);
  });

  it('never runs a sentence across a paragraph boundary', () => {
    const text = 'Minister signals decree within days\n\nRenko spoke on Monday.';
    const paragraphs = [
      { start: 0, end: 35 },
      { start: 37, end: text.length },
    ];
    expect(sentencesOf(text, paragraphs)).toEqual([
      'Minister signals decree within days',
      'Renko spoke on Monday.',
    ]);
  });

  it('gives tokens UTF-16 offsets that slice back to their text, curly quotes and non-Latin letters included', () => {
    const text = 'Kovač said “no” — 30 million euros.';
    const { tokens } = segmentText(text, [{ start: 0, end: text.length }]);
    const words = tokens.map((token) => text.slice(token.start, token.end));
    expect(words).toContain('Kovač');
    expect(words).toContain('“');
    expect(tokens.find((token) => text.slice(token.start, token.end) === '30')?.kind).toBe(
      'number',
    );
    for (let index = 1; index < tokens.length; index++)
      expect(tokens[index]!.start).toBeGreaterThanOrEqual(tokens[index - 1]!.end);
  });
});
