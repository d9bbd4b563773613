/**
 * Fits a `StanceNetwork` by mini-batch Adam on softmax cross-entropy, with class weights, decoupled
 * weight decay, dropout on the hidden layer and a seeded generator: the same examples and options
 * give the same weights on every run. Sparse rows are updated only in batches that use them
 * ("lazy" Adam), so an epoch costs what the examples hold, not the vocabulary's size.
 */
import { StanceNetwork, type IndexedFeatures, type NetworkShape } from './stance-network.js';

export interface TrainingExample extends IndexedFeatures {
  readonly label: number;
}

export interface NetworkTrainingOptions {
  readonly hidden: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Decoupled weight decay per step, as a fraction of the learning rate's step. */
  readonly weightDecay: number;
  /** Share of hidden units dropped in training. */
  readonly dropout: number;
  /** Class weight = (share of the commonest class / share of this class) ^ power; 0 = unweighted. */
  readonly classWeightPower: number;
  readonly seed: number;
}

/** A seeded generator (mulberry32): reproducible shuffles, initial weights and dropout masks. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of `items` in place, driven by `random` (a seeded one repeats). */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export function classWeights(labels: readonly number[], classes: number, power: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) counts[label]!++;
  const most = Math.max(...counts);
  return counts.map((count) => (count > 0 ? (most / count) ** power : 0));
}

