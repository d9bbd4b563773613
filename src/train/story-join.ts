/**
 * `npm run train -- story-join [--data FILE] [--out FILE]`: the logistic join model of the online
 * story clusterer (src/cluster/story-join.ts) from NeuS train.source (FILE default
 * ../shared/data/neus/train.source; one event a line).
 *
 * The train snippets are dealt into shuffled streams: the whole file (thousands of events, as
 * dense as a large feed) and runs of CHUNK_EVENTS consecutive lines (as sparse as a small one),
 * so the model sees both how crowded a topic can get and how alone an event can be. Each stream
 * is replayed with the gold assignment (teacher forcing: every article joins its own event's
 * story through `restore`), and every candidate the clusterer weighs gives one example: the
 * evidence, and whether the candidate is the article's own event. The join threshold is then
 * chosen for B-cubed F1 by clustering other deals of the same streams online with the model.
 * The val split is scored once, for the record only.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { readNeus, type NeusEvent } from '../claims/read-neus.js';
import { bCubed, type BCubedScores } from '../cluster/b-cubed.js';
import { StoryClusterer } from '../cluster/cluster-stream.js';
import {
  featureVector,
  STORY_JOIN_FEATURES,
  STORY_JOIN_PATH,
  type StoryJoinModel,
} from '../cluster/story-join.js';
import { findPackageRoot } from '../model/package-files.js';
import { seededRandom, shuffleInPlace } from '../stance/train-network.js';
import type { TrainContext, TrainTask } from './tasks.js';

/** Events in a sparse stream: a few hundred, like a day of a large feed or a small one's week. */
const CHUNK_EVENTS = 300;
/** The deal the examples come from; the threshold is chosen on another deal. */
const FIT_SEED = 2;
/** The deal the eval uses (src/eval/neus.ts): the threshold is chosen on it. */
const CHOOSE_SEED = 1;
const EPOCHS = 500;
const LEARNING_RATE = 0.5;
/** Light L2: seven features and tens of thousands of examples barely overfit. */
const L2 = 1e-4;
/** Join probabilities tried; the best mean of dense and sparse F1 wins. */
const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];

interface StreamItem {
  readonly event: number;
  readonly key: string;
  readonly title: string;
  readonly text: string;
}

/** The snippets of the events, shuffled into one stream (as the eval deals them). */
export function dealStream(events: readonly NeusEvent[], seed: number): StreamItem[] {
  const items = events.flatMap((event) =>
    event.snippets.map((snippet, k) => ({
      event: event.line,
      key: `${event.line}:${k}`,
      ...snippet,
    })),
  );
  return shuffleInPlace(items, seededRandom(seed));
}

/** Features and labels of every candidate weighed while the stream is replayed with gold joins. */
export function teacherForcedExamples(
  stream: readonly StreamItem[],
  model: StoryJoinModel,
): { features: number[][]; labels: number[] } {
  const clusterer = new StoryClusterer({ joinModel: model });
  const features: number[][] = [];
  const labels: number[] = [];
  stream.forEach((item, position) => {
    const article = { id: `a${position}`, title: item.title, text: item.text };
    const gold = `e${item.event}`;
    for (const candidate of clusterer.weigh(article)) {
      features.push(featureVector(candidate.evidence));
      labels.push(candidate.story === gold ? 1 : 0);
    }
    clusterer.restore(article, gold);
  });
  return { features, labels };
}

/** Logistic regression by full-batch gradient descent on standardised features. */
export function fitLogistic(
  features: readonly number[][],
  labels: readonly number[],
): { weights: number[]; bias: number } {
  const width = STORY_JOIN_FEATURES.length;
  const count = features.length;
  const mean = new Array<number>(width).fill(0);
  const spread = new Array<number>(width).fill(0);
  for (const row of features) for (let j = 0; j < width; j++) mean[j]! += row[j]! / count;
  for (const row of features)
    for (let j = 0; j < width; j++) spread[j]! += (row[j]! - mean[j]!) ** 2 / count;
  const scale = spread.map((value) => Math.sqrt(value) || 1);
  const standard = features.map((row) => row.map((value, j) => (value - mean[j]!) / scale[j]!));
  const weights = new Array<number>(width).fill(0);
  let bias = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const gradient = new Array<number>(width).fill(0);
    let biasGradient = 0;
    standard.forEach((row, n) => {
      let sum = bias;
      for (let j = 0; j < width; j++) sum += weights[j]! * row[j]!;
      const error = 1 / (1 + Math.exp(-sum)) - labels[n]!;
      biasGradient += error;
      for (let j = 0; j < width; j++) gradient[j]! += error * row[j]!;
    });
    for (let j = 0; j < width; j++)
      weights[j]! -= LEARNING_RATE * (gradient[j]! / count + L2 * weights[j]!);
    bias -= (LEARNING_RATE * biasGradient) / count;
  }
  // Back to raw feature units, so the product needs no scaler.
  const raw = weights.map((weight, j) => weight / scale[j]!);
  const rawBias =
    bias - weights.reduce((sum, weight, j) => sum + (weight * mean[j]!) / scale[j]!, 0);
  return { weights: raw, bias: rawBias };
}

