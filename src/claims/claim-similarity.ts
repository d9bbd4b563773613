import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PipelineError } from '../model/errors.js';
import { findPackageRoot } from '../model/package-files.js';
import {
  claimWords,
  contentStems,
  markersOf,
  predicateClasses,
  type MarkerId,
} from './claim-words.js';
import type { TermWeights } from './term-weights.js';

export const CLAIM_SIMILARITY_PATH = 'models/claim-similarity.json';

/**
 * What two statements are compared on. Names of resolved entities stand in the term vector as one
 * term per entity ("ent:gilad-shalit"), so spelling variants (Schalit / Shalit) match.
 */
export interface StatementTerms {
  /** Term → weight (inverse document frequency), one entry per distinct term. */
  readonly weights: ReadonlyMap<string, number>;
  readonly norm: number;
  readonly predicates: ReadonlySet<string>;
  readonly markers: ReadonlySet<MarkerId>;
  readonly size: number;
}

export function statementTerms(
  text: string,
  termWeights: TermWeights,
  entityTerms: readonly string[] = [],
  maskedText = text,
  entityWeights?: ReadonlyMap<string, number>,
): StatementTerms {
  const stems = contentStems(maskedText);
  const weights = new Map<string, number>();
  for (const stem of stems) weights.set(stem, termWeights.idf(stem));
  for (const term of entityTerms)
    weights.set(term, entityWeights?.get(term) ?? termWeights.idf(term));
  return withWeights(weights, text);
}

/** The same statement with its term weights scaled (by how specific each term is to it). */
export function rescaled(terms: StatementTerms, scale: (term: string) => number): StatementTerms {
  const weights = new Map<string, number>();
  for (const [term, weight] of terms.weights) weights.set(term, weight * scale(term));
  return { ...terms, weights, norm: normOf(weights) };
}

function normOf(weights: ReadonlyMap<string, number>): number {
  let norm = 0;
  for (const weight of weights.values()) norm += weight * weight;
  return Math.sqrt(norm);
}

function withWeights(weights: Map<string, number>, text: string): StatementTerms {
  return {
    weights,
    norm: normOf(weights),
    predicates: predicateClasses(contentStems(text), claimWords()),
    markers: markersOf(text),
    size: weights.size,
  };
}

/** The features of a pair, in the order of the model's weights. */
export const SIMILARITY_FEATURES = [
  'cosine',
  'predicates',
  'rarest-shared',
  'length-ratio',
] as const;

export function similarityFeatures(a: StatementTerms, b: StatementTerms): number[] {
  let dot = 0;
  let rarest = 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  for (const [term, weight] of small.weights) {
    if (!large.weights.has(term)) continue;
    dot += weight * weight;
    if (weight > rarest) rarest = weight;
  }
  const cosine = a.norm > 0 && b.norm > 0 ? dot / (a.norm * b.norm) : 0;
  let sharedPredicates = 0;
  for (const predicate of a.predicates) if (b.predicates.has(predicate)) sharedPredicates++;
  const predicates = sharedPredicates / Math.max(1, Math.min(a.predicates.size, b.predicates.size));
  const lengthRatio = Math.min(a.size, b.size) / Math.max(1, a.size, b.size);
  return [cosine, predicates, rarest / 10, lengthRatio];
}

/** `models/claim-similarity.json`: a logistic model over SIMILARITY_FEATURES and its threshold. */
export interface SimilarityModelFile {
  readonly about: string;
  readonly features: readonly string[];
  readonly bias: number;
  readonly weights: readonly number[];
  /** Pairs at or above this probability state the same thing. */
  readonly threshold: number;
}

export class ClaimSimilarity {
  constructor(readonly model: SimilarityModelFile) {
    if (model.weights.length !== SIMILARITY_FEATURES.length) {
      throw new PipelineError(
        'bad-model',
        `${CLAIM_SIMILARITY_PATH}: expected ${SIMILARITY_FEATURES.length} weights`,
      );
    }
  }

  /** Probability that the two statements say the same thing. */
  score(a: StatementTerms, b: StatementTerms): number {
    const features = similarityFeatures(a, b);
    let sum = this.model.bias;
    features.forEach((value, index) => (sum += value * this.model.weights[index]!));
    return 1 / (1 + Math.exp(-sum));
  }

  same(probability: number): boolean {
    return probability >= this.model.threshold;
  }
}

let shipped: ClaimSimilarity | undefined;

export function shippedClaimSimilarity(): ClaimSimilarity {
  if (shipped) return shipped;
  try {
    const path = join(findPackageRoot(), CLAIM_SIMILARITY_PATH);
    shipped = new ClaimSimilarity(JSON.parse(readFileSync(path, 'utf8')) as SimilarityModelFile);
  } catch (error) {
    if (error instanceof PipelineError) throw error;
    throw new PipelineError(
      'bad-model',
      `cannot read ${CLAIM_SIMILARITY_PATH}: ${(error as Error).message}`,
    );
  }
  return shipped;
}