/** Adam state for one parameter array. */
class AdamSlot {
  readonly first: Float32Array;
  readonly second: Float32Array;
  constructor(readonly weights: Float32Array) {
    this.first = new Float32Array(weights.length);
    this.second = new Float32Array(weights.length);
  }
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

export function trainNetwork(
  examples: readonly TrainingExample[],
  vocabulary: readonly string[],
  classes: number,
  options: NetworkTrainingOptions,
  onEpoch?: (epoch: number, loss: number) => void,
): StanceNetwork {
  const denseCount = examples[0]?.dense.length ?? 0;
  const shape: NetworkShape = { vocabulary, denseCount, hidden: options.hidden, classes };
  const network = new StanceNetwork(shape);
  const random = seededRandom(options.seed);
  const width = network.firstWidth;
  const hidden = options.hidden;

  // Glorot-uniform start for a network; zeros for a linear model (its loss is convex).
  if (hidden > 0) {
    const inputs = Math.min(vocabulary.length, 200) + denseCount;
    const limit = Math.sqrt(6 / (inputs + hidden));
    for (const weights of [network.sparseWeights, network.denseWeights]) {
      for (let i = 0; i < weights.length; i++) weights[i] = (random() * 2 - 1) * limit;
    }
    const outputLimit = Math.sqrt(6 / (hidden + classes));
    for (let i = 0; i < network.outputWeights.length; i++) {
      network.outputWeights[i] = (random() * 2 - 1) * outputLimit;
    }
  }

  const sparse = new AdamSlot(network.sparseWeights);
  const dense = new AdamSlot(network.denseWeights);
  const firstBias = new AdamSlot(network.firstBias);
  const output = new AdamSlot(network.outputWeights);
  const outputBias = new AdamSlot(network.outputBias);

  const weightOf = classWeights(
    examples.map((example) => example.label),
    classes,
    options.classWeightPower,
  );
  const order = examples.map((_, index) => index);

  const sparseGradient = new Float32Array(network.sparseWeights.length);
  const touched = new Uint8Array(vocabulary.length);
  const touchedRows: number[] = [];
  const denseGradient = new Float32Array(network.denseWeights.length);
  const firstBiasGradient = new Float32Array(width);
  const outputGradient = new Float32Array(network.outputWeights.length);
  const outputBiasGradient = new Float32Array(network.outputBias.length);
  const preActivation = new Float32Array(width);
  const activation = new Float32Array(hidden);
  const scores = new Float32Array(classes);
  const outputDelta = new Float32Array(classes);
  const firstDelta = new Float32Array(width);
  let step = 0;

  const update = (
    slot: AdamSlot,
    gradient: Float32Array,
    from: number,
    to: number,
    rate: number,
    decay: boolean,
  ): void => {
    const { weights, first, second } = slot;
    for (let i = from; i < to; i++) {
      const g = gradient[i]!;
      first[i] = BETA1 * first[i]! + (1 - BETA1) * g;
      second[i] = BETA2 * second[i]! + (1 - BETA2) * g * g;
      weights[i]! -=
        rate *
        (first[i]! / (Math.sqrt(second[i]!) + EPSILON) +
          (decay ? options.weightDecay * weights[i]! : 0));
      gradient[i] = 0;
    }
  };

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffleInPlace(order, random);
    let lossSum = 0;
    let weightSum = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      const batch = order.slice(start, start + options.batchSize);
      let batchWeight = 0;
      for (const index of batch) batchWeight += weightOf[examples[index]!.label]!;
      if (batchWeight === 0) continue;
      for (const index of batch) {
        const example = examples[index]!;
        const weight = weightOf[example.label]! / batchWeight;
        network.firstLayer(example, preActivation);
        if (hidden > 0) {
          scores.set(network.outputBias);
          for (let j = 0; j < hidden; j++) {
            const kept = options.dropout > 0 ? random() >= options.dropout : true;
            const value =
              kept && preActivation[j]! > 0 ? preActivation[j]! / (1 - options.dropout) : 0;
            activation[j] = value;
            if (value === 0) continue;
            for (let c = 0; c < classes; c++)
              scores[c]! += value * network.outputWeights[j * classes + c]!;
          }
        } else scores.set(preActivation);
        let largest = -Infinity;
        for (let c = 0; c < classes; c++) largest = Math.max(largest, scores[c]!);
        let total = 0;
        for (let c = 0; c < classes; c++) {
          scores[c] = Math.exp(scores[c]! - largest);
          total += scores[c]!;
        }
        for (let c = 0; c < classes; c++) {
          const probability = scores[c]! / total;
          outputDelta[c] = weight * (probability - (c === example.label ? 1 : 0));
        }
        lossSum -=
          weightOf[example.label]! * Math.log(Math.max(scores[example.label]! / total, 1e-12));
        weightSum += weightOf[example.label]!;

        if (hidden > 0) {
          for (let c = 0; c < classes; c++) outputBiasGradient[c]! += outputDelta[c]!;
          for (let j = 0; j < hidden; j++) {
            const value = activation[j]!;
            let delta = 0;
            for (let c = 0; c < classes; c++) {
              delta += network.outputWeights[j * classes + c]! * outputDelta[c]!;
              if (value !== 0) outputGradient[j * classes + c]! += value * outputDelta[c]!;
            }
            firstDelta[j] = value > 0 ? (delta * value) / preActivation[j]! : 0;
          }
        } else firstDelta.set(outputDelta);

        for (let j = 0; j < width; j++) firstBiasGradient[j]! += firstDelta[j]!;
        const { indices, values } = example;
        for (let k = 0; k < indices.length; k++) {
          const row = indices[k]!;
          if (!touched[row]) {
            touched[row] = 1;
            touchedRows.push(row);
          }
          const offset = row * width;
          const value = values[k]!;
          for (let j = 0; j < width; j++) sparseGradient[offset + j]! += value * firstDelta[j]!;
        }
        for (let d = 0; d < example.dense.length; d++) {
          const value = example.dense[d]!;
          if (value === 0) continue;
          const offset = d * width;
          for (let j = 0; j < width; j++) denseGradient[offset + j]! += value * firstDelta[j]!;
        }
      }
      step++;
      const rate = (options.learningRate * Math.sqrt(1 - BETA2 ** step)) / (1 - BETA1 ** step);
      touchedRows.sort((a, b) => a - b);
      for (const row of touchedRows) {
        update(sparse, sparseGradient, row * width, (row + 1) * width, rate, true);
        touched[row] = 0;
      }
      touchedRows.length = 0;
      update(dense, denseGradient, 0, denseGradient.length, rate, true);
      update(firstBias, firstBiasGradient, 0, width, rate, false);
      if (hidden > 0) {
        update(output, outputGradient, 0, outputGradient.length, rate, true);
        update(outputBias, outputBiasGradient, 0, classes, rate, false);
      }
    }
    onEpoch?.(epoch, weightSum > 0 ? lossSum / weightSum : 0);
  }
  return network;
}
