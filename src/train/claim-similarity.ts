/**
 * `npm run train -- claim-similarity [--data DIR] [--out FILE]`: the logistic model that says
 * whether two statements state the same thing, from NeuS train (DIR default ../shared/data/neus).
 * Statements are each snippet's title and its lead's first sentence. Positives: two statements of
 * one event from different outlets. Negatives: statements of different events that the product's
 * blocking would put together (they share a rare term). Lines whose number is a multiple of 5 are
 * held out to choose the threshold (best F1); the val split is scored once, for the record.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { candidatePairs } from '../claims/align-claims.js';
import {
  CLAIM_SIMILARITY_PATH,
  SIMILARITY_FEATURES,
  similarityFeatures,
  statementTerms,
  type SimilarityModelFile,
  type StatementTerms,
} from '../claims/claim-similarity.js';
import { readNeus, type NeusEvent } from '../claims/read-neus.js';
import { shippedTermWeights } from '../claims/term-weights.js';
import { findPackageRoot } from '../model/package-files.js';
import { precisionRecall, type PrecisionRecall } from '../model/precision-recall.js';
import type { TrainContext, TrainTask } from './tasks.js';

interface Example {
  readonly features: number[];
  readonly same: boolean;
}

function firstSentence(text: string): string {
  const match = /^(.{20,}?[.!?])(?:\s+[A-Z“"]|$)/su.exec(text);
  return match ? match[1]! : text;
}

/** Pairs from the product's blocking over the statements of the given events. */
export function neusPairs(events: readonly NeusEvent[]): Example[] {
  const weights = shippedTermWeights();
  const statements: { event: number; outlet: number; terms: StatementTerms }[] = [];
  events.forEach((event, eventIndex) => {
    event.snippets.forEach((snippet, outlet) => {
      for (const text of [snippet.title, firstSentence(snippet.text)]) {
        if (text.trim().length > 0)
          statements.push({ event: eventIndex, outlet, terms: statementTerms(text, weights) });
      }
    });
  });
  const examples: Example[] = [];
  for (const [a, b] of candidatePairs(statements.map((statement) => statement.terms))) {
    const [x, y] = [statements[a]!, statements[b]!];
    if (x.event === y.event && x.outlet === y.outlet) continue;
    examples.push({ features: similarityFeatures(x.terms, y.terms), same: x.event === y.event });
  }
  return examples;
}

function fitLogistic(
  examples: readonly Example[],
  epochs = 300,
  rate = 0.5,
  l2 = 1e-4,
): { bias: number; weights: number[] } {
  const size = SIMILARITY_FEATURES.length;
  const weights = new Array<number>(size).fill(0);
  let bias = 0;
  const positives = examples.filter((example) => example.same).length;
  // Balanced classes: each class carries half of the loss.
  const weightOf = (same: boolean) =>
    same ? 0.5 / positives : 0.5 / (examples.length - positives);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradient = new Array<number>(size).fill(0);
    let gradientBias = 0;
    for (const example of examples) {
      let sum = bias;
      for (let index = 0; index < size; index++) sum += weights[index]! * example.features[index]!;
      const error = (1 / (1 + Math.exp(-sum)) - (example.same ? 1 : 0)) * weightOf(example.same);
      for (let index = 0; index < size; index++)
        gradient[index]! += error * example.features[index]!;
      gradientBias += error;
    }
    for (let index = 0; index < size; index++)
      weights[index]! -= rate * (gradient[index]! + l2 * weights[index]!) * 10;
    bias -= rate * gradientBias * 10;
  }
  return { bias, weights };
}

interface PairScores extends PrecisionRecall {
  readonly accuracy: number;
}

function scorePairs(
  examples: readonly Example[],
  model: SimilarityModelFile,
  threshold = model.threshold,
): PairScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  for (const example of examples) {
    let sum = model.bias;
    example.features.forEach((value, index) => (sum += value * model.weights[index]!));
    const same = 1 / (1 + Math.exp(-sum)) >= threshold;
    if (same && example.same) tp++;
    else if (same) fp++;
    else if (example.same) fn++;
    if (same === example.same) correct++;
  }
  return {
    ...precisionRecall(tp + fn, tp + fp, tp),
    accuracy: correct / Math.max(1, examples.length),
  };
}

function percent(value: number): string {
  return (100 * value).toFixed(1);
}

export const claimSimilarityTask: TrainTask = {
  description:
    'same-statement similarity (logistic, NeuS train titles and leads) → models/claim-similarity.json',
  async run(context: TrainContext): Promise<boolean> {
    const root = findPackageRoot();
    const data = resolve(context.data ?? join(root, '..', 'shared', 'data', 'neus'));
    if (!existsSync(join(data, 'train.source'))) {
      context.log(`claim-similarity: no train.source in ${data}`);
      return false;
    }
    const events = readNeus(join(data, 'train.source'));
    const fitting = neusPairs(events.filter((event) => event.line % 5 !== 0));
    const heldOut = neusPairs(events.filter((event) => event.line % 5 === 0));
    const { bias, weights } = fitLogistic(fitting);
    let model: SimilarityModelFile = {
      about: '',
      features: [...SIMILARITY_FEATURES],
      bias,
      weights,
      threshold: 0.5,
    };
    let best = { threshold: 0.5, f1: -1 };
    for (let threshold = 0.3; threshold <= 0.95; threshold += 0.025) {
      const { f1 } = scorePairs(heldOut, model, threshold);
      if (f1 > best.f1) best = { threshold: Math.round(threshold * 1000) / 1000, f1 };
    }
    model = { ...model, threshold: best.threshold };
    const held = scorePairs(heldOut, model);
    let valLine = '';
    if (existsSync(join(data, 'val.source'))) {
      const val = scorePairs(neusPairs(readNeus(join(data, 'val.source'))), model);
      valLine = `; NeuS val candidate pairs P ${percent(val.precision)} R ${percent(val.recall)} F1 ${percent(val.f1)} accuracy ${percent(val.accuracy)}`;
    }
    model = {
      ...model,
      about: `logistic over ${SIMILARITY_FEATURES.join(', ')}; fitted on ${fitting.length} blocked pairs of NeuS train titles and lead sentences (lines not divisible by 5), threshold ${best.threshold} chosen for F1 on the other train lines (P ${percent(held.precision)} R ${percent(held.recall)} F1 ${percent(held.f1)})${valLine}`,
    };
    const out = resolve(context.out ?? join(root, CLAIM_SIMILARITY_PATH));
    await writeFile(out, `${JSON.stringify(model, null, 2)}\n`);
    context.log(`claim-similarity: ${model.about}`);
    context.log(
      `claim-similarity: weights ${weights.map((w) => w.toFixed(3)).join(' ')} bias ${bias.toFixed(3)} → ${relative(process.cwd(), out)}`,
    );
    return true;
  },
};
