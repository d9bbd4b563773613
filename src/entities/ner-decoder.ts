import {
  allowedTransition,
  int16Floats,
  viterbi,
  type TaggerFile,
} from '../tagging/sequence-tagger.js';
import type { GazetteerEntry, GazetteerHit } from './gazetteer.js';
import {
  atStart,
  CAPITALS,
  DOCUMENT_CASING,
  documentCasingBit,
  isHeadline,
  PAIR_AFTER,
  PAIR_BEFORE,
  shapeTriple,
  type NerFeatureExtractor,
  type WordFeatures,
} from './ner-features.js';

/**
 * Fast tagging with a trained NER model: the same linear model and BIO-constrained Viterbi as
 * `SequenceTagger.tag` over `NerFeatureExtractor.sentenceFeatures`, but the emission scores are
 * summed from score vectors cached per word string (its own features, and its features as each
 * neighbour), so a token costs one map lookup and a dozen short vector additions instead of some
 * forty feature-string lookups. ner-decoder.test.ts checks that both give the same tags.
 */

/** Distinct words remembered; the cache starts over when it grows past this. */
const WORD_CACHE_LIMIT = 200_000;

/** Shapes numbered for the shape-triple cache's keys (three ids in one safe integer); rarer ones go uncached. */
const SHAPE_ID_LIMIT = 1 << 16;

/** Parts of a word's cached score block, each `tagCount` long. */
const OWN = 0;
/** Neighbour parts, in the extractor's order of offsets: −2, −1, +1, +2. */
const AS_NEIGHBOUR = [1, 2, 3, 4] as const;
const AS_FIRST = 5;
const PARTS = 6;

/** How one lower-cased form is written in the document being tagged. */
interface CasingRecord {
  /** The document it was last seen in; `bits` is stale when this differs from the current one. */
  document: number;
  bits: number;
}

interface WordEntry {
  readonly features: WordFeatures;
  readonly scores: Float32Array;
  readonly casing: CasingRecord;
  /** Pair features with this word first: second word → weight row. */
  readonly pairsBefore: ReadonlyMap<string, number> | undefined;
  readonly pairsAfter: ReadonlyMap<string, number> | undefined;
  readonly shapeId: number;
  readonly gazetteer: readonly GazetteerEntry[] | undefined;
}

interface HitScores {
  readonly own: Float32Array;
  readonly before: Float32Array;
  readonly after: Float32Array;
}

/** Adds `count` numbers of `source` from `from` into `target` at `offset`. */
function addInto(
  target: Float32Array,
  offset: number,
  source: Float32Array,
  from: number,
  count: number,
): void {
  for (let index = 0; index < count; index++) target[offset + index]! += source[from + index]!;
}

export class NerDecoder {
  readonly tags: readonly string[];
  private readonly tagCount: number;
  private readonly rows: Map<string, number>;
  private readonly weights: Float32Array;
  private readonly transitions: Float32Array;
  private readonly allowed: Uint8Array;
  private readonly words = new Map<string, WordEntry>();
  private readonly casings = new Map<string, CasingRecord>();
  private readonly before: WordEntry;
  private readonly after: WordEntry;
  private readonly pairsBefore = new Map<string, Map<string, number>>();
  private readonly pairsAfter = new Map<string, Map<string, number>>();
  private readonly shapeIds = new Map<string, number>();
  private readonly shapeTriples = new Map<number, Float32Array>();
  private readonly hits = new Map<GazetteerHit, HitScores>();
  private readonly capitals: Float32Array;
  /** By casing bits (1–3): on any token, and on a sentence's first token or in a headline. */
  private readonly casingScores: readonly Float32Array[];
  private readonly casingAtStart: readonly Float32Array[];
  private documentNumber = 0;
  private emissions = new Float32Array(0);
  private score = new Float64Array(0);
  private back = new Int32Array(0);

  constructor(
    file: TaggerFile,
    private readonly extractor: NerFeatureExtractor,
  ) {
    this.tags = file.tags;
    const tagCount = file.tags.length;
    this.tagCount = tagCount;
    this.rows = new Map(file.features.map((feature, row) => [feature, row]));
    this.weights = int16Floats(file.weights, file.scale);
    this.transitions = int16Floats(file.transitions, file.scale);
    this.allowed = new Uint8Array((tagCount + 1) * tagCount);
    for (let previous = 0; previous <= tagCount; previous++) {
      for (let next = 0; next < tagCount; next++) {
        const allowed = allowedTransition(file.tags[previous], file.tags[next]!);
        this.allowed[previous * tagCount + next] = allowed ? 1 : 0;
      }
    }
    file.features.forEach((feature, row) => {
      if (feature.startsWith(PAIR_BEFORE)) indexPair(this.pairsBefore, feature, row);
      else if (feature.startsWith(PAIR_AFTER)) indexPair(this.pairsAfter, feature, row);
    });
    this.capitals = this.vectorOf(CAPITALS);
    this.casingScores = DOCUMENT_CASING.map((feature) => this.vectorOf(feature));
    this.casingAtStart = DOCUMENT_CASING.map((feature) => this.vectorOf(atStart(feature)));
    this.before = this.entryOf(extractor.boundaryFeatures(-1));
    this.after = this.entryOf(extractor.boundaryFeatures(1));
  }

