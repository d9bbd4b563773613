import type { Token } from '../model/article.js';
import type { TextRange } from '../model/span.js';
import { continueFeatureHash, FEATURE_HASH_START } from '../tagging/sequence-tagger.js';
import { findCueWords, type CueLexicon } from './cue-lexicon.js';

/**
 * Features for the attribution tagger. The unit tagged is a paragraph (a quote often runs over
 * several sentences), with sentence boundaries inside it as features. Stage 1 sees the words
 * around each token, the cue lexicon, quote state and punctuation; stage 2 adds where the token
 * stands relative to the spans stage 1 found (chiefly cues), which is what tells a source from any
 * other noun phrase and content from any other clause.
 */

/** The tokens of one paragraph, with each token's sentence as indices into them. */
export interface TaggingSequence {
  /** Index of the first token in the article's token layer. */
  readonly firstToken: number;
  readonly tokens: readonly Token[];
  /** Per token: its part of speech, when the tagger is given them. */
  readonly partsOfSpeech?: readonly string[];
  /** Per token: the index of its sentence's first token. */
  readonly sentenceStart: Int32Array;
  /** Per token: one past the index of its sentence's last token. */
  readonly sentenceEnd: Int32Array;
}

/**
 * Where features go, token by token: as strings (training, which needs their names) or as their
 * hashes (tagging, which then builds no strings). A feature is `name + value`, or its parts joined
 * with `|` after the name.
 */
export interface FeatureSink {
  /** Starts the next token's features. */
  next(): void;
  add(name: string, value: string): void;
  add2(name: string, first: string, second: string): void;
  add3(name: string, first: string, second: string, third: string): void;
}

export class FeatureStrings implements FeatureSink {
  readonly tokens: string[][] = [];
  private current: string[] = [];

  next(): void {
    this.current = [];
    this.tokens.push(this.current);
  }
  add(name: string, value: string): void {
    this.current.push(name + value);
  }
  add2(name: string, first: string, second: string): void {
    this.current.push(name + first + '|' + second);
  }
  add3(name: string, first: string, second: string, third: string): void {
    this.current.push(name + first + '|' + second + '|' + third);
  }
}

const BAR = '|';

/** Feature hashes, flat, with each token's start in `offsets` (and the end after the last). */
export class FeatureHashes implements FeatureSink {
  hashes = new Int32Array(4096);
  size = 0;
  private readonly starts: number[] = [];

  next(): void {
    this.starts.push(this.size);
  }
  add(name: string, value: string): void {
    this.push(continueFeatureHash(continueFeatureHash(FEATURE_HASH_START, name), value));
  }
  add2(name: string, first: string, second: string): void {
    let hash = continueFeatureHash(continueFeatureHash(FEATURE_HASH_START, name), first);
    hash = continueFeatureHash(continueFeatureHash(hash, BAR), second);
    this.push(hash);
  }
  add3(name: string, first: string, second: string, third: string): void {
    let hash = continueFeatureHash(continueFeatureHash(FEATURE_HASH_START, name), first);
    hash = continueFeatureHash(continueFeatureHash(hash, BAR), second);
    hash = continueFeatureHash(continueFeatureHash(hash, BAR), third);
    this.push(hash);
  }

  get tokenCount(): number {
    return this.starts.length;
  }

  offsets(): Int32Array {
    const offsets = new Int32Array(this.starts.length + 1);
    offsets.set(this.starts);
    offsets[this.starts.length] = this.size;
    return offsets;
  }

