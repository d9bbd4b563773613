import { describe, expect, it } from 'vitest';
import { STANCES } from './read-fnc.js';
import { StanceClassifier, classifyStance, decide } from './classify-stance.js';

const BRIDGE_BODY = [
  'The city council voted on Tuesday to close the Harbor Street bridge for repairs starting next month.',
  'The bridge, built in 1932, will stay closed for six weeks while crews replace its steel deck, the council said.',
  'Drivers will be detoured over the Main Street bridge.',
].join(' ');

const SHARK_HEADLINE = 'Shark swims through flooded Houston streets';
const SHARK_REFUTED = [
  'No, a shark did not swim through the flooded streets of Houston.',
  'The viral photo is a fake.',
  'Police denied the claims and said there was no shark.',
  'The story is not true.',
].join(' ');
const SHARK_HEDGED = [
  'A shark was reportedly seen swimming in flooded Houston streets, according to unconfirmed posts on social media.',
  'It is not yet clear whether the photo is genuine, and officials could not confirm the claims.',
].join(' ');

describe('classifyStance (shipped model)', () => {
  it('calls a headline about something else unrelated', () => {
    expect(
      classifyStance('Apple unveils new iPhone with a larger screen', BRIDGE_BODY).stance,
    ).toBe('unrelated');
  });

  it('gives a related stance to a headline the body reports', () => {
    const result = classifyStance(
      'Harbor Street bridge to close for six weeks of repairs',
      BRIDGE_BODY,
    );
    expect(result.stance).not.toBe('unrelated');
    expect(result.scores.unrelated).toBeLessThan(0.1);
  });

  it('calls a body that refutes the headline throughout disagree', () => {
    expect(classifyStance(SHARK_HEADLINE, SHARK_REFUTED).stance).toBe('disagree');
  });

  it('calls a body that only passes the claim on, hedged, discuss', () => {
    expect(classifyStance(SHARK_HEADLINE, SHARK_HEDGED).stance).toBe('discuss');
  });

  it('gives probabilities of the four classes that sum to one', () => {
    const { scores } = classifyStance(SHARK_HEADLINE, SHARK_REFUTED);
    expect(Object.keys(scores)).toEqual([...STANCES]);
    expect(Object.values(scores).reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 6);
  });

  it('records in its file how it was trained and what it scored', () => {
    const classifier = StanceClassifier.load();
    expect(classifier.about).toHaveProperty('heldOut');
    expect(classifier.about).toHaveProperty('reportSplit');
  });

  it('gives the same answer for a pair whether its body was seen before or not', () => {
    const fresh = StanceClassifier.load();
    const first = fresh.classify(SHARK_HEADLINE, SHARK_HEDGED);
    fresh.classify('Another headline entirely', SHARK_HEDGED);
    expect(fresh.classify(SHARK_HEADLINE, SHARK_HEDGED)).toEqual(first);
  });
});

describe('decide', () => {
  it('takes the most probable class after the offsets', () => {
    const probabilities = Float64Array.from([0.4, 0.3, 0.2, 0.1]);
    expect(decide(probabilities, [0, 0, 0, 0]).stance).toBe('agree');
    expect(decide(probabilities, [0, Math.log(2), 0, 0]).stance).toBe('disagree');
  });
});
