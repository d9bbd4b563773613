import type { Gazetteer, GazetteerEntry, GazetteerHit } from './gazetteer.js';

/**
 * Features for the named-entity tagger, from token strings alone (never POS or chunk columns, which
 * real articles do not have). Which templates are on is data, stored in the model file, so a model
 * is always read with the features it was trained with.
 */
export interface NerFeatureOptions {
  /** Lower-cased words this far each side of the token (0–2). */
  readonly window: number;
  /** Word shapes this far each side (0–2). */
  readonly shapeWindow: number;
  /** Prefixes and suffixes of 1…n characters. */
  readonly affixLength: number;
  /** Word-pair features (previous|this, this|next) and the shape triple around the token. */
  readonly pairs: boolean;
  /** Gazetteer matches on the token and its neighbours. */
  readonly gazetteer: boolean;
  /** How the token's word is capitalised elsewhere in the same document. */
  readonly document: boolean;
}

/** The shipped model's templates. */
export const FULL_FEATURES: NerFeatureOptions = {
  window: 2,
  shapeWindow: 2,
  affixLength: 4,
  pairs: true,
  gazetteer: true,
  document: true,
};

/** Fewer templates: a smaller, faster model for a few points of F1. */
export const LEAN_FEATURES: NerFeatureOptions = {
  window: 1,
  shapeWindow: 1,
  affixLength: 3,
  pairs: false,
  gazetteer: true,
  document: true,
};

/** How a word is cased, for document-level features. */
const Casing = { None: 0, Lower: 1, Capitalised: 2, Upper: 3 } as const;
type Casing = (typeof Casing)[keyof typeof Casing];

/** What never changes for one word string: its own features and its features as a neighbour. */
export interface WordFeatures {
  readonly word: string;
  readonly own: readonly string[];
  readonly lower: string;
  readonly shape: string;
  readonly casing: Casing;
  /** `l-2=…`, `l-1=…`, `l+1=…`, `l+2=…`: this word seen from a token two or one away. */
  readonly asNeighbour: readonly string[];
  /** The same with shapes. */
  readonly shapeAsNeighbour: readonly string[];
  /** `first|<shape>`: this word opening a sentence. */
  readonly asFirst: string;
}

/** Per-document facts: for each lower-cased word, how it is cased where casing tells something. */
export interface DocumentContext {
  readonly casing: ReadonlyMap<string, string>;
}

/** Distinct words remembered between calls; the cache starts over when it grows past this. */
const WORD_CACHE_LIMIT = 200_000;
/** A character repeated more than this in a row counts once more in the long shape only. */
const SHAPE_RUN_LIMIT = 4;

const BOUNDARY_BEFORE = '<s>';
const BOUNDARY_AFTER = '</s>';
const NEIGHBOUR_OFFSETS = ['-2', '-1', '+1', '+2'] as const;

function characterClass(code: number): string | undefined {
  if (code >= 0x41 && code <= 0x5a) return 'X';
  if (code >= 0x61 && code <= 0x7a) return 'x';
  if (code >= 0x30 && code <= 0x39) return 'd';
  return undefined;
}

/**
 * Word shapes: the long one keeps run lengths up to a limit ("Xxxxx" for "Washington" → "Xxxxx"
 * capped), the short one collapses runs ("Xx", "X.X.", "d-d"). Letters outside ASCII are classed
 * by case, other characters stand for themselves.
 */
export function wordShapes(word: string): { long: string; short: string } {
  let long = '';
  let short = '';
  let previous = '';
  let run = 0;
  for (const character of word) {
    let mark = characterClass(character.charCodeAt(0));
    if (mark === undefined) {
      if (/\p{Lu}/u.test(character)) mark = 'X';
      else if (/\p{L}/u.test(character)) mark = 'x';
      else if (/\p{N}/u.test(character)) mark = 'd';
      else mark = character;
    }
    if (mark === previous) {
      run++;
      if (run <= SHAPE_RUN_LIMIT) long += mark;
    } else {
      long += mark;
      short += mark;
      run = 1;
      previous = mark;
    }
  }
  return { long, short };
}

