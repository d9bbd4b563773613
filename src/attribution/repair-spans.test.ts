import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../test/article-from-text.js';
import type { AttributionSpans } from '../model/article.js';
import type { TextRange } from '../model/span.js';
import { repairSpans } from './repair-spans.js';

function range(text: string, needle: string, from = 0): TextRange {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`not in text: ${needle}`);
  return { start, end: start + needle.length };
}

function spans(cue: TextRange, content: TextRange[], source?: TextRange): AttributionSpans {
  const parts = [cue, ...content, ...(source ? [source] : [])];
  return {
    start: Math.min(...parts.map((part) => part.start)),
    end: Math.max(...parts.map((part) => part.end)),
    cue,
    content,
    ...(source ? { source } : {}),
  };
}

function repair(text: string, found: (text: string) => AttributionSpans[]) {
  const article = articleFromText('t', text);
  const repaired = repairSpans(article, found(article.text), []);
  const slice = (part: TextRange | undefined) =>
    part ? article.text.slice(part.start, part.end) : undefined;
  return repaired.map((attribution) => ({
    source: slice(attribution.source),
    cue: slice(attribution.cue),
    content: attribution.content.map(slice),
  }));
}

describe('repairSpans', () => {
  it('gives a lone cue the clause before "…, the outlet reported."', () => {
    const result = repair('The crews would arrive on Monday, the outlet reported.', (text) => [
      spans(range(text, 'reported'), [], range(text, 'the outlet')),
    ]);
    expect(result).toEqual([
      { source: 'the outlet', cue: 'reported', content: ['The crews would arrive on Monday'] },
    ]);
  });

  it('gives "According to X," the rest of its sentence', () => {
    const result = repair(
      'According to local officials, at least 40 families fled overnight.',
      (text) => [spans(range(text, 'According to'), [], range(text, 'local officials'))],
    );
    expect(result[0]!.content).toEqual(['at least 40 families fled overnight']);
  });

  it('does not take whom they told for what they said', () => {
    const result = repair(
      'Crews will arrive next week, two sources told the regional broadcaster Radio Velmora on Tuesday.',
      (text) => [
        spans(
          range(text, 'told'),
          [range(text, 'the regional broadcaster Radio Velmora on Tuesday')],
          range(text, 'two sources'),
        ),
      ],
    );
    expect(result[0]!.content).toEqual(['Crews will arrive next week']);
  });

  it('gives a parenthetical cue both sides of the sentence', () => {
    const result = repair('Turkey, they said, remains the main option.', (text) => [
      spans(range(text, 'said'), [], range(text, 'they')),
    ]);
    expect(result[0]!.content).toEqual(['Turkey', 'remains the main option']);
  });

  it('does not take the recipient for the content ("revealed to X on Tuesday")', () => {
    const result = repair(
      'Leaders are preparing an exit, sources within the group revealed to the Daily Post on Tuesday.',
      (text) => [spans(range(text, 'revealed'), [], range(text, 'the group'))],
    );
    expect(result[0]).toEqual({
      source: 'sources within the group',
      cue: 'revealed',
      content: ['Leaders are preparing an exit'],
    });
  });

  it('moves a source noun out of the cue and trims quotes off the source', () => {
    const result = repair('The London-based daily cited three sources.', (text) => [
      spans(
        range(text, 'daily cited'),
        [range(text, 'three sources')],
        range(text, 'The London-based'),
      ),
    ]);
    expect(result[0]).toMatchObject({ source: 'The London-based daily', cue: 'cited' });
  });

  it('takes "citing …" out of the content', () => {
    const result = repair('A channel reported this, citing two officials.', (text) => [
      spans(
        range(text, 'reported'),
        [range(text, 'this, citing two officials')],
        range(text, 'A channel'),
      ),
    ]);
    expect(result[0]!.content).toEqual(['this']);
  });

  it('finds a denial the tagger missed, with the phrase before "who" as its source', () => {
    const result = repair(
      'However, the outlet spoke to a “senior leader based abroad” who denied these reports.',
      () => [],
    );
    expect(result).toEqual([
      { source: 'a “senior leader based abroad”', cue: 'denied', content: ['these reports'] },
    ]);
  });

  it('finds the named denier with an appositive, and shares it with "and told"', () => {
    const result = repair(
      'However, Milan Radić, a senior official based abroad, denied these reports and told the radio that all was calm.',
      (text) => [
        spans(range(text, 'denied'), [range(text, 'these reports')]),
        spans(range(text, 'told'), [range(text, 'all was calm')]),
      ],
    );
    expect(result.map((attribution) => attribution.source)).toEqual([
      'Milan Radić, a senior official based abroad',
      'Milan Radić, a senior official based abroad',
    ]);
  });

  it('moves a relative clause the cue swallowed back into the source', () => {
    const result = repair(
      'Palestinian sources who spoke with ynet said the plan is ready.',
      (text) => [
        spans(
          range(text, 'spoke with ynet said'),
          [range(text, 'the plan is ready')],
          range(text, 'who'),
        ),
      ],
    );
    expect(result[0]).toMatchObject({
      source: 'Palestinian sources who spoke with ynet',
      cue: 'said',
    });
  });

  it('leaves a deny word in quoted words and a noun "dispute" alone', () => {
    const result = repair(
      'Figures said they “categorically reject leaving.” The dispute dates back years.',
      () => [],
    );
    expect(result).toEqual([]);
  });
});
