import type { CueLexicon } from '../cue-lexicon.js';
import { findCueWords } from '../cue-lexicon.js';
import {
  normaliseWord,
  quoteStates,
  wordShape,
  type TaggingSequence,
} from '../attribution-features.js';

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

export { normaliseWord, wordShape };

export function tokenInputs(
  text: string,
  sequence: TaggingSequence,
  lexicon: CueLexicon,
): TokenInputs {
  const { tokens, sentenceStart, sentenceEnd } = sequence;
  const length = tokens.length;
  const raw = tokens.map((token) => text.slice(token.start, token.end));
  const words = raw.map(normaliseWord);
  const quotes = quoteStates(raw);
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
