import { precisionRecall, type PrecisionRecall } from '../model/precision-recall.js';
import { STANCES, type Stance } from './read-fnc.js';

export type ClassScores = PrecisionRecall;

export interface StanceScores {
  readonly pairs: number;
  /** FNC-1 score as a share (0–1) of the best possible sum. */
  readonly fncScore: number;
  readonly fncSum: number;
  readonly fncBest: number;
  /** Mean F1 of the four classes (0–1). */
  readonly macroF1: number;
  readonly accuracy: number;
  readonly byClass: Record<Stance, ClassScores>;
  /** `confusion[gold][predicted]`, both in `STANCES` order. */
  readonly confusion: number[][];
}

/** FNC-1's points for one pair: 0.25 for related-vs-unrelated right, 0.75 more for the exact stance of a related pair. */
export function fncPoints(gold: Stance, predicted: Stance): number {
  let points = 0;
  if ((gold === 'unrelated') === (predicted === 'unrelated')) points += 0.25;
  if (gold !== 'unrelated' && gold === predicted) points += 0.75;
  return points;
}

/** The most a pair can earn: 0.25 if unrelated, 1 if related. */
export function fncBestPoints(gold: Stance): number {
  return gold === 'unrelated' ? 0.25 : 1;
}

/**
 * FNC score, macro-F1 and per-class figures of predicted stances against gold ones. `weights`
 * (one per pair, default 1) counts a pair as that many: used to score a slice whose mix of
 * classes differs from the data it stands for.
 */
export function scoreStances(
  gold: readonly Stance[],
  predicted: readonly Stance[],
  weights?: readonly number[],
): StanceScores {
  if (gold.length !== predicted.length) {
    throw new Error(`scoreStances: ${gold.length} gold stances but ${predicted.length} predicted`);
  }
  const confusion = STANCES.map(() => STANCES.map(() => 0));
  let fncSum = 0;
  let fncBest = 0;
  let correct = 0;
  let total = 0;
  gold.forEach((goldStance, index) => {
    const predictedStance = predicted[index]!;
    const weight = weights?.[index] ?? 1;
    confusion[STANCES.indexOf(goldStance)]![STANCES.indexOf(predictedStance)]! += weight;
    fncSum += weight * fncPoints(goldStance, predictedStance);
    fncBest += weight * fncBestPoints(goldStance);
    if (goldStance === predictedStance) correct += weight;
    total += weight;
  });
  const byClass = {} as Record<Stance, ClassScores>;
  STANCES.forEach((stance, row) => {
    const right = confusion[row]![row]!;
    const goldCount = confusion[row]!.reduce((sum, count) => sum + count, 0);
    const predictedCount = confusion.reduce((sum, line) => sum + line[row]!, 0);
    byClass[stance] = precisionRecall(goldCount, predictedCount, right);
  });
  return {
    pairs: gold.length,
    fncScore: fncBest > 0 ? fncSum / fncBest : 0,
    fncSum,
    fncBest,
    macroF1: STANCES.reduce((sum, stance) => sum + byClass[stance].f1, 0) / STANCES.length,
    accuracy: total > 0 ? correct / total : 0,
    byClass,
    confusion,
  };
}

/** The figures as lines of text: FNC score, macro-F1, per-class P/R/F1 and the confusion matrix. */
export function describeStanceScores(scores: StanceScores): string[] {
  const percent = (value: number): string => (100 * value).toFixed(2);
  const lines = [
    `FNC score ${percent(scores.fncScore)}% (${scores.fncSum.toFixed(2)} of ${scores.fncBest.toFixed(2)})  macro-F1 ${percent(scores.macroF1)}  accuracy ${percent(scores.accuracy)}  (${scores.pairs} pairs)`,
  ];
  for (const stance of STANCES) {
    const c = scores.byClass[stance];
    lines.push(
      `  ${stance.padEnd(9)} P ${percent(c.precision)}  R ${percent(c.recall)}  F1 ${percent(c.f1)}  (gold ${Math.round(c.gold)}, predicted ${Math.round(c.predicted)})`,
    );
  }
  lines.push('  confusion (rows gold, columns predicted):');
  lines.push(`  ${''.padEnd(9)} ${STANCES.map((stance) => stance.padStart(9)).join(' ')}`);
  STANCES.forEach((stance, row) => {
    const counts = scores.confusion[row]!.map((count) => String(Math.round(count)).padStart(9));
    lines.push(`  ${stance.padEnd(9)} ${counts.join(' ')}`);
  });
  return lines;
}
