import { describe, expect, it } from 'vitest';
import { parseBrat, plainTextParagraphs, writeBrat } from './read-brat.js';

const text = 'He 😀 said: “We stay,\nfor now.” Later, it was reported that talks failed.';
// Offsets below are Python code points: the emoji counts once.
const ann = [
  'T1\tSource 0 2\tHe',
  'T2\tCue 5 10\tsaid:',
  'T3\tContent 11 20;21 30\t“We stay,',
  'for now.”',
  'T4\tAttribution 5 10\tsaid:',
  'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
  'T5\tCue 45 53\treported',
  'T6\tContent 54 71\tthat talks failed',
  'T7\tAttribution-no-source 45 53\treported',
  'E2\tAttribution-no-source:T7 Content:T6 Cue:T5',
  'T8\tDiscuss 0 10\tHe 😀 said:',
  'E3\tDiscuss:T8',
  '#1\tAnnotatorNotes T3\tnote',
].join('\n');

describe('brat reader', () => {
  const attributions = parseBrat(ann, text);
  const slice = (range: { start: number; end: number }): string =>
    text.slice(range.start, range.end);

  it('reads one attribution per Attribution E line and ignores the rest', () => {
    expect(attributions).toHaveLength(2);
  });

  it('converts code point offsets past an astral character to UTF-16', () => {
    expect(attributions[0]!.cue.map(slice)).toEqual(['said:']);
    expect(attributions[0]!.source.map(slice)).toEqual(['He']);
  });

  it('keeps the pieces of a discontinuous span whose text runs over a line break', () => {
    expect(attributions[0]!.content.map(slice)).toEqual(['“We stay,', 'for now.”']);
  });

  it('leaves the source empty for Attribution-no-source', () => {
    expect(attributions[1]!.source).toEqual([]);
    expect(attributions[1]!.cue.map(slice)).toEqual(['reported']);
    expect(attributions[1]!.content.map(slice)).toEqual(['that talks failed']);
  });

  it('writes what it reads back', () => {
    const written = writeBrat(
      text,
      attributions.map((attribution) => ({
        cue: attribution.cue[0]!,
        content: attribution.content,
        ...(attribution.source[0] ? { source: attribution.source[0] } : {}),
      })),
    );
    expect(written).toContain('Content 11 20;21 30\t“We stay, for now.”');
    expect(parseBrat(written, text)).toEqual(attributions);
  });

  it('splits plain text into its non-empty lines', () => {
    expect(plainTextParagraphs('  One.\n\nTwo two.  \n').map((range) => range.start)).toEqual([
      2, 8,
    ]);
  });
});
