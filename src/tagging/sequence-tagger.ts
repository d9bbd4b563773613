import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PipelineError } from '../model/errors.js';

/**
 * A first-order sequence tagger: a linear model over string features per token, decoded with
 * Viterbi under BIO constraints (I-X only after B-X or I-X; BILOU's too, see `TagScheme`). Trained as an averaged structured
 * perceptron (Collins 2002). The NER and attribution taggers share it; each brings its own
 * features. Weights are data: a gzipped JSON file in `models/`, reproducible by `npm run train`.
 */

/** Bump when the file layout changes; a model file with another format is refused at load. */
export const TAGGER_FORMAT = 'triangulate-sequence-tagger/1';

export interface TaggerFile {
  readonly format: string;
  /** What the model is for and how it was trained: printed by `train`, kept for the reader. */
  readonly about: Record<string, unknown>;
  readonly tags: readonly string[];
  readonly features: readonly string[];
  /** Quantised weights, row-major [feature][tag], as base64 of an Int16Array. */
  readonly weights: string;
  /** Quantised transitions, [(previous tag or start)][tag], as base64 of an Int16Array. */
  readonly transitions: string;
  readonly scale: number;
}

/**
 * Tag encodings: BIO (`B-X` begins a span, `I-X` continues it) or BILOU, which adds `L-X` (the
 * last token of a span of two or more) and `U-X` (a span of one token), so a span's end is a
 * decision of its own; under BILOU a `B-X` or `I-X` must be followed by `I-X` or `L-X`.
 */
export type TagScheme = 'BIO' | 'BILOU';

/** BILOU when any tag is an `L-` or `U-` tag, else BIO. */
export function tagSchemeOf(tags: readonly string[]): TagScheme {
  return tags.some((tag) => tag.startsWith('L-') || tag.startsWith('U-')) ? 'BILOU' : 'BIO';
}

/** Whether `next` may follow `previous` (undefined: sentence start) under the scheme. */
export function allowedTransition(
  previous: string | undefined,
  next: string,
  scheme: TagScheme = 'BIO',
): boolean {
  const continues = next.startsWith('I-') || (scheme === 'BILOU' && next.startsWith('L-'));
  const open = previous !== undefined && (previous.startsWith('B-') || previous.startsWith('I-'));
  if (!continues) return scheme === 'BIO' || !open;
  return open && previous.slice(2) === next.slice(2);
}

/** FNV-1a's offset basis: the hash of the empty string. */
export const FEATURE_HASH_START = 0x811c9dc5;

/**
 * FNV-1a over a string's UTF-16 units, continued from `hash`: hashing `a` then `b` gives the hash
 * of `a + b`, so a feature's hash can be computed from its parts without building its string.
 */
export function continueFeatureHash(hash: number, value: string): number {
  let state = hash;
  for (let index = 0; index < value.length; index++) {
    state = Math.imul(state ^ value.charCodeAt(index), 0x01000193);
  }
  return state | 0;
}

export function featureHash(feature: string): number {
  return continueFeatureHash(FEATURE_HASH_START, feature);
}

/** Features by hash, open addressing with linear probing: no strings built or hashed at lookup. */
interface HashedRows {
  /** Pairs (hash, row), row -1 where the slot is empty: one cache line serves a probe. */
  readonly slots: Int32Array;
  /** Slot count - 1 (a power of two). */
  readonly mask: number;
  /** Length of `slots` - 1, to step past the last pair back to the first. */
  readonly wrap: number;
}

/** Slots per feature, at least: the table stays under two-thirds full, so probes stay short. */
const HASH_TABLE_ROOM = 1.5;

export class SequenceTagger {
  private readonly featureRows: Map<string, number>;
  private readonly allowed: Uint8Array;
  private hashedRows: HashedRows | undefined;

  constructor(
    readonly tags: readonly string[],
    features: readonly string[],
    /** [feature][tag] */
    private readonly weights: Float32Array,
    /** [(previous tag, or tags.length for the start)][tag] */
    private readonly transitions: Float32Array,
    readonly about: Record<string, unknown> = {},
  ) {
    this.featureRows = new Map(features.map((feature, row) => [feature, row]));
    this.allowed = allowedMatrix(tags);
  }

  get featureCount(): number {
    return this.featureRows.size;
  }

