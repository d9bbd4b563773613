import { describe, expect, it } from 'vitest';
import {
  featureVector,
  figuresOf,
  joinProbability,
  shippedStoryJoinModel,
  STORY_JOIN_FEATURES,
  type JoinEvidence,
} from './story-join.js';

const EVIDENCE: JoinEvidence = {
  centroidCosine: 0.5,
  closestReportCosine: 0.6,
  titleCosine: 0.2,
  sharedRareTerms: 3,
  sharedFigures: 0,
  marginOverRunnerUp: 0.3,
  rankedFirst: true,
};

describe('story join model', () => {
  it('keeps figures and drops years and single digits', () => {
    expect([
      ...figuresOf('Claims rose by 137,000 to 853,000 in 2020, 3 states said; 4.5%'),
    ]).toEqual(['137,000', '853,000', '4.5']);
  });

  it('orders features as the model file names them, counts as log(1 + n)', () => {
    const features = featureVector(EVIDENCE);
    expect(features).toHaveLength(STORY_JOIN_FEATURES.length);
    expect(features[3]).toBeCloseTo(Math.log(4), 10);
    expect(features[6]).toBe(1);
  });

  it('gives a clear, name-sharing lead a higher probability than a close call', () => {
    const model = shippedStoryJoinModel();
    const closeCall = { ...EVIDENCE, sharedRareTerms: 0, marginOverRunnerUp: 0.01 };
    expect(joinProbability(model, EVIDENCE)).toBeGreaterThan(model.threshold);
    expect(joinProbability(model, closeCall)).toBeLessThan(joinProbability(model, EVIDENCE));
  });
});
