import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Token, TokenKind } from '../model/article.js';
import type { TextRange } from '../model/span.js';

// Only sentence boundaries are needed on top of tokenization; the other pipes (POS, NER, negation)
// would triple the cost of segmenting.
const nlp = winkNLP(model, ['sbd']);
const its = nlp.its;

export interface Segmentation {
  readonly sentences: TextRange[];
  readonly tokens: Token[];
}

const TOKEN_KINDS: Readonly<Record<string, TokenKind>> = {
  word: 'word',
  number: 'number',
  punctuation: 'punctuation',
  symbol: 'symbol',
  currency: 'symbol',
  emoji: 'symbol',
  emoticon: 'symbol',
};

/**
 * Sentences and tokens of a text whose paragraphs are given, with UTF-16 offsets. wink-nlp reads
 * the whole text once (cheaper than once per paragraph); a sentence it runs across a paragraph
 * boundary is cut there, so a caption or crosshead line never merges into the next sentence.
 */
export function segmentText(text: string, paragraphs: readonly TextRange[]): Segmentation {
  const document = nlp.readDoc(text);
  const values = document.tokens().out() as string[];
  const types = document.tokens().out(its.type) as string[];
  const tokens: Token[] = [];
  const tokenIndexByWink: number[] = new Array<number>(values.length);
  let cursor = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    const found = text.indexOf(value, cursor);
    if (found < 0) {
      tokenIndexByWink[index] = -1;
      continue;
    }
    tokenIndexByWink[index] = tokens.length;
    tokens.push({ start: found, end: found + value.length, kind: TOKEN_KINDS[types[index]!] ?? 'other' });
    cursor = found + value.length;
  }
  const sentences: TextRange[] = [];
  const spans = document.sentences().out(its.span) as unknown as [number, number][];
  for (const [first, last] of spans) {
    const firstToken = tokens[firstMapped(tokenIndexByWink, first, last)];
    const lastToken = tokens[lastMapped(tokenIndexByWink, first, last)];
    if (firstToken && lastToken) sentences.push({ start: firstToken.start, end: lastToken.end });
  }
  return { sentences: cutAtParagraphs(sentences, paragraphs, text), tokens };
}

function firstMapped(map: readonly number[], first: number, last: number): number {
  for (let index = first; index <= last; index++) if (map[index]! >= 0) return map[index]!;
  return -1;
}

function lastMapped(map: readonly number[], first: number, last: number): number {
  for (let index = last; index >= first; index--) if (map[index]! >= 0) return map[index]!;
  return -1;
}

/** Splits sentences at paragraph ends, and trims each piece to non-space text. */
function cutAtParagraphs(sentences: readonly TextRange[], paragraphs: readonly TextRange[], text: string): TextRange[] {
  const result: TextRange[] = [];
  let paragraphIndex = 0;
  for (const sentence of sentences) {
    let start = sentence.start;
    while (paragraphIndex < paragraphs.length && paragraphs[paragraphIndex]!.end <= start) paragraphIndex++;
    let index = paragraphIndex;
    while (start < sentence.end) {
      const paragraph = paragraphs[index];
      const end = paragraph ? Math.min(sentence.end, paragraph.end) : sentence.end;
      pushTrimmed(result, text, Math.max(start, paragraph?.start ?? start), end);
      if (!paragraph || end >= sentence.end) break;
      index++;
      start = paragraphs[index]?.start ?? sentence.end;
    }
  }
  return result;
}

function pushTrimmed(into: TextRange[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) into.push({ start, end });
}
