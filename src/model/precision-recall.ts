/** Precision, recall and F1 from counts: what every evaluation of the project reports. */
export interface PrecisionRecall {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly gold: number;
  readonly predicted: number;
  readonly correct: number;
}

/** Scores from counts; 0 (not NaN) where nothing was predicted or nothing was there to find. */
export function precisionRecall(gold: number, predicted: number, correct: number): PrecisionRecall {
  const precision = predicted > 0 ? correct / predicted : 0;
  const recall = gold > 0 ? correct / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, gold, predicted, correct };
}