  /** Adds the weights of `feature` (if the model knows it) into `target` at `offset`. */
  private addFeature(target: Float32Array, offset: number, feature: string): void {
    const row = this.rows.get(feature);
    if (row !== undefined)
      addInto(target, offset, this.weights, row * this.tagCount, this.tagCount);
  }

  private vectorOf(feature: string): Float32Array {
    const vector = new Float32Array(this.tagCount);
    this.addFeature(vector, 0, feature);
    return vector;
  }

  private entryOf(features: WordFeatures): WordEntry {
    const { window, shapeWindow, pairs, document } = this.extractor.options;
    const tagCount = this.tagCount;
    const scores = new Float32Array(PARTS * tagCount);
    for (const feature of features.own) this.addFeature(scores, OWN * tagCount, feature);
    // Offsets −2, −1, +1, +2 are at distances 2, 1, 1, 2.
    AS_NEIGHBOUR.forEach((part, index) => {
      const distance = index === 0 || index === 3 ? 2 : 1;
      if (distance <= window)
        this.addFeature(scores, part * tagCount, features.asNeighbour[index]!);
      if (distance <= shapeWindow)
        this.addFeature(scores, part * tagCount, features.shapeAsNeighbour[index]!);
    });
    if (features.asFirst !== '') this.addFeature(scores, AS_FIRST * tagCount, features.asFirst);
    let casing = this.casings.get(features.lower);
    if (!casing) {
      casing = { document: -1, bits: 0 };
      if (document) this.casings.set(features.lower, casing);
    }
    let shapeId = this.shapeIds.get(features.shape);
    if (shapeId === undefined) {
      shapeId = this.shapeIds.size < SHAPE_ID_LIMIT ? this.shapeIds.size : -1;
      if (shapeId >= 0) this.shapeIds.set(features.shape, shapeId);
    }
    return {
      features,
      scores,
      casing,
      pairsBefore: pairs ? this.pairsBefore.get(features.lower) : undefined,
      pairsAfter: pairs ? this.pairsAfter.get(features.lower) : undefined,
      shapeId,
      gazetteer: this.extractor.gazetteerEntries(features.word),
    };
  }

  private word(word: string): WordEntry {
    let entry = this.words.get(word);
    if (!entry) {
      if (this.words.size >= WORD_CACHE_LIMIT) {
        this.words.clear();
        this.casings.clear();
      }
      entry = this.entryOf(this.extractor.wordFeatures(word));
      this.words.set(word, entry);
    }
    return entry;
  }

  private tripleScores(previous: WordEntry, current: WordEntry, next: WordEntry): Float32Array {
    if (previous.shapeId < 0 || current.shapeId < 0 || next.shapeId < 0) {
      return this.vectorOf(shapeTriple(previous.features, current.features, next.features));
    }
    const key =
      (previous.shapeId * SHAPE_ID_LIMIT + current.shapeId) * SHAPE_ID_LIMIT + next.shapeId;
    let vector = this.shapeTriples.get(key);
    if (!vector) {
      if (this.shapeTriples.size >= WORD_CACHE_LIMIT) this.shapeTriples.clear();
      vector = this.vectorOf(shapeTriple(previous.features, current.features, next.features));
      this.shapeTriples.set(key, vector);
    }
    return vector;
  }

  private hitScores(hit: GazetteerHit): HitScores {
    let scores = this.hits.get(hit);
    if (!scores) {
      scores = {
        own: this.vectorOf(hit.own),
        before: this.vectorOf(hit.before),
        after: this.vectorOf(hit.after),
      };
      this.hits.set(hit, scores);
    }
    return scores;
  }

