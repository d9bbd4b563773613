import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Token } from '../model/article.js';

// wink-nlp's part-of-speech tagger, alone (no sentence splitting: the tokens layer has sentences).
const nlp = winkNLP(model, ['pos']);

/**
 * Universal part-of-speech tags for the article's tokens. wink reads the text again (its tagger
 * needs its own document); its tokens are matched to ours by start offset, and a token of ours
 * that wink split differently takes the tag of the wink token that starts where it starts, or `X`.
 */
export function partsOfSpeech(text: string, tokens: readonly Token[]): string[] {
  // The default model runs two taggers over the same article; wink's pass is made once.
  const cached = byTokenLayer.get(tokens);
  if (cached) return cached;
  const tags = tagPartsOfSpeech(text, tokens);
  byTokenLayer.set(tokens, tags);
  return tags;
}

const byTokenLayer = new WeakMap<readonly Token[], string[]>();

function tagPartsOfSpeech(text: string, tokens: readonly Token[]): string[] {
  const document = nlp.readDoc(text);
  const values = document.tokens().out() as string[];
  const tags = document.tokens().out(nlp.its.pos) as string[];
  const result = new Array<string>(tokens.length).fill('X');
  let cursor = 0;
  let ours = 0;
  for (let index = 0; index < values.length && ours < tokens.length; index++) {
    const value = values[index]!;
    const found = text.indexOf(value, cursor);
    if (found < 0) continue;
    cursor = found + value.length;
    while (ours < tokens.length && tokens[ours]!.start < found) ours++;
    if (ours < tokens.length && tokens[ours]!.start === found) result[ours++] = tags[index]!;
  }
  return result;
}
