import { describe, expect, it } from 'vitest';
import { StanceNetwork, dequantise, quantise } from './stance-network.js';
import { classWeights, seededRandom, trainNetwork, type TrainingExample } from './train-network.js';

/** Class = which of four sparse keys is on; one dense feature is noise. */
function toyExamples(count: number): TrainingExample[] {
  const random = seededRandom(1);
  return Array.from({ length: count }, (_, index) => {
    const label = index % 4;
    return {
      indices: Int32Array.from([label, 4 + Math.floor(random() * 3)]),
      values: Float32Array.from([1, 1]),
      dense: Float32Array.from([random() * 2 - 1]),
      label,
    };
  });
}

const VOCABULARY = ['k0', 'k1', 'k2', 'k3', 'n0', 'n1', 'n2'];
const OPTIONS = {
  epochs: 10,
  batchSize: 8,
  learningRate: 0.05,
  weightDecay: 0,
  dropout: 0,
  classWeightPower: 0,
  seed: 9,
};

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let index = 1; index < values.length; index++)
    if (values[index]! > values[best]!) best = index;
  return best;
}

describe('trainNetwork', () => {
  for (const hidden of [0, 8]) {
    it(`learns a separable toy task (hidden ${hidden})`, () => {
      const examples = toyExamples(200);
      const network = trainNetwork(examples, VOCABULARY, 4, { ...OPTIONS, hidden });
      const right = examples.filter((example) => argmax(network.logits(example)) === example.label);
      expect(right.length).toBe(examples.length);
    });
  }

  it('gives the same weights on every run with the same seed', () => {
    const examples = toyExamples(64);
    const options = { ...OPTIONS, hidden: 4, dropout: 0.3, epochs: 2 };
    const first = trainNetwork(examples, VOCABULARY, 4, options);
    const second = trainNetwork(examples, VOCABULARY, 4, options);
    expect([...second.sparseWeights]).toEqual([...first.sparseWeights]);
    const other = trainNetwork(examples, VOCABULARY, 4, { ...options, seed: 10 });
    expect([...other.sparseWeights]).not.toEqual([...first.sparseWeights]);
  });

  it('weights rare classes up by the power given', () => {
    expect(classWeights([0, 0, 0, 0, 1], 2, 0.5)).toEqual([1, 2]);
    expect(classWeights([0, 0, 0, 0, 1], 2, 0)).toEqual([1, 1]);
  });
});

describe('StanceNetwork files', () => {
  it('quantises each row to int8 within half a step of the original', () => {
    const weights = Float32Array.from([0.5, -1.27, 0.01, 0, 0, 0]);
    const back = dequantise(quantise(weights, 2, 3));
    expect(back[1]).toBeCloseTo(-1.27, 5);
    expect(Math.abs(back[0]! - 0.5)).toBeLessThan(0.01 / 2 + 1e-6);
    expect([...back.slice(3)]).toEqual([0, 0, 0]);
  });

  it('scores the same after a round trip through its file', () => {
    const examples = toyExamples(40);
    const network = trainNetwork(examples, VOCABULARY, 4, { ...OPTIONS, hidden: 4, epochs: 3 });
    const loaded = StanceNetwork.fromFile(JSON.parse(JSON.stringify(network.toFile())));
    for (const example of examples.slice(0, 8)) {
      expect(argmax(loaded.logits(example))).toBe(argmax(network.logits(example)));
    }
  });

  it('maps feature keys to rows and drops unknown ones', () => {
    const network = new StanceNetwork({
      vocabulary: ['a', 'b'],
      denseCount: 0,
      hidden: 0,
      classes: 4,
    });
    const indexed = network.index(
      [
        ['b', 0.5],
        ['zzz', 1],
        ['a', 2],
      ],
      new Float32Array(0),
    );
    expect([...indexed.indices]).toEqual([1, 0]);
    expect([...indexed.values]).toEqual([0.5, 2]);
  });
});
