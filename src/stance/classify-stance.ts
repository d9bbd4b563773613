/**
 * The stance of an article body towards a headline (FNC-1's four classes): does the body agree
 * with the headline's claim, disagree with it, discuss it without taking a side, or is it about
 * something else? A trained softmax model (`models/stance.json.gz`, from `npm run train --
 * stance`) over the features of `stance-features.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PipelineError } from '../model/errors.js';
import { findPackageRoot } from '../model/package-files.js';
import { STANCES, type Stance } from './read-fnc.js';
import {
  DENSE_FEATURE_NAMES,
  LEXICAL_PREFIXES,
  StanceFeatureExtractor,
  type BodyAnalysis,
  type HeadlineAnalysis,
  type StanceFeatures,
} from './stance-features.js';
import { StanceNetwork, type IndexedFeatures, type NetworkFile } from './stance-network.js';

export const STANCE_MODEL_PATH = join('models', 'stance.json.gz');

/** Standardised dense features are clipped to this many deviations: a freak body cannot swamp the rest. */
export const DENSE_CLIP = 6;

/** What `models/stance.json.gz` holds. */
export interface StanceModelFile {
  /** How it was trained and what it scored. */
  readonly about: Record<string, unknown>;
  readonly classes: readonly Stance[];
  readonly denseFeatures: readonly string[];
  readonly denseMean: readonly number[];
  readonly denseScale: readonly number[];
  /** Added to the log-probabilities before the argmax (tuned on held-out pairs). */
  readonly classOffsets: readonly number[];
  /** Networks trained alike from different seeds; their probabilities are averaged. */
  readonly networks: readonly NetworkFile[];
}

export interface StanceResult {
  readonly stance: Stance;
  /** Probabilities of the four classes (the networks' average, offsets included). */
  readonly scores: Record<Stance, number>;
}

/** The networks' mean class probabilities for one example. */
export function meanProbabilities(
  networks: readonly StanceNetwork[],
  features: IndexedFeatures,
): Float64Array {
  const mean = new Float64Array(STANCES.length);
  for (const network of networks) {
    const logits = network.logits(features);
    let largest = -Infinity;
    for (const value of logits) largest = Math.max(largest, value);
    let total = 0;
    const exponents = Array.from(logits, (value) => Math.exp(value - largest));
    for (const value of exponents) total += value;
    exponents.forEach((value, index) => {
      mean[index]! += value / total / networks.length;
    });
  }
  return mean;
}

/** How dense features are put on one scale: means and standard deviations from training. */
export interface DenseScaling {
  readonly mean: readonly number[];
  readonly scale: readonly number[];
}

export function standardise(dense: Float64Array, scaling: DenseScaling): Float32Array {
  const out = new Float32Array(dense.length);
  for (let index = 0; index < dense.length; index++) {
    const value = (dense[index]! - scaling.mean[index]!) / scaling.scale[index]!;
    out[index] = Math.max(-DENSE_CLIP, Math.min(DENSE_CLIP, value));
  }
  return out;
}

/** The best class of probabilities shifted by log-offsets, and the shifted probabilities. */
export function decide(probabilities: Float64Array, offsets: readonly number[]): StanceResult {
  const shifted = STANCES.map((_, index) => probabilities[index]! * Math.exp(offsets[index] ?? 0));
  const total = shifted.reduce((sum, value) => sum + value, 0);
  let best = 0;
  for (let index = 1; index < shifted.length; index++)
    if (shifted[index]! > shifted[best]!) best = index;
  const scores = {} as Record<Stance, number>;
  STANCES.forEach((stance, index) => {
    scores[stance] = total > 0 ? shifted[index]! / total : 0;
  });
  return { stance: STANCES[best]!, scores };
}

/** Bodies (and headlines) kept analysed; past this many the oldest go. */
const CACHE_LIMIT = 4096;

function remember<Value>(cache: Map<string, Value>, key: string, make: () => Value): Value {
  const found = cache.get(key);
  if (found !== undefined) return found;
  const value = make();
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

export class StanceClassifier {
  readonly about: Record<string, unknown>;
  private readonly bodies = new Map<string, BodyAnalysis>();
  private readonly headlines = new Map<string, HeadlineAnalysis>();

  readonly networks: readonly StanceNetwork[];

  readonly extractor: StanceFeatureExtractor;

  constructor(readonly file: StanceModelFile) {
    this.networks = file.networks.map((network) => StanceNetwork.fromFile(network));
    // Lexical features are only worth computing when the model has weights for them.
    const vocabulary = this.networks[0]?.shape.vocabulary ?? [];
    this.extractor = new StanceFeatureExtractor({
      lexical: vocabulary.some((key) => LEXICAL_PREFIXES.some((prefix) => key.startsWith(prefix))),
    });
    this.about = file.about;
    const expected = DENSE_FEATURE_NAMES.join(',');
    if (file.denseFeatures.join(',') !== expected || file.classes.join(',') !== STANCES.join(',')) {
      throw new PipelineError(
        'bad-model',
        'stance model: its features or classes differ from this code; retrain with `npm run train -- stance`',
      );
    }
  }

  static load(path = join(findPackageRoot(), STANCE_MODEL_PATH)): StanceClassifier {
    let file: StanceModelFile;
    try {
      file = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as StanceModelFile;
    } catch (error) {
      throw new PipelineError('bad-model', `cannot read ${path}: ${(error as Error).message}`);
    }
    return new StanceClassifier(file);
  }

  /** Features of a pair, analysing the body and headline once for every pair they appear in. */
  features(headline: string, body: string): StanceFeatures {
    return this.extractor.features(
      remember(this.headlines, headline, () => this.extractor.analyzeHeadline(headline)),
      remember(this.bodies, body, () => this.extractor.analyzeBody(body)),
    );
  }

  classify(headline: string, body: string): StanceResult {
    const features = this.features(headline, body);
    // The networks share one vocabulary (they differ only by seed), so one mapping serves all.
    const indexed = this.networks[0]!.index(
      features.sparse,
      standardise(features.dense, { mean: this.file.denseMean, scale: this.file.denseScale }),
    );
    return decide(meanProbabilities(this.networks, indexed), this.file.classOffsets);
  }
}

let shipped: StanceClassifier | undefined;

/** The stance of `body` towards `headline`, by the shipped model (loaded on first use). */
export function classifyStance(headline: string, body: string): StanceResult {
  shipped ??= StanceClassifier.load();
  return shipped.classify(headline, body);
}
