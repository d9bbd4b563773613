import { eld } from 'eld/small';

/** Enough text for a confident guess; detecting on more only costs time. */
const LANGUAGE_SAMPLE_CHARACTERS = 4000;

/** The ISO 639-1 code of a text's language, or `und` when eld cannot tell reliably. */
export function detectLanguage(text: string): string {
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