  /** Emission scores for one sentence: [token][tag]. Features the model never saw count zero. */
  private emissions(sentence: readonly (readonly string[])[]): Float32Array {
    const tagCount = this.tags.length;
    const scores = new Float32Array(sentence.length * tagCount);
    for (let position = 0; position < sentence.length; position++) {
      const base = position * tagCount;
      for (const feature of sentence[position]!) {
        const row = this.featureRows.get(feature);
        if (row === undefined) continue;
        const offset = row * tagCount;
        for (let tag = 0; tag < tagCount; tag++) scores[base + tag]! += this.weights[offset + tag]!;
      }
    }
    return scores;
  }

  /**
   * Like `tag`, with features given by their `featureHash`: token i's are
   * `hashes[offsets[i]] … hashes[offsets[i + 1] - 1]`. Two features whose 32-bit hashes collide
   * (about one pair in a model of 300,000) share the row of the first; nothing else differs.
   */
  tagHashed(hashes: Int32Array, offsets: Int32Array, length: number): string[] {
    if (length === 0) return [];
    const table = (this.hashedRows ??= this.buildHashedRows());
    const tagCount = this.tags.length;
    const scores = new Float32Array(length * tagCount);
    for (let position = 0; position < length; position++) {
      const base = position * tagCount;
      for (let at = offsets[position]!; at < offsets[position + 1]!; at++) {
        const hash = hashes[at]!;
        let slot = (mixHash(hash) & table.mask) << 1;
        let row = table.slots[slot + 1]!;
        while (row >= 0 && table.slots[slot] !== hash) {
          slot = (slot + 2) & table.wrap;
          row = table.slots[slot + 1]!;
        }
        if (row < 0) continue;
        const offset = row * tagCount;
        for (let tag = 0; tag < tagCount; tag++) scores[base + tag]! += this.weights[offset + tag]!;
      }
    }
    const path = viterbi(scores, length, tagCount, this.transitions, this.allowed);
    return Array.from(path, (tag) => this.tags[tag]!);
  }

  private buildHashedRows(): HashedRows {
    let capacity = 1;
    while (capacity < this.featureRows.size * HASH_TABLE_ROOM) capacity *= 2;
    const slots = new Int32Array(capacity * 2);
    for (let slot = 1; slot < slots.length; slot += 2) slots[slot] = -1;
    const mask = capacity - 1;
    const wrap = capacity * 2 - 1;
    for (const [feature, row] of this.featureRows) {
      const hash = featureHash(feature);
      let slot = (mixHash(hash) & mask) << 1;
      while (slots[slot + 1]! >= 0 && slots[slot] !== hash) slot = (slot + 2) & wrap;
      if (slots[slot + 1]! >= 0) continue;
      slots[slot] = hash;
      slots[slot + 1] = row;
    }
    return { slots, mask, wrap };
  }

  /** The best tag sequence for a sentence given each token's features. */
  tag(sentence: readonly (readonly string[])[]): string[] {
    if (sentence.length === 0) return [];
    const path = viterbi(
      this.emissions(sentence),
      sentence.length,
      this.tags.length,
      this.transitions,
      this.allowed,
    );
    return Array.from(path, (tag) => this.tags[tag]!);
  }

  toFile(about: Record<string, unknown> = this.about, pruneBelow = 0): TaggerFile {
    const tagCount = this.tags.length;
    let largest = 0;
    for (const value of this.weights) largest = Math.max(largest, Math.abs(value));
    for (const value of this.transitions) largest = Math.max(largest, Math.abs(value));
    const scale = largest > 0 ? 32767 / largest : 1;
    const keptFeatures: string[] = [];
    const keptRows: number[] = [];
    for (const [feature, row] of this.featureRows) {
      let rowLargest = 0;
      for (let tag = 0; tag < tagCount; tag++) {
        rowLargest = Math.max(rowLargest, Math.abs(this.weights[row * tagCount + tag]!));
      }
      // Rows that round to zero carry nothing; `pruneBelow` drops weak ones to shrink the file.
      if (Math.round(rowLargest * scale) === 0 || rowLargest < pruneBelow) continue;
      keptFeatures.push(feature);
      keptRows.push(row);
    }
    const quantised = new Int16Array(keptRows.length * tagCount);
    keptRows.forEach((row, index) => {
      for (let tag = 0; tag < tagCount; tag++) {
        quantised[index * tagCount + tag] = Math.round(this.weights[row * tagCount + tag]! * scale);
      }
    });
    const transitions = Int16Array.from(this.transitions, (value) => Math.round(value * scale));
    return {
      format: TAGGER_FORMAT,
      about,
      tags: [...this.tags],
      features: keptFeatures,
      weights: Buffer.from(quantised.buffer).toString('base64'),
      transitions: Buffer.from(transitions.buffer).toString('base64'),
      scale,
    };
  }

