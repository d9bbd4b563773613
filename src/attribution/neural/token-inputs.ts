import type { CueLexicon } from '../cue-lexicon.js';
import { findCueWords } from '../cue-lexicon.js';
import type { TaggingSequence } from '../attribution-features.js';

/**
 * What the neural attribution tagger reads per token, computed the same way when the training
 * data is exported (src/train/export-attribution-sequences.ts) and when the tagger runs, so the
 * Python trainer never tokenises or normalises anything itself.
 */
export interface TokenInputs {
  /** The token as written (its characters feed the character CNN). */
  readonly raw: readonly string[];
  /** Lower case, digits as 0, curly apostrophes straight (the word-embedding key). */
  readonly words: readonly string[];
  /** Short shape: X capitals, x lower case, 0 digits, runs collapsed, at most 4 symbols. */
  readonly shapes: readonly string[];
  /** Cue-lexicon hit (group ids, `phrase`, `phrase-in`), `''` for none. */
  readonly cues: readonly string[];
  /** Universal part of speech, or `''` when the tagger runs without them. */
  readonly partsOfSpeech: readonly string[];
  /** Quote state: `open`, `close`, `in` (inside a quotation) or `out`. */
  readonly quotes: readonly string[];
  /** Place in its sentence: `S` (alone), `B` (first), `E` (last) or `I`. */
  readonly sentencePlaces: readonly string[];
}

const OPENING_QUOTES = new Set(['“', '«', '‘‘', '``']);
const CLOSING_QUOTES = new Set(['”', '»', "''"]);
const STRAIGHT_QUOTE = '"';

/** A word as the embeddings see it: lower case, digits as 0, curly apostrophes straight. */
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

/** The inputs of every token of one tagging sequence (a paragraph). */
export function tokenInputs(
  text: string,
  sequence: TaggingSequence,
  lexicon: CueLexicon,
): TokenInputs {
  const { tokens, sentenceStart, sentenceEnd } = sequence;
  const length = tokens.length;
  const raw = tokens.map((token) => text.slice(token.start, token.end));
  const words = raw.map(normaliseWord);
  const quotes = new Array<string>(length);
  let open = false;
  for (let index = 0; index < length; index++) {
    const word = raw[index]!;
    if (OPENING_QUOTES.has(word) || (word === STRAIGHT_QUOTE && !open)) {
      quotes[index] = 'open';
      open = true;
    } else if (CLOSING_QUOTES.has(word) || (word === STRAIGHT_QUOTE && open)) {
      quotes[index] = 'close';
      open = false;
    } else quotes[index] = open ? 'in' : 'out';
  }
  const sentencePlaces = new Array<string>(length);
  for (let index = 0; index < length; index++) {
    const first = index === sentenceStart[index];
    const last = index === sentenceEnd[index]! - 1;
    sentencePlaces[index] = first ? (last ? 'S' : 'B') : last ? 'E' : 'I';
  }
  return {
    raw,
    words,
    shapes: raw.map(wordShape),
    cues: findCueWords(lexicon, words),
    partsOfSpeech: sequence.partsOfSpeech ?? new Array<string>(length).fill(''),
    quotes,
    sentencePlaces,
  };
}