function casingOf(word: string, lower: string): Casing {
  if (word === lower) return /\p{L}/u.test(word) ? Casing.Lower : Casing.None;
  const upper = word.toUpperCase();
  if (word === upper) return word.length > 1 ? Casing.Upper : Casing.Capitalised;
  return /^\p{Lu}/u.test(word) ? Casing.Capitalised : Casing.None;
}

/** What a word adds to its document's casing record: seen in lower case, or capitalised. */
export function documentCasingBit(word: WordFeatures): number {
  return word.casing === Casing.Lower
    ? SEEN_LOWER
    : word.casing === Casing.Capitalised
      ? SEEN_CAPITALISED
      : 0;
}

/** Whether a sentence is written in capitals (a headline): no lower-case word, some capitals. */
export function isHeadline(words: readonly WordFeatures[]): boolean {
  let upper = 0;
  for (const word of words) {
    if (word.casing === Casing.Lower) return false;
    if (word.casing === Casing.Upper) upper++;
  }
  return upper > 1;
}

/** Turns sentences of token strings into per-token feature lists for the sequence tagger. */
export class NerFeatureExtractor {
  private readonly words = new Map<string, WordFeatures>();
  private readonly before: WordFeatures;
  private readonly after: WordFeatures;

  constructor(
    readonly options: NerFeatureOptions,
    private readonly gazetteer: Gazetteer | undefined,
  ) {
    this.before = this.boundary(BOUNDARY_BEFORE);
    this.after = this.boundary(BOUNDARY_AFTER);
  }

  private boundary(mark: string): WordFeatures {
    return {
      word: mark,
      own: [],
      lower: mark,
      shape: mark,
      casing: Casing.None,
      asNeighbour: NEIGHBOUR_OFFSETS.map((offset) => `l${offset}=${mark}`),
      shapeAsNeighbour: NEIGHBOUR_OFFSETS.map((offset) => `s${offset}=${mark}`),
      asFirst: '',
    };
  }

  /** The features of one word string that do not depend on its context (cached). */
  wordFeatures(word: string): WordFeatures {
    let info = this.words.get(word);
    if (info) return info;
    if (this.words.size >= WORD_CACHE_LIMIT) this.words.clear();
    const lower = word.toLowerCase();
    const { long, short } = wordShapes(word);
    const own = ['bias', `w=${word}`, `S=${long}`, `s=${short}`];
    if (lower !== word) own.push(`l=${lower}`);
    const length = Math.min(this.options.affixLength, word.length - 1);
    for (let size = 1; size <= length; size++) {
      own.push(`p${size}=${lower.slice(0, size)}`, `x${size}=${lower.slice(-size)}`);
    }
    info = {
      word,
      own,
      lower,
      shape: short,
      casing: casingOf(word, lower),
      asNeighbour: NEIGHBOUR_OFFSETS.map((offset) => `l${offset}=${lower}`),
      shapeAsNeighbour: NEIGHBOUR_OFFSETS.map((offset) => `s${offset}=${short}`),
      asFirst: `first|${short}`,
    };
    this.words.set(word, info);
    return info;
  }

  /**
   * For each word of a document (lower-cased), how it is cased inside sentences that are not all
   * capitals, away from the sentence start: `X` only capitalised, `x` only lower case, `Xx` both.
   * A headline word or a sentence's first word learns from that how it is written elsewhere.
   */
  documentContext(sentences: readonly (readonly string[])[]): DocumentContext {
    const seen = new Map<string, number>();
    for (const words of sentences) {
      if (isHeadline(words.map((word) => this.wordFeatures(word)))) continue;
      for (let index = 1; index < words.length; index++) {
        const info = this.wordFeatures(words[index]!);
        const bit = info.casing === Casing.Lower ? 1 : info.casing === Casing.Capitalised ? 2 : 0;
        if (bit) seen.set(info.lower, (seen.get(info.lower) ?? 0) | bit);
      }
    }
    const casing = new Map<string, string>();
    for (const [lower, bits] of seen) casing.set(lower, DOCUMENT_CASING[bits]!);
    return { casing };
  }

