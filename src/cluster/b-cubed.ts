/** B-cubed precision, recall and F1 of a clustering against gold clusters (Bagga & Baldwin 1998). */
export interface BCubedScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly items: number;
}

/**
 * Each item's precision is the share of its predicted cluster that shares its gold cluster, its
 * recall the share of its gold cluster that shares its predicted cluster; both are averaged over
 * items. `gold` and `predicted` map item → cluster label; items missing from `predicted` count as
 * singletons.
 */
export function bCubed(
  gold: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): BCubedScores {
  const items = [...gold.keys()];
  if (items.length === 0) return { precision: 0, recall: 0, f1: 0, items: 0 };
  const predictedOf = (item: string): string => predicted.get(item) ?? `\u0000${item}`;
  const goldSize = new Map<string, number>();
  const predictedSize = new Map<string, number>();
  const bothSize = new Map<string, number>();
  for (const item of items) {
    const g = gold.get(item)!;
    const p = predictedOf(item);
    const both = `${g}\u0001${p}`;
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
    predictedSize.set(p, (predictedSize.get(p) ?? 0) + 1);
    bothSize.set(both, (bothSize.get(both) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (const item of items) {
    const g = gold.get(item)!;
    const p = predictedOf(item);
    const both = bothSize.get(`${g}\u0001${p}`)!;
    precision += both / predictedSize.get(p)!;
    recall += both / goldSize.get(g)!;
  }
  precision /= items.length;
  recall /= items.length;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, items: items.length };
}