  save(path: string, about?: Record<string, unknown>, pruneBelow = 0): void {
    writeFileSync(path, gzipSync(JSON.stringify(this.toFile(about, pruneBelow)), { level: 9 }));
  }

  static fromFile(file: TaggerFile, source = 'model'): SequenceTagger {
    if (file.format !== TAGGER_FORMAT) {
      throw new PipelineError(
        'bad-model',
        `${source}: format "${file.format}", expected "${TAGGER_FORMAT}"`,
      );
    }
    const weights = int16Floats(file.weights, file.scale);
    const transitions = int16Floats(file.transitions, file.scale);
    const tagCount = file.tags.length;
    if (
      weights.length !== file.features.length * tagCount ||
      transitions.length !== (tagCount + 1) * tagCount
    ) {
      throw new PipelineError(
        'bad-model',
        `${source}: weight table does not match its tags and features`,
      );
    }
    return new SequenceTagger(file.tags, file.features, weights, transitions, file.about);
  }

  static load(path: string): SequenceTagger {
    return SequenceTagger.fromFile(readTaggerFile(path), path);
  }
}

/** A gzipped model file as written by `save`, or a `bad-model` error naming the file. */
export function readTaggerFile(path: string): TaggerFile {
  try {
    return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as TaggerFile;
  } catch (error) {
    throw new PipelineError(
      'bad-model',
      `${path}: cannot read the model (${(error as Error).message})`,
    );
  }
}

/** Weights stored as base64 Int16 back to floats. */
export /** Spreads FNV's low bits, which the table's mask would otherwise see alone. */
function mixHash(hash: number): number {
  const mixed = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return mixed ^ (mixed >>> 16);
}

export function int16Floats(base64: string, scale: number): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  const values = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
  return Float32Array.from(values, (value) => value / scale);
}

/** [(previous tag, or the start)][tag] → 1 where the tags' scheme (BIO or BILOU) allows it. */
export function allowedMatrix(tags: readonly string[]): Uint8Array {
  const tagCount = tags.length;
  const scheme = tagSchemeOf(tags);
  const allowed = new Uint8Array((tagCount + 1) * tagCount);
  for (let previous = 0; previous <= tagCount; previous++) {
    for (let next = 0; next < tagCount; next++) {
      allowed[previous * tagCount + next] = allowedTransition(tags[previous], tags[next]!, scheme)
        ? 1
        : 0;
    }
  }
  return allowed;
}

/**
 * Best path through [token][tag] emissions with [(previous|start)][tag] transitions. Callers that
 * decode many sentences may pass scratch buffers of at least `length * tagCount`.
 */
export function viterbi(
  emissions: Float32Array,
  length: number,
  tagCount: number,
  transitions: Float32Array,
  allowed: Uint8Array,
  score: Float64Array = new Float64Array(length * tagCount),
  back: Int32Array = new Int32Array(length * tagCount),
): Int32Array {
  const start = tagCount * tagCount;
  for (let tag = 0; tag < tagCount; tag++) {
    score[tag] = allowed[start + tag] ? emissions[tag]! + transitions[start + tag]! : -Infinity;
  }
  for (let position = 1; position < length; position++) {
    const base = position * tagCount;
    const previousBase = base - tagCount;
    for (let tag = 0; tag < tagCount; tag++) {
      let best = -Infinity;
      let bestPrevious = 0;
      for (let previous = 0; previous < tagCount; previous++) {
        if (!allowed[previous * tagCount + tag]) continue;
        const candidate = score[previousBase + previous]! + transitions[previous * tagCount + tag]!;
        if (candidate > best) {
          best = candidate;
          bestPrevious = previous;
        }
      }
      score[base + tag] = best + emissions[base + tag]!;
      back[base + tag] = bestPrevious;
    }
  }
  const path = new Int32Array(length);
  let bestLast = 0;
  const lastBase = (length - 1) * tagCount;
  for (let tag = 1; tag < tagCount; tag++) {
    if (score[lastBase + tag]! > score[lastBase + bestLast]!) bestLast = tag;
  }
  path[length - 1] = bestLast;
  for (let position = length - 1; position > 0; position--) {
    path[position - 1] = back[position * tagCount + path[position]!]!;
  }
  return path;
}

export interface TrainingSentence {
  readonly features: readonly (readonly string[])[];
  readonly tags: readonly string[];
}

export interface TrainingOptions {
  readonly epochs: number;
  /** Features seen fewer times than this in training are left out (smaller, often better). */
  readonly minFeatureCount?: number;
  /** Seed for the per-epoch shuffle, so a model is reproducible from its data. */
  readonly seed?: number;
  readonly onEpoch?: (epoch: number, errors: number, tokens: number) => void;
}

