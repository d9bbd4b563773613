import { describe, expect, it } from 'vitest';
import type { AttributionSpans } from '../model/article.js';
import type { TextRange } from '../model/span.js';
import type { GoldAttribution } from './read-brat.js';
import {
  AttributionScorer,
  jaccard,
  nonSpacePrefix,
  normalisePieces,
} from './score-attributions.js';

const text = '“We will stay,” Qassem said, “and fight.” Officials said talks failed.';
const at = (phrase: string, from = 0): TextRange => {
  const start = text.indexOf(phrase, from);
  if (start < 0) throw new Error(phrase);
  return { start, end: start + phrase.length };
};

const gold: GoldAttribution[] = [
  {
    source: [at('Qassem')],
    cue: [at('said')],
    content: [at('“We will stay,”'), at('“and fight.”')],
  },
  { source: [at('Officials')], cue: [at('said', 40)], content: [at('talks failed')] },
];

function attribution(cue: TextRange, content: TextRange[], source?: TextRange): AttributionSpans {
  return { start: 0, end: text.length, cue, content, ...(source ? { source } : {}) };
}

describe('attribution scorer', () => {
  it('gives 1 everywhere for the gold attributions themselves', () => {
    const scorer = new AttributionScorer();
    scorer.add(
      text,
      gold.map((item) => attribution(item.cue[0]!, [...item.content], item.source[0])),
      gold,
    );
    const scores = scorer.scores();
    for (const role of ['source', 'cue', 'content'] as const) {
      expect(scores[role].exact.f1).toBe(1);
      expect(scores[role].overlap.f1).toBe(1);
    }
    expect(scores.triple.f1).toBe(1);
  });

  it('needs every piece of a discontinuous content for an exact match', () => {
    const scorer = new AttributionScorer();
    scorer.add(
      text,
      [
        attribution(at('said'), [at('“We will stay,”')], at('Qassem')),
        attribution(at('said', 40), [at('talks failed')], at('Officials')),
      ],
      gold,
    );
    const { content, cue, triple } = scorer.scores();
    expect(cue.exact.f1).toBe(1);
    expect(content.exact).toMatchObject({ matched: 1, predicted: 2, gold: 2 });
    expect(triple.f1).toBe(0.5);
    // The partial content overlaps its gold span by 13 of 24 non-space characters.
    expect(content.overlap.precision).toBeCloseTo((13 / 24 + 1) / 2);
  });

  it('scores overlap by Jaccard over non-space characters', () => {
    const prefix = nonSpacePrefix(text);
    // "talks failed" (11 non-space) against "failed" (6): 6 / 11.
    expect(jaccard([at('talks failed')], [at('failed')], prefix)).toBeCloseTo(6 / 11);
    expect(jaccard([at('Qassem')], [at('Officials')], prefix)).toBe(0);
  });

  it('counts a missed span in recall and a spurious one in precision', () => {
    const scorer = new AttributionScorer();
    scorer.add(text, [attribution(at('said', 40), [at('talks failed')], at('talks'))], gold);
    const { source } = scorer.scores();
    expect(source.exact).toMatchObject({ matched: 0, predicted: 1, gold: 2, f1: 0 });
    expect(source.overlap.precision).toBe(0);
  });

  it('trims white space and joins pieces split only by white space', () => {
    expect(
      normalisePieces('ab  cd ef', [
        { start: 0, end: 3 },
        { start: 4, end: 6 },
      ]),
    ).toEqual([{ start: 0, end: 6 }]);
  });
});
