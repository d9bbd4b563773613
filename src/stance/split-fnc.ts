import type { FncPair } from './read-fnc.js';

/** FNV-1a of a string, mixed with a seed: a stable pseudo-random number per key. */
export function stableHash(key: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/**
 * Claims of FNC-1: headlines and bodies joined by their related (agree, disagree, discuss)
 * pairs. Every headline rewords one claim and every body reports on one, so a claim's headlines
 * and bodies belong together; unrelated pairs join a headline to another claim's body and are not
 * followed. Returns the claim of each headline (`h:` + headline) and body (`b:` + Body ID), named
 * by its smallest Body ID (or its headline when it has no body).
 */
export function fncClaims(pairs: readonly FncPair[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    if (!parent.has(root)) parent.set(root, root);
    let walk = key;
    while (walk !== root) {
      const next = parent.get(walk)!;
      parent.set(walk, root);
      walk = next;
    }
    return root;
  };
  for (const pair of pairs) {
    const headline = find(`h:${pair.headline}`);
    const body = find(`b:${pair.bodyId}`);
    if (pair.stance !== undefined && pair.stance !== 'unrelated' && headline !== body) {
      parent.set(headline, body);
    }
  }
  const members = new Map<string, string[]>();
  for (const key of parent.keys()) {
    const root = find(key);
    members.set(root, [...(members.get(root) ?? []), key]);
  }
  const claimOf = new Map<string, string>();
  for (const keys of members.values()) {
    const bodies = keys.filter((key) => key.startsWith('b:')).map((key) => Number(key.slice(2)));
    const name = bodies.length > 0 ? `body ${Math.min(...bodies)}` : keys.sort()[0]!;
    for (const key of keys) claimOf.set(key, name);
  }
  return claimOf;
}

export interface UnseenSplit {
  /** Pairs whose headline and body are both outside the held-out claims. */
  readonly train: FncPair[];
  /** Pairs whose headline and body both belong to held-out claims: nothing of them is seen in training. */
  readonly heldOut: FncPair[];
  /** Pairs joining a held-out side to a training side: used for neither. */
  readonly dropped: number;
  readonly heldOutClaims: number;
  readonly claims: number;
}

/**
 * Deals FNC-1's claims into `folds` folds (by a seeded hash of the claim's name) and holds out fold
 * `fold` with all its headlines and bodies, so the held-out pairs are as new to the model as a new
 * story's would be: unseen headlines, unseen bodies and an unseen claim.
 */
export function splitByClaim(
  pairs: readonly FncPair[],
  folds: number,
  fold: number,
  seed: number,
): UnseenSplit {
  const claimOf = fncClaims(pairs);
  const claims = new Set(claimOf.values());
  const heldOutClaims = new Set(
    [...claims].filter((claim) => stableHash(claim, seed) % folds === fold),
  );
  const train: FncPair[] = [];
  const heldOut: FncPair[] = [];
  let dropped = 0;
  for (const pair of pairs) {
    const headlineOut = heldOutClaims.has(claimOf.get(`h:${pair.headline}`)!);
    const bodyOut = heldOutClaims.has(claimOf.get(`b:${pair.bodyId}`)!);
    if (headlineOut && bodyOut) heldOut.push(pair);
    else if (!headlineOut && !bodyOut) train.push(pair);
    else dropped++;
  }
  return { train, heldOut, dropped, heldOutClaims: heldOutClaims.size, claims: claims.size };
}