  /** CoNLL tags for every sentence of one document (the document gives casing features). */
  tagDocument(sentences: readonly (readonly string[])[]): string[][] {
    const document = ++this.documentNumber;
    const entries = sentences.map((words) => words.map((word) => this.word(word)));
    const headlines = entries.map((sentence) =>
      isHeadline(sentence.map((entry) => entry.features)),
    );
    if (this.extractor.options.document) {
      entries.forEach((sentence, index) => {
        if (headlines[index]) return;
        for (let position = 1; position < sentence.length; position++) {
          const entry = sentence[position]!;
          const bit = documentCasingBit(entry.features);
          if (bit === 0) continue;
          const record = entry.casing;
          if (record.document !== document) {
            record.document = document;
            record.bits = 0;
          }
          record.bits |= bit;
        }
      });
    }
    return entries.map((sentence, index) =>
      this.tagSentence(sentences[index]!, sentence, headlines[index]!, document),
    );
  }

  private tagSentence(
    words: readonly string[],
    entries: readonly WordEntry[],
    capitals: boolean,
    document: number,
  ): string[] {
    const length = entries.length;
    if (length === 0) return [];
    const tagCount = this.tagCount;
    const { window, shapeWindow, pairs } = this.extractor.options;
    const useCasing = this.extractor.options.document;
    if (this.emissions.length < length * tagCount) {
      this.emissions = new Float32Array(length * tagCount * 2);
      this.score = new Float64Array(length * tagCount * 2);
      this.back = new Int32Array(length * tagCount * 2);
    }
    const emissions = this.emissions;
    const weights = this.weights;
    emissions.fill(0, 0, length * tagCount);
    const gazetteer = this.extractor.gazetteerMatches(words, (index) => entries[index]!.gazetteer);
    const maxDistance = Math.max(window, shapeWindow);
    for (let index = 0; index < length; index++) {
      const offset = index * tagCount;
      const current = entries[index]!;
      addInto(emissions, offset, current.scores, OWN * tagCount, tagCount);
      for (let distance = 1; distance <= maxDistance; distance++) {
        const before = index - distance >= 0 ? entries[index - distance]! : this.before;
        const after = index + distance < length ? entries[index + distance]! : this.after;
        addInto(emissions, offset, before.scores, AS_NEIGHBOUR[2 - distance]! * tagCount, tagCount);
        addInto(emissions, offset, after.scores, AS_NEIGHBOUR[1 + distance]! * tagCount, tagCount);
      }
      if (pairs) {
        const previous = index > 0 ? entries[index - 1]! : this.before;
        const next = index + 1 < length ? entries[index + 1]! : this.after;
        const rowBefore = previous.pairsBefore?.get(current.features.lower);
        if (rowBefore !== undefined)
          addInto(emissions, offset, weights, rowBefore * tagCount, tagCount);
        const rowAfter = current.pairsAfter?.get(next.features.lower);
        if (rowAfter !== undefined)
          addInto(emissions, offset, weights, rowAfter * tagCount, tagCount);
        addInto(emissions, offset, this.tripleScores(previous, current, next), 0, tagCount);
      }
      if (index === 0) addInto(emissions, offset, current.scores, AS_FIRST * tagCount, tagCount);
      if (capitals) addInto(emissions, offset, this.capitals, 0, tagCount);
      if (gazetteer) {
        for (const hit of gazetteer[index]!)
          addInto(emissions, offset, this.hitScores(hit).own, 0, tagCount);
        if (index > 0) {
          for (const hit of gazetteer[index - 1]!)
            addInto(emissions, offset, this.hitScores(hit).before, 0, tagCount);
        }
        if (index + 1 < length) {
          for (const hit of gazetteer[index + 1]!)
            addInto(emissions, offset, this.hitScores(hit).after, 0, tagCount);
        }
      }
      if (useCasing && current.casing.document === document) {
        const bits = current.casing.bits;
        addInto(emissions, offset, this.casingScores[bits]!, 0, tagCount);
        if (index === 0 || capitals)
          addInto(emissions, offset, this.casingAtStart[bits]!, 0, tagCount);
      }
    }
    return this.viterbi(length);
  }

  private viterbi(length: number): string[] {
    const { emissions, score, back, transitions, allowed, tagCount } = this;
    const path = viterbi(emissions, length, tagCount, transitions, allowed, score, back);
    return Array.from(path, (tag) => this.tags[tag]!);
  }
}

/**
 * Files a pair feature (`lp=first|second`) under its two words. A word may itself contain `|`, so
 * the feature is filed under every split: each pair of words that spells this string has it.
 */
function indexPair(pairs: Map<string, Map<string, number>>, feature: string, row: number): void {
  const body = feature.slice(PAIR_BEFORE.length);
  for (let bar = body.indexOf('|'); bar >= 0; bar = body.indexOf('|', bar + 1)) {
    const first = body.slice(0, bar);
    let inner = pairs.get(first);
    if (!inner) {
      inner = new Map();
      pairs.set(first, inner);
    }
    inner.set(body.slice(bar + 1), row);
  }
}
