/**
 * Shingle overlap between an extracted article body and the true one, after the
 * article-extraction-benchmark (Scrapinghub, MIT): lower-cased word tokens, shingles of four
 * consecutive words, precision and recall over the two sets of shingles.
 *
 * Differences from upstream, on purpose: shingles are counted as sets rather than multisets (a
 * paragraph printed twice is not rewarded twice), and precision, recall and F1 are computed per
 * page and then averaged, so that a long page weighs no more than a short one.
 */

/** Words per shingle, as in the upstream benchmark. */
export const SHINGLE_SIZE = 4;

/**
 * Python's Unicode `\w` (letters, numbers of every kind, underscore), which the upstream benchmark
 * tokenises with. JavaScript's `\w` is ASCII-only and would split every accented word in two.
 */
const WORD = /[\p{L}\p{N}_]+/gu;

export interface ShingleScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Lower-cased words of a text, as `re.findall(r'\w+', text.lower())` would find them. */
export function shingleWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * The set of shingles of a text, each its words joined by a space (which no word contains). A text
 * shorter than one shingle is one shorter shingle, as upstream, so that a three-word body still counts.
 */
export function shingles(text: string, size: number = SHINGLE_SIZE): Set<string> {
  const words = shingleWords(text);
  const result = new Set<string>();
  if (words.length === 0) return result;
  for (let start = 0; start <= Math.max(0, words.length - size); start++) {
    result.add(words.slice(start, start + size).join(' '));
  }
  return result;
}

/**
 * Precision, recall and F1 of a predicted body against the true one. Edge cases: both empty is a
 * perfect score (nothing to find, nothing wrongly found); an empty prediction of a non-empty body
 * scores 0 on all three (returning nothing must not earn a perfect precision); a non-empty
 * prediction of an empty body has recall 1 (nothing was missed) but precision and F1 0.
 */
export function scoreShingles(predicted: string, truth: string): ShingleScore {
  const predictedShingles = shingles(predicted);
  const trueShingles = shingles(truth);
  if (predictedShingles.size === 0 && trueShingles.size === 0)
    return { precision: 1, recall: 1, f1: 1 };
  if (predictedShingles.size === 0) return { precision: 0, recall: 0, f1: 0 };
  if (trueShingles.size === 0) return { precision: 0, recall: 1, f1: 0 };
  let common = 0;
  for (const shingle of predictedShingles) if (trueShingles.has(shingle)) common++;
  const precision = common / predictedShingles.size;
  const recall = common / trueShingles.size;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** The mean of each figure over pages (macro average); all zero for no pages. */
export function averageScores(scores: readonly ShingleScore[]): ShingleScore {
  if (scores.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const mean = (pick: (score: ShingleScore) => number): number =>
    scores.reduce((sum, score) => sum + pick(score), 0) / scores.length;
  return {
    precision: mean((score) => score.precision),
    recall: mean((score) => score.recall),
    f1: mean((score) => score.f1),
  };
}