  /** Each token's features from `this`, then from `other` (the same tokens). */
  concat(other: FeatureHashes): { hashes: Int32Array; offsets: Int32Array } {
    const hashes = new Int32Array(this.size + other.size);
    const offsets = new Int32Array(this.tokenCount + 1);
    const mine = this.offsets();
    const theirs = other.offsets();
    let size = 0;
    for (let token = 0; token < this.tokenCount; token++) {
      offsets[token] = size;
      hashes.set(this.hashes.subarray(mine[token]!, mine[token + 1]!), size);
      size += mine[token + 1]! - mine[token]!;
      hashes.set(other.hashes.subarray(theirs[token]!, theirs[token + 1]!), size);
      size += theirs[token + 1]! - theirs[token]!;
    }
    offsets[this.tokenCount] = size;
    return { hashes, offsets };
  }

  private push(hash: number): void {
    if (this.size === this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[this.size++] = hash;
  }
}

/** Paragraphs as tagging sequences; tokens outside every paragraph are left out. */
export function taggingSequences(
  tokens: readonly Token[],
  sentences: readonly TextRange[],
  paragraphs: readonly TextRange[],
  partsOfSpeech?: readonly string[],
): TaggingSequence[] {
  const sequences: TaggingSequence[] = [];
  let tokenIndex = 0;
  let sentenceIndex = 0;
  for (const paragraph of paragraphs) {
    while (tokenIndex < tokens.length && tokens[tokenIndex]!.start < paragraph.start) tokenIndex++;
    const first = tokenIndex;
    while (tokenIndex < tokens.length && tokens[tokenIndex]!.end <= paragraph.end) tokenIndex++;
    if (tokenIndex === first) continue;
    const members = tokens.slice(first, tokenIndex);
    const sentenceStart = new Int32Array(members.length);
    const sentenceEnd = new Int32Array(members.length);
    let runStart = 0;
    for (let index = 0; index < members.length; index++) {
      const token = members[index]!;
      while (sentenceIndex < sentences.length && sentences[sentenceIndex]!.end <= token.start)
        sentenceIndex++;
      const sentence = sentences[sentenceIndex];
      const next = members[index + 1];
      // A sentence ends where the next token starts past its end (or the paragraph ends).
      const closes = !next || !sentence || next.start >= sentence.end;
      if (closes) {
        sentenceStart.fill(runStart, runStart, index + 1);
        sentenceEnd.fill(index + 1, runStart, index + 1);
        runStart = index + 1;
      }
    }
    sequences.push({
      firstToken: first,
      tokens: members,
      ...(partsOfSpeech ? { partsOfSpeech: partsOfSpeech.slice(first, tokenIndex) } : {}),
      sentenceStart,
      sentenceEnd,
    });
  }
  return sequences;
}

const OPENING_QUOTES = new Set(['“', '«', '‘‘', '``']);
const CLOSING_QUOTES = new Set(['”', '»', "''"]);
const STRAIGHT_QUOTE = '"';

/** A word as the features and embeddings see it: lower case, digits as 0, curly apostrophes straight. */
export function normaliseWord(value: string): string {
  const lower = value.toLowerCase();
  return /[\d’]/.test(lower) ? lower.replace(/\d/g, '0').replace(/’/g, "'") : lower;
}

/** A short shape: X for capitals, x for lower case, 0 for digits, runs collapsed, at most 4. */
export function wordShape(value: string): string {
  let shape = '';
  let last = '';
  for (let index = 0; index < value.length && shape.length < 4; index++) {
    const code = value.charCodeAt(index);
    let kind: string;
    if (code >= 0x41 && code <= 0x5a) kind = 'X';
    else if (code >= 0x61 && code <= 0x7a) kind = 'x';
    else if (code >= 0x30 && code <= 0x39) kind = '0';
    else if (code < 0x80) kind = value[index]!;
    else {
      const character = String.fromCodePoint(value.codePointAt(index)!);
      index += character.length - 1;
      kind = /\p{Lu}/u.test(character) ? 'X' : /\p{L}/u.test(character) ? 'x' : character;
    }
    if (kind !== last) {
      shape += kind;
      last = kind;
    }
  }
  return shape;
}

export type QuoteState = 'open' | 'close' | 'in' | 'out';

/** Quote state per token: curly quotes open and close; straight ones alternate within the sequence. */
export function quoteStates(raw: readonly string[]): QuoteState[] {
  const states = new Array<QuoteState>(raw.length);
  let open = false;
  for (let index = 0; index < raw.length; index++) {
    const word = raw[index]!;
    if (OPENING_QUOTES.has(word) || (word === STRAIGHT_QUOTE && !open)) {
      states[index] = 'open';
      open = true;
    } else if (CLOSING_QUOTES.has(word) || (word === STRAIGHT_QUOTE && open)) {
      states[index] = 'close';
      open = false;
    } else states[index] = open ? 'in' : 'out';
  }
  return states;
}

/** Distance buckets: near distances matter one by one, far ones only roughly. */
function bucket(distance: number): string {
  if (distance <= 3) return String(distance);
  if (distance <= 6) return '4-6';
  if (distance <= 12) return '7-12';
  return '13+';
}

/** Per-token facts computed once per sequence and shared by both stages. */
export interface SequenceFacts {
  readonly words: readonly string[];
  readonly lexicon: readonly string[];
  /** 1 inside a quotation (after an opening quote, before its close), else 0. */
  readonly inQuote: Uint8Array;
  /** 1 for punctuation tokens. */
  readonly punctuation: Uint8Array;
}

/** Stage-1 features for every token of a sequence into `sink`; returns the facts stage 2 reuses. */
export function baseFeatures(
  text: string,
  sequence: TaggingSequence,
  lexicon: CueLexicon,
  sink: FeatureSink,
): SequenceFacts {
  const { tokens, sentenceStart, sentenceEnd } = sequence;
  const length = tokens.length;
  const raw = tokens.map((token) => text.slice(token.start, token.end));
  const words = raw.map(normaliseWord);
  const hits = findCueWords(lexicon, words);
  const shapes = raw.map(wordShape);

  const quotes = quoteStates(raw);
  const inQuote = Uint8Array.from(quotes, (state) => (state === 'in' ? 1 : 0));
  const quoteMark = quotes.map((state) => (state === 'open' || state === 'close' ? state : ''));

  // Nearest lexicon hit to the left and right within the sentence, and the punctuation between.
  const lexiconLeft = new Int32Array(length).fill(-1);
  const lexiconRight = new Int32Array(length).fill(-1);
  for (let index = 0, last = -1; index < length; index++) {
    if (index === sentenceStart[index]) last = -1;
    lexiconLeft[index] = last;
    if (hits[index]) last = index;
  }
  for (let index = length - 1, next = -1; index >= 0; index--) {
    if (index === sentenceEnd[index]! - 1) next = -1;
    lexiconRight[index] = next;
    if (hits[index]) next = index;
  }
  const punctuationLeft = new Array<string>(length).fill('');
  for (let index = 0, last = '<s>'; index < length; index++) {
    if (index === sentenceStart[index]) last = '<s>';
    punctuationLeft[index] = last;
    if (tokens[index]!.kind === 'punctuation') last = words[index]!;
  }
  const punctuationRight = new Array<string>(length).fill('');
  for (let index = length - 1, next = '</s>'; index >= 0; index--) {
    if (index === sentenceEnd[index]! - 1) next = '</s>';
    punctuationRight[index] = next;
    if (tokens[index]!.kind === 'punctuation') next = words[index]!;
  }
  const sentenceHasQuote = new Uint8Array(length);
  for (let index = 0; index < length; index++) {
    if (quoteMark[index]) sentenceHasQuote.fill(1, sentenceStart[index]!, sentenceEnd[index]!);
  }

  // Distance to the nearest verb left and right in the sentence (with part-of-speech tags).
  const verbLeft = new Array<string>(length).fill('');
  const verbRight = new Array<string>(length).fill('');
  const posTags = sequence.partsOfSpeech;
  if (posTags) {
    for (let index = 0, last = -1; index < length; index++) {
      if (index === sentenceStart[index]) last = -1;
      verbLeft[index] = last < 0 ? 'none' : bucket(index - last);
      if (posTags[index] === 'VERB') last = index;
    }
    for (let index = length - 1, next = -1; index >= 0; index--) {
      if (index === sentenceEnd[index]! - 1) next = -1;
      verbRight[index] = next < 0 ? 'none' : bucket(next - index);
      if (posTags[index] === 'VERB') next = index;
    }
  }
  const word = (index: number): string =>
    index < 0 ? '<p>' : index >= length ? '</p>' : words[index]!;
  const hit = (index: number): string => (index < 0 || index >= length ? '-' : hits[index]!);
  const tags = sequence.partsOfSpeech;
  const tagAt = (at: number): string =>
    at < 0 ? '<p>' : at >= length ? '</p>' : (tags?.[at] ?? '');
  for (let index = 0; index < length; index++) {
    const current = words[index]!;
    const left = lexiconLeft[index]!;
    const right = lexiconRight[index]!;
    const leftDistance = left < 0 ? 'none' : bucket(index - left);
    const rightDistance = right < 0 ? 'none' : bucket(right - index);
    const quote = quoteMark[index] || (inQuote[index] ? 'in' : 'out');
    const fromStart = index - sentenceStart[index]!;
    const toEnd = sentenceEnd[index]! - 1 - index;
    sink.next();
    sink.add('b', '');
    sink.add('w=', current);
    sink.add('w-1=', word(index - 1));
    sink.add('w+1=', word(index + 1));
    sink.add('w-2=', word(index - 2));
    sink.add('w+2=', word(index + 2));
    sink.add('w-3=', word(index - 3));
    sink.add('w+3=', word(index + 3));
    sink.add('sx2=', current.slice(-2));
    sink.add2('w-1w=', word(index - 1), current);
    sink.add2('ww+1=', current, word(index + 1));
    sink.add('s=', shapes[index]!);
    sink.add('sx3=', current.slice(-3));
    sink.add('l=', hits[index]!);
    sink.add('l-1=', hit(index - 1));
    sink.add('l+1=', hit(index + 1));
    sink.add('l-2=', hit(index - 2));
    sink.add('l+2=', hit(index + 2));
    sink.add('q=', quote);
    sink.add2('qs=', quote, sentenceHasQuote[index] ? '1' : '0');
    sink.add('lL=', leftDistance);
    sink.add('lR=', rightDistance);
    sink.add2('lLR=', leftDistance, rightDistance);
    sink.add2('qlR=', quote, rightDistance);
    sink.add2('qlL=', quote, leftDistance);
    sink.add('lwL=', left < 0 ? '' : words[left]!);
    sink.add('lwR=', right < 0 ? '' : words[right]!);
    sink.add('pL=', punctuationLeft[index]!);
    sink.add('pR=', punctuationRight[index]!);
    sink.add2('pLR=', punctuationLeft[index]!, punctuationRight[index]!);
    sink.add('ss=', bucket(fromStart));
    sink.add('se=', bucket(toEnd));
    sink.add('sp=', sentenceStart[index] === 0 ? 'first' : 'later');
    if (tags) {
      const tag = tags[index]!;
      sink.add('p=', tag);
      sink.add('p-1=', tagAt(index - 1));
      sink.add('p+1=', tagAt(index + 1));
      sink.add2('p-1p=', tagAt(index - 1), tag);
      sink.add2('pp+1=', tag, tagAt(index + 1));
      sink.add('p-2=', tagAt(index - 2));
      sink.add('p+2=', tagAt(index + 2));
      sink.add2('wp=', current, tag);
      sink.add3('p-1pp+1=', tagAt(index - 1), tag, tagAt(index + 1));
      sink.add2('lp=', hits[index]!, tag);
      sink.add('vL=', verbLeft[index]!);
      sink.add('vR=', verbRight[index]!);
    }
  }
  const punctuation = Uint8Array.from(tokens, (token) => (token.kind === 'punctuation' ? 1 : 0));
  return { words, lexicon: hits, inQuote, punctuation };
}

/**
 * Stage-2 features: each token's place relative to the cues stage 1 found (distance, direction,
 * the cue's first word, punctuation or a quote mark between), and stage 1's own tags nearby.
 * Added to the stage-1 features of the same token.
 */
export function stackedFeatures(
  sequence: TaggingSequence,
  facts: SequenceFacts,
  firstTags: readonly string[],
  sink: FeatureSink,
): void {
  const { sentenceStart, sentenceEnd } = sequence;
  const length = firstTags.length;
  const { words, inQuote } = facts;
  const isCue = firstTags.map((tag) => tag.endsWith('-cue'));
  // Nearest cue token left and right, within the sentence and within the paragraph.
  const cueLeft = new Int32Array(length).fill(-1);
  const cueRight = new Int32Array(length).fill(-1);
  const cueHead = new Int32Array(length).fill(-1);
  for (let index = 0, last = -1, head = -1; index < length; index++) {
    if (firstTags[index] === 'B-cue' || firstTags[index] === 'U-cue') head = index;
    cueHead[index] = isCue[index] ? head : -1;
    cueLeft[index] = last;
    if (isCue[index]) last = index;
  }
  for (let index = length - 1, next = -1; index >= 0; index--) {
    cueRight[index] = next;
    if (isCue[index]) next = index;
  }
  // Commas and quote marks seen so far, to tell whether one lies between a token and a cue.
  const punctuationBefore = new Int32Array(length + 1);
  for (let index = 0; index < length; index++) {
    punctuationBefore[index + 1] = punctuationBefore[index]! + facts.punctuation[index]!;
  }
  const tagAt = (index: number): string =>
    index < 0 ? '<p>' : index >= length ? '</p>' : firstTags[index]!;
  const headWord = (cue: number): string => {
    const head = cueHead[cue]!;
    return head < 0 ? '' : words[head]! + (isCue[head + 1] ? '_' + words[head + 1]! : '');
  };
  for (let index = 0; index < length; index++) {
    const left = cueLeft[index]!;
    const right = cueRight[index]!;
    const sameLeft = left >= sentenceStart[index]!;
    const sameRight = right >= 0 && right < sentenceEnd[index]!;
    const leftDistance = left < 0 ? 'none' : sameLeft ? bucket(index - left) : 'prev';
    const rightDistance = right < 0 ? 'none' : sameRight ? bucket(right - index) : 'next';
    const punctuationLeft =
      left >= 0 && punctuationBefore[index]! - punctuationBefore[left + 1]! > 0 ? 'p' : '';
    const punctuationRight =
      right >= 0 && punctuationBefore[right]! - punctuationBefore[index + 1]! > 0 ? 'p' : '';
    const quote = inQuote[index] ? 'in' : 'out';
    const word = words[index]!;
    sink.next();
    sink.add('t=', firstTags[index]!);
    sink.add('t-1=', tagAt(index - 1));
    sink.add('t+1=', tagAt(index + 1));
    sink.add2('t-1t+1=', tagAt(index - 1), tagAt(index + 1));
    sink.add('cL=', leftDistance + punctuationLeft);
    sink.add('cR=', rightDistance + punctuationRight);
    sink.add2('cLR=', leftDistance, rightDistance);
    sink.add2('qcL=', quote, leftDistance + punctuationLeft);
    sink.add2('qcR=', quote, rightDistance + punctuationRight);
    sink.add('cwL=', left >= 0 && sameLeft ? headWord(left) : '');
    sink.add('cwR=', sameRight ? headWord(right) : '');
    sink.add2('wcR=', word, rightDistance);
    sink.add2('wcL=', word, leftDistance);
  }
}
