/**
 * Entity-level scoring with conlleval's rules (the CoNLL-2000/2003 perl script): an entity is a
 * maximal chunk of tokens; a prediction counts only when its start, end and type all match a gold
 * entity. Chunk boundaries follow conlleval exactly, so an I-X after O (or after another type)
 * starts a new entity rather than being dropped.
 */

import { precisionRecall, type PrecisionRecall } from '../model/precision-recall.js';

/** One entity as token positions `[start, end)` within a sentence. */
export interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

export type { PrecisionRecall };

export interface EntityScores {
  readonly overall: PrecisionRecall;
  readonly byType: Readonly<Record<string, PrecisionRecall>>;
  /** Tokens whose predicted tag equals the gold tag, over all tokens. */
  readonly tokenAccuracy: number;
}

function prefixOf(tag: string): string {
  return tag === 'O' || tag.length < 2 || tag[1] !== '-' ? 'O' : tag[0]!;
}

function typeOf(tag: string): string {
  return prefixOf(tag) === 'O' ? '' : tag.slice(2);
}

/** conlleval's `startOfChunk`, for IOB tags (B, I, O; E/S/[/] are not used by CoNLL-2003). */
function startsChunk(previous: string, current: string): boolean {
  const previousPrefix = prefixOf(previous);
  const prefix = prefixOf(current);
  if (prefix === 'B') return true;
  if (prefix === 'I') return previousPrefix === 'O' || typeOf(previous) !== typeOf(current);
  return false;
}

/** Entities of one sentence's tags, by conlleval's chunk rules. */
export function chunksOf(tags: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let open: { start: number; type: string } | undefined;
  let previous = 'O';
  for (let index = 0; index <= tags.length; index++) {
    const tag = tags[index] ?? 'O';
    const begins = startsChunk(previous, tag);
    if (open && (begins || prefixOf(tag) === 'O')) {
      chunks.push({ start: open.start, end: index, type: open.type });
      open = undefined;
    }
    if (begins) open = { start: index, type: typeOf(tag) };
    previous = tag;
  }
  return chunks;
}

/** Micro-averaged entity P/R/F1 over sentences, overall and per type; `gold[i]` pairs `predicted[i]`. */
export function scoreEntities(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
): EntityScores {
  if (gold.length !== predicted.length) {
    throw new Error(`scoreEntities: ${gold.length} gold sentences, ${predicted.length} predicted`);
  }
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const countsOf = (type: string): { gold: number; predicted: number; correct: number } => {
    let entry = counts.get(type);
    if (!entry) {
      entry = { gold: 0, predicted: 0, correct: 0 };
      counts.set(type, entry);
    }
    return entry;
  };
  let tokens = 0;
  let rightTokens = 0;
  gold.forEach((goldTags, sentence) => {
    const predictedTags = predicted[sentence]!;
    if (goldTags.length !== predictedTags.length) {
      throw new Error(`scoreEntities: sentence ${sentence} has tags of different lengths`);
    }
    tokens += goldTags.length;
    goldTags.forEach((tag, index) => {
      if (tag === predictedTags[index]) rightTokens++;
    });
    const goldChunks = chunksOf(goldTags);
    const keys = new Set(goldChunks.map((chunk) => `${chunk.start}:${chunk.end}:${chunk.type}`));
    for (const chunk of goldChunks) countsOf(chunk.type).gold++;
    for (const chunk of chunksOf(predictedTags)) {
      const entry = countsOf(chunk.type);
      entry.predicted++;
      if (keys.has(`${chunk.start}:${chunk.end}:${chunk.type}`)) entry.correct++;
    }
  });
  const byType: Record<string, PrecisionRecall> = {};
  let allGold = 0;
  let allPredicted = 0;
  let allCorrect = 0;
  for (const type of [...counts.keys()].sort()) {
    const entry = counts.get(type)!;
    byType[type] = precisionRecall(entry.gold, entry.predicted, entry.correct);
    allGold += entry.gold;
    allPredicted += entry.predicted;
    allCorrect += entry.correct;
  }
  return {
    overall: precisionRecall(allGold, allPredicted, allCorrect),
    byType,
    tokenAccuracy: tokens > 0 ? rightTokens / tokens : 0,
  };
}