/**
 * Averaged structured perceptron: decode each sentence with the current weights; where the path
 * is wrong, reward the gold features and transitions and penalise the predicted ones. Averages
 * are kept lazily (per-weight timestamps), so an update costs only the features it touches.
 */
export function trainSequenceTagger(
  sentences: readonly TrainingSentence[],
  options: TrainingOptions,
): SequenceTagger {
  const tagSet = new Set<string>(['O']);
  for (const sentence of sentences) for (const tag of sentence.tags) tagSet.add(tag);
  const tags = [...tagSet].sort((a, b) => (a === 'O' ? -1 : b === 'O' ? 1 : a.localeCompare(b)));
  const tagIndex = new Map(tags.map((tag, index) => [tag, index]));
  const tagCount = tags.length;

  const counts = new Map<string, number>();
  for (const sentence of sentences) {
    for (const token of sentence.features) {
      for (const feature of token) counts.set(feature, (counts.get(feature) ?? 0) + 1);
    }
  }
  const minimum = options.minFeatureCount ?? 1;
  const features: string[] = [];
  const featureRow = new Map<string, number>();
  for (const [feature, count] of counts) {
    if (count < minimum) continue;
    featureRow.set(feature, features.length);
    features.push(feature);
  }
  counts.clear();

  const encoded = sentences.map((sentence) => ({
    features: sentence.features.map((token) => {
      const rows: number[] = [];
      for (const feature of token) {
        const row = featureRow.get(feature);
        if (row !== undefined) rows.push(row);
      }
      return Int32Array.from(rows);
    }),
    tags: Int32Array.from(sentence.tags, (tag) => tagIndex.get(tag)!),
  }));

  const weights = new Float32Array(features.length * tagCount);
  const totals = new Float64Array(features.length * tagCount);
  const stamps = new Int32Array(features.length * tagCount);
  const transitions = new Float32Array((tagCount + 1) * tagCount);
  const transitionTotals = new Float64Array(transitions.length);
  const transitionStamps = new Int32Array(transitions.length);
  const allowed = allowedMatrix(tags);
  let clock = 1;

  const bump = (
    table: Float32Array,
    sums: Float64Array,
    times: Int32Array,
    index: number,
    delta: number,
  ): void => {
    sums[index]! += (clock - times[index]!) * table[index]!;
    times[index] = clock;
    table[index]! += delta;
  };

  const random = seededRandom(options.seed ?? 1);
  const order = encoded.map((_, index) => index);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffle(order, random);
    let errors = 0;
    let tokenCount = 0;
    for (const index of order) {
      const sentence = encoded[index]!;
      const length = sentence.tags.length;
      if (length === 0) continue;
      tokenCount += length;
      const emissions = new Float32Array(length * tagCount);
      for (let position = 0; position < length; position++) {
        const base = position * tagCount;
        for (const row of sentence.features[position]!) {
          const offset = row * tagCount;
          for (let tag = 0; tag < tagCount; tag++) emissions[base + tag]! += weights[offset + tag]!;
        }
      }
      const predicted = viterbi(emissions, length, tagCount, transitions, allowed);
      let previousGold = tagCount;
      let previousPredicted = tagCount;
      for (let position = 0; position < length; position++) {
        const gold = sentence.tags[position]!;
        const guess = predicted[position]!;
        if (gold !== guess) {
          errors++;
          for (const row of sentence.features[position]!) {
            bump(weights, totals, stamps, row * tagCount + gold, 1);
            bump(weights, totals, stamps, row * tagCount + guess, -1);
          }
        }
        if (gold !== guess || previousGold !== previousPredicted) {
          bump(transitions, transitionTotals, transitionStamps, previousGold * tagCount + gold, 1);
          bump(
            transitions,
            transitionTotals,
            transitionStamps,
            previousPredicted * tagCount + guess,
            -1,
          );
        }
        previousGold = gold;
        previousPredicted = guess;
      }
      clock++;
    }
    options.onEpoch?.(epoch, errors, tokenCount);
  }

  const average = (table: Float32Array, sums: Float64Array, times: Int32Array): Float32Array =>
    Float32Array.from(
      table,
      (value, index) => (sums[index]! + (clock - times[index]!) * value) / clock,
    );
  return new SequenceTagger(
    tags,
    features,
    average(weights, totals, stamps),
    average(transitions, transitionTotals, transitionStamps),
  );
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32: small, fast, and the same on every machine.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}
