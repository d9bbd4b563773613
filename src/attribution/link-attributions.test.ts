import { describe, expect, it } from 'vitest';
import type { AttributionRole } from './read-brat.js';
import { linkAttributions, spansFromTags, type RoleSpan } from './link-attributions.js';

// Token i covers characters [10 i, 10 i + 5): spans are easy to read back as token numbers.
function span(
  role: AttributionRole,
  firstToken: number,
  lastToken: number,
  sentence: number,
  paragraph = 0,
): RoleSpan {
  return {
    role,
    start: firstToken * 10,
    end: lastToken * 10 + 5,
    firstToken,
    lastToken,
    sentence,
    paragraph,
  };
}
const tokenOf = (offset: number): number => offset / 10;

describe('linking attributions', () => {
  it('gives a cue the source before it and both halves of a quote it splits', () => {
    // “We will not leave,” Qassem said, “not now.”
    const [attribution, ...rest] = linkAttributions([
      { ...span('content', 0, 5, 0), quoted: true },
      span('source', 6, 6, 0),
      span('cue', 7, 7, 0),
      { ...span('content', 9, 12, 0), quoted: true },
    ]);
    expect(rest).toEqual([]);
    expect(tokenOf(attribution!.cue.start)).toBe(7);
    expect(tokenOf(attribution!.source!.start)).toBe(6);
    expect(attribution!.content.map((piece) => tokenOf(piece.start))).toEqual([0, 9]);
    expect([attribution!.start, attribution!.end]).toEqual([0, 125]);
  });

  it('keeps one content span a side, and two only around a quotation', () => {
    const contentOf = (spans: RoleSpan[]): number[][] =>
      linkAttributions(spans).map((item) => item.content.map((piece) => tokenOf(piece.start)));
    const cue = span('cue', 7, 7, 0);
    // “We will not leave,” Qassem said to reporters: the quotation, not the stray clause.
    expect(
      contentOf([{ ...span('content', 0, 5, 0), quoted: true }, cue, span('content', 9, 10, 0)]),
    ).toEqual([[0]]);
    // Two plain clauses: the one after the cue ("… said that …").
    expect(contentOf([span('content', 0, 5, 0), cue, span('content', 9, 10, 0)])).toEqual([[9]]);
    // Two on one side: the nearer.
    expect(contentOf([cue, span('content', 9, 10, 0), span('content', 12, 14, 0)])).toEqual([[9]]);
  });

  it('takes a source after the cue when none comes before it ("…, said Smith")', () => {
    const [attribution] = linkAttributions([
      span('content', 0, 4, 0),
      span('cue', 6, 6, 0),
      span('source', 7, 8, 0),
    ]);
    expect(tokenOf(attribution!.source!.start)).toBe(7);
  });

  it('never takes a source from another sentence, and keeps cues without one', () => {
    const attributions = linkAttributions([
      span('source', 0, 0, 0),
      span('cue', 5, 6, 1),
      span('content', 7, 9, 1),
    ]);
    expect(attributions).toHaveLength(1);
    expect(attributions[0]!.source).toBeUndefined();
    expect(attributions[0]!.content).toHaveLength(1);
  });

  it('gives each content span to the nearest cue of its sentence', () => {
    const attributions = linkAttributions([
      span('source', 0, 0, 0),
      span('cue', 1, 1, 0),
      span('content', 2, 4, 0),
      span('cue', 6, 6, 0),
      span('content', 7, 9, 0),
    ]);
    expect(attributions.map((item) => item.content.map((piece) => tokenOf(piece.start)))).toEqual([
      [2],
      [7],
    ]);
    // The second cue's nearest source before it in the sentence is the first cue's.
    expect(tokenOf(attributions[1]!.source!.start)).toBe(0);
  });

  it('drops content and sources that no cue can take', () => {
    expect(linkAttributions([span('source', 0, 0, 0), span('content', 2, 3, 0)])).toEqual([]);
  });

  it('reads spans out of BILOU tags', () => {
    const tokens = [0, 1, 2, 3, 4].map((index) => ({ start: index * 10, end: index * 10 + 5 }));
    const spans = spansFromTags(
      ['U-source', 'U-cue', 'B-content', 'L-content', 'U-content'],
      tokens,
      0,
      () => 0,
      0,
    );
    expect(spans.map((item) => [item.role, item.firstToken, item.lastToken])).toEqual([
      ['source', 0, 0],
      ['cue', 1, 1],
      ['content', 2, 3],
      ['content', 4, 4],
    ]);
  });

  it('reads spans out of BIO tags', () => {
    const tokens = [0, 1, 2, 3, 4].map((index) => ({ start: index * 10, end: index * 10 + 5 }));
    const spans = spansFromTags(
      ['B-source', 'B-cue', 'B-content', 'I-content', 'O'],
      tokens,
      20,
      () => 3,
      1,
    );
    expect(spans.map((item) => [item.role, item.firstToken, item.lastToken])).toEqual([
      ['source', 20, 20],
      ['cue', 21, 21],
      ['content', 22, 23],
    ]);
  });
});