  /** Gazetteer hits on each token of a sentence; undefined when none or the templates are off. */
  gazetteerMatches(
    words: readonly string[],
    entriesAt?: (index: number) => readonly GazetteerEntry[] | undefined,
  ): (readonly GazetteerHit[])[] | undefined {
    return this.options.gazetteer && this.gazetteer
      ? this.gazetteer.match(words, entriesAt)
      : undefined;
  }

  /** Gazetteer entries that start with `word` (none when the templates are off). */
  gazetteerEntries(word: string): readonly GazetteerEntry[] | undefined {
    return this.options.gazetteer && this.gazetteer
      ? this.gazetteer.entriesStartingWith(word)
      : undefined;
  }

  /** The boundary word before (`-1`) or after (`+1`) a sentence. */
  boundaryFeatures(side: -1 | 1): WordFeatures {
    return side < 0 ? this.before : this.after;
  }

  /**
   * The features of each token of one sentence, as strings (training, and the reference that
   * `NerDecoder` must agree with).
   */
  sentenceFeatures(words: readonly string[], document?: DocumentContext): string[][] {
    const options = this.options;
    const infos = words.map((word) => this.wordFeatures(word));
    const gazetteer = this.gazetteerMatches(words);
    const capitals = isHeadline(infos);
    const features: string[][] = new Array<string[]>(words.length);
    const at = (index: number): WordFeatures =>
      index < 0 ? this.before : index >= infos.length ? this.after : infos[index]!;
    for (let index = 0; index < infos.length; index++) {
      const info = infos[index]!;
      const list = info.own.slice();
      for (let distance = 1; distance <= options.window; distance++) {
        list.push(at(index - distance).asNeighbour[2 - distance]!);
        list.push(at(index + distance).asNeighbour[1 + distance]!);
      }
      for (let distance = 1; distance <= options.shapeWindow; distance++) {
        list.push(at(index - distance).shapeAsNeighbour[2 - distance]!);
        list.push(at(index + distance).shapeAsNeighbour[1 + distance]!);
      }
      if (options.pairs) {
        const previous = at(index - 1);
        const next = at(index + 1);
        list.push(
          pairBefore(previous, info),
          pairAfter(info, next),
          shapeTriple(previous, info, next),
        );
      }
      if (index === 0) list.push(info.asFirst);
      if (capitals) list.push(CAPITALS);
      if (gazetteer) {
        for (const hit of gazetteer[index]!) list.push(hit.own);
        if (index > 0) for (const hit of gazetteer[index - 1]!) list.push(hit.before);
        if (index + 1 < infos.length) for (const hit of gazetteer[index + 1]!) list.push(hit.after);
      }
      if (options.document && document) {
        const casing = document.casing.get(info.lower);
        if (casing !== undefined) {
          list.push(casing);
          if (index === 0 || capitals) list.push(atStart(casing));
        }
      }
      features[index] = list;
    }
    return features;
  }
}

/** Document casing features by bit set: 1 lower case seen, 2 capitalised seen. */
export const DOCUMENT_CASING = ['', 'd=x', 'd=X', 'd=Xx'] as const;
/** Bits of `DOCUMENT_CASING`. */
export const SEEN_LOWER = 1;
export const SEEN_CAPITALISED = 2;

/** Marks a token in a sentence written in capitals. */
export const CAPITALS = 'caps';

/** Prefixes of the word-pair features (the two prefixes have the same length). */
export const PAIR_BEFORE = 'lp=';
export const PAIR_AFTER = 'ln=';

export function pairBefore(previous: WordFeatures, current: WordFeatures): string {
  return `${PAIR_BEFORE}${previous.lower}|${current.lower}`;
}

export function pairAfter(current: WordFeatures, next: WordFeatures): string {
  return `${PAIR_AFTER}${current.lower}|${next.lower}`;
}

export function shapeTriple(
  previous: WordFeatures,
  current: WordFeatures,
  next: WordFeatures,
): string {
  return `sps=${previous.shape}|${current.shape}|${next.shape}`;
}

/** A document casing feature on a sentence's first word or in a headline. */
export function atStart(casing: string): string {
  return `${casing}|start`;
}
