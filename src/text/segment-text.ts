import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Token, TokenKind } from '../model/article.js';
import type { TextRange } from '../model/span.js';

// Tokenization only: wink's tokenizer already keeps abbreviations ("U.S.", "Oct.", "Gen.", "p.m.")
// as single word tokens, so sentence ends are found over its tokens below, at a fraction of the
// cost of its sbd pipe (measured: tokenization + sbd 1.46× tokenization alone).
const nlp = winkNLP(model, []);

export interface Segmentation {
  readonly sentences: TextRange[];
  readonly tokens: Token[];
}

/** ASCII characters that are symbols rather than punctuation (Unicode categories S*). */
const ASCII_SYMBOLS = '$+<=>^`|~';

/**
 * A token's kind from its first character: what wink's `its.type` would say for the kinds used
 * here, without the cost of asking it for every token.
 */
function kindOf(value: string): TokenKind {
  const first = value.charCodeAt(0);
  if ((first >= 0x61 && first <= 0x7a) || (first >= 0x41 && first <= 0x5a)) return 'word';
  if (first >= 0x30 && first <= 0x39) return /\p{L}/u.test(value) ? 'word' : 'number';
  if (first < 0x80) return ASCII_SYMBOLS.includes(value[0]!) ? 'symbol' : 'punctuation';
  if (/^[\p{L}\p{M}]/u.test(value)) return 'word';
  if (/^\p{N}/u.test(value)) return 'number';
  if (/^\p{P}/u.test(value)) return 'punctuation';
  if (/^\p{S}/u.test(value)) return 'symbol';
  return 'other';
}

/**
 * Sentences and tokens of a text whose paragraphs are given, with UTF-16 offsets. wink-nlp reads
 * the whole text once (cheaper than once per paragraph); sentences never cross a paragraph end, so
 * a caption or crosshead line never merges into the next sentence.
 */
export function segmentText(text: string, paragraphs: readonly TextRange[]): Segmentation {
  const document = nlp.readDoc(text);
  const values = document.tokens().out() as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    // wink gives token strings, not offsets: find each one from where the last ended.
    const found = text.indexOf(value, cursor);
    if (found < 0) continue;
    const previous = tokens[tokens.length - 1];
    if (previous && previous.end === found && isSplitWord(text, previous, value)) {
      tokens[tokens.length - 1] = {
        start: previous.start,
        end: found + value.length,
        kind: 'word',
      };
    } else {
      tokens.push({ start: found, end: found + value.length, kind: kindOf(value) });
    }
    cursor = found + value.length;
  }
  return { sentences: splitSentences(text, tokens, paragraphs), tokens };
}

const LETTERS_ONLY = /^[\p{L}\p{M}]+$/u;

/**
 * wink-nlp's English tokenizer splits words at letters outside its alphabet ("Kovač" → "Kova" "č");
 * letter runs with nothing between them are one word again.
 */
function isSplitWord(text: string, previous: Token, value: string): boolean {
  return LETTERS_ONLY.test(value) && LETTERS_ONLY.test(text.slice(previous.start, previous.end));
}

/** Punctuation that ends a sentence when it stands as its own token. */
const SENTENCE_END = /^[.!?…]+$/;
/** Closing quotes and brackets that belong to the sentence they follow. */
const CLOSER = /^["'”’»)\]]+$/;
/** What a new sentence starts with: a capital, a digit, or an opening quote or bracket. */
const SENTENCE_START = /^[\p{Lu}\p{N}"'“‘«([]/u;

/**
 * Sentences over tokens: a sentence ends after `.`, `!`, `?` or `…` (with any closing quotes) when
 * the next token starts like a sentence, and always at a paragraph's end. Abbreviations never end
 * one, because the tokenizer keeps their full stop inside the word token.
 */
function splitSentences(
  text: string,
  tokens: readonly Token[],
  paragraphs: readonly TextRange[],
): TextRange[] {
  const sentences: TextRange[] = [];
  let tokenIndex = 0;
  for (const paragraph of paragraphs) {
    while (tokenIndex < tokens.length && tokens[tokenIndex]!.end <= paragraph.start) tokenIndex++;
    let sentenceStart = -1;
    for (; tokenIndex < tokens.length && tokens[tokenIndex]!.start < paragraph.end; tokenIndex++) {
      const token = tokens[tokenIndex]!;
      if (sentenceStart < 0) sentenceStart = token.start;
      if (token.kind !== 'punctuation' || !SENTENCE_END.test(text.slice(token.start, token.end)))
        continue;
      let last = tokenIndex;
      while (
        last + 1 < tokens.length &&
        tokens[last + 1]!.start < paragraph.end &&
        CLOSER.test(text.slice(tokens[last + 1]!.start, tokens[last + 1]!.end))
      )
        last++;
      const next = tokens[last + 1];
      if (
        next &&
        next.start < paragraph.end &&
        !SENTENCE_START.test(text.slice(next.start, next.end))
      )
        continue;
      sentences.push({ start: sentenceStart, end: tokens[last]!.end });
      sentenceStart = -1;
      tokenIndex = last;
    }
    if (sentenceStart >= 0)
      sentences.push({
        start: sentenceStart,
        end: Math.min(paragraph.end, tokens[tokenIndex - 1]!.end),
      });
  }
  return sentences;
}