/** B-cubed of clustering the stream online with the model at the threshold. */
export function clusterScores(
  stream: readonly StreamItem[],
  model: StoryJoinModel,
  threshold: number,
): BCubedScores {
  const clusterer = new StoryClusterer({ joinModel: model, threshold });
  const predicted = new Map<string, string>();
  stream.forEach((item, position) => {
    predicted.set(
      item.key,
      clusterer.add({ id: `a${position}`, title: item.title, text: item.text }).story,
    );
  });
  return bCubed(new Map(stream.map((item) => [item.key, String(item.event)])), predicted);
}

function chunks(events: readonly NeusEvent[]): NeusEvent[][] {
  const runs: NeusEvent[][] = [];
  for (let start = 0; start + CHUNK_EVENTS <= events.length; start += CHUNK_EVENTS)
    runs.push(events.slice(start, start + CHUNK_EVENTS));
  return runs;
}

const percent = (value: number): string => (100 * value).toFixed(1);

export const storyJoinTask: TrainTask = {
  description:
    'logistic join model of the online story clusterer (NeuS train.source) → models/story-join.json',
  async run(context: TrainContext): Promise<boolean> {
    const root = findPackageRoot();
    const path = resolve(
      context.data ?? join(root, '..', 'shared', 'data', 'neus', 'train.source'),
    );
    if (!existsSync(path)) {
      context.log(`story-join: no NeuS file at ${path}`);
      return false;
    }
    const events = readNeus(path);
    const sparse = chunks(events);
    const placeholder: StoryJoinModel = {
      about: 'placeholder while the examples are collected (probabilities unused)',
      features: [...STORY_JOIN_FEATURES],
      weights: STORY_JOIN_FEATURES.map(() => 0),
      bias: 0,
      threshold: 0.5,
    };
    const features: number[][] = [];
    const labels: number[] = [];
    for (const run of [events, ...sparse]) {
      const examples = teacherForcedExamples(dealStream(run, FIT_SEED), placeholder);
      features.push(...examples.features);
      labels.push(...examples.labels);
    }
    const positives = labels.filter((label) => label === 1).length;
    context.log(
      `story-join: ${features.length} examples (${positives} joins) from ${1 + sparse.length} streams`,
    );
    const { weights, bias } = fitLogistic(features, labels);
    context.log(
      `weights: ${STORY_JOIN_FEATURES.map((name, j) => `${name} ${weights[j]!.toFixed(2)}`).join(', ')}; bias ${bias.toFixed(2)}`,
    );

    const denseStream = dealStream(events, CHOOSE_SEED);
    const sparseStreams = sparse.map((run) => dealStream(run, CHOOSE_SEED));
    let best = { threshold: THRESHOLDS[0]!, dense: 0, sparse: 0, score: -1 };
    for (const threshold of THRESHOLDS) {
      const model = { ...placeholder, weights, bias, threshold };
      const dense = clusterScores(denseStream, model, threshold).f1;
      const sparseF1 =
        sparseStreams.reduce((sum, stream) => sum + clusterScores(stream, model, threshold).f1, 0) /
        sparseStreams.length;
      const score = (dense + sparseF1) / 2;
      context.log(
        `  threshold ${threshold}: F1 whole train ${percent(dense)}, ${CHUNK_EVENTS}-event runs ${percent(sparseF1)}`,
      );
      if (score > best.score) best = { threshold, dense, sparse: sparseF1, score };
    }

    const model: StoryJoinModel = {
      about: '',
      features: [...STORY_JOIN_FEATURES],
      weights,
      bias,
      threshold: best.threshold,
    };
    const valPath = join(path, '..', 'val.source');
    const valNote = existsSync(valPath)
      ? `; NeuS val (record only) ${describe(clusterScores(dealStream(readNeus(valPath), CHOOSE_SEED), model, best.threshold))}`
      : '';
    const about = `logistic over ${STORY_JOIN_FEATURES.join(', ')}; fitted on ${features.length} teacher-forced candidates (${positives} joins) of NeuS train.source streams (whole file and ${sparse.length} runs of ${CHUNK_EVENTS} events, deal ${FIT_SEED}); threshold ${best.threshold} chosen for the mean B-cubed F1 of deal ${CHOOSE_SEED} (whole train ${percent(best.dense)}, runs ${percent(best.sparse)})${valNote}`;
    const out = resolve(context.out ?? join(root, STORY_JOIN_PATH));
    await writeFile(out, JSON.stringify({ ...model, about }, null, 2) + '\n');
    context.log(about);
    context.log(`wrote ${relative(process.cwd(), out)}`);
    return true;
  },
};

function describe(scores: BCubedScores): string {
  return `P ${percent(scores.precision)} R ${percent(scores.recall)} F1 ${percent(scores.f1)}`;
}
