/**
 * Groups of ids joined by pairs (union-find): copies of one another, articles of one event. Each id
 * maps to its group's root, which is the first id of the group in `ids` order joined so far.
 */
export function connectedGroups(
  ids: readonly string[],
  pairs: Iterable<readonly [string, string]>,
): Map<string, string> {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  for (const [a, b] of pairs) {
    const [rootA, rootB] = [find(a), find(b)];
    if (rootA !== rootB) parent.set(rootB, rootA);
  }
  return new Map(ids.map((id) => [id, find(id)]));
}
