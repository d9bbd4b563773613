import { eld } from 'eld/small';
import { countFunctionWordsByLanguage } from './function-words.js';

/** Enough text for a confident guess; detecting on more only costs time. */
const LANGUAGE_SAMPLE_CHARACTERS = 2000;

/** Words read for the function-word shortcut. */
const FUNCTION_WORD_SAMPLE_CHARACTERS = 1500;
/**
 * In running text of a language, about a third of the words are its function words (the, of, and…);
 * another language's list rarely reaches a tenth. Needing both a high share and a wide lead keeps
 * the shortcut to texts whose language is not in doubt; everything else goes to eld.
 */
const MIN_FUNCTION_WORD_SHARE = 0.25;
const MIN_FUNCTION_WORD_LEAD = 3;

/** The ISO 639-1 code of a text's language, or `und` when it cannot be told reliably. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, FUNCTION_WORD_SAMPLE_CHARACTERS);
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length >= 50) {
    const counts = [...countFunctionWordsByLanguage(words)].sort(
      (left, right) => right[1] - left[1],
    );
    const [best, second] = counts;
    if (
      best &&
      best[1] / words.length >= MIN_FUNCTION_WORD_SHARE &&
      best[1] >= MIN_FUNCTION_WORD_LEAD * (second?.[1] ?? 0)
    ) {
      return best[0];
    }
  }
  const result = eld.detect(text.slice(0, LANGUAGE_SAMPLE_CHARACTERS));
  return result.language && result.isReliable() ? result.language : 'und';
}

export interface LineLanguage {
  readonly language: string;
  readonly score: number;
  readonly scores: Readonly<Record<string, number>>;
}

/** The language eld reliably finds in one line, with its scores, or undefined. */
export function detectLineLanguage(line: string): LineLanguage | undefined {
  const result = eld.detect(line);
  if (!result.language || !result.isReliable()) return undefined;
  const scores = result.getScores();
  return { language: result.language, score: scores[result.language] ?? 0, scores };
}
