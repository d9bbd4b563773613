import { describe, expect, it } from 'vitest';
import {
  DENSE_FEATURE_NAMES,
  LEXICAL_PREFIXES,
  StanceFeatureExtractor,
  type StanceFeatures,
} from './stance-features.js';

const BODY = [
  'Officials denied on Monday that the mayor had resigned.',
  'The report that Mayor Jane Porter quit her post is false, her office said.',
  'Porter will attend the budget meeting on Thursday.',
].join('\n');

function dense(features: StanceFeatures, name: string): number {
  const index = DENSE_FEATURE_NAMES.indexOf(name);
  expect(index).toBeGreaterThanOrEqual(0);
  return features.dense[index]!;
}

describe('StanceFeatureExtractor', () => {
  const extractor = new StanceFeatureExtractor();
  const body = extractor.analyzeBody(BODY);

  it('finds the headline in the body by TF-IDF cosine and stem cover', () => {
    const matching = extractor.features(
      extractor.analyzeHeadline('Mayor Jane Porter resigns'),
      body,
    );
    const other = extractor.features(extractor.analyzeHeadline('Volcano erupts in Iceland'), body);
    expect(dense(matching, 'cosineBody')).toBeGreaterThan(0.3);
    expect(dense(matching, 'coverBody')).toBeGreaterThan(0.6);
    expect(dense(other, 'cosineBody')).toBe(0);
    expect(dense(other, 'coverBody')).toBe(0);
  });

  it('counts refutation and negation in the sentences closest to the headline', () => {
    const features = extractor.features(extractor.analyzeHeadline('Mayor Jane Porter quits'), body);
    expect(dense(features, 'best:refute')).toBe(1);
    expect(dense(features, 'body:refute')).toBeCloseTo(2 / 3, 10);
    expect(dense(features, 'headline:refute')).toBe(0);
    expect(dense(features, 'mismatch:refute')).toBe(1);
    expect(features.sparse.map(([key]) => key)).toContain('tc:refute:false');
  });

  it('splits a body into sentences and lines', () => {
    expect(body.sentences).toHaveLength(3);
  });

  it('gives the same non-lexical features with lexical ones left out', () => {
    const lean = new StanceFeatureExtractor({ lexical: false });
    const headline = 'Mayor Jane Porter quits, reports say';
    const full = extractor.features(extractor.analyzeHeadline(headline), body);
    const without = lean.features(lean.analyzeHeadline(headline), lean.analyzeBody(BODY));
    expect([...without.dense]).toEqual([...full.dense]);
    const isLexical = ([key]: readonly [string, number]): boolean =>
      LEXICAL_PREFIXES.some((prefix) => key.startsWith(prefix));
    expect(full.sparse.some(isLexical)).toBe(true);
    expect(without.sparse).toEqual(full.sparse.filter((entry) => !isLexical(entry)));
  });
});
