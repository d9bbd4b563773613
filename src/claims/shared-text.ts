import type { Article } from '../model/article.js';
import { connectedGroups } from '../model/connected-groups.js';
import type { SharedText } from '../model/story.js';
import type { TextRange } from '../model/span.js';

/**
 * Copies: articles that share long runs of text (a syndicated wire story, a recycled report).
 * Compared by word shingles (runs of SHINGLE_WORDS words) through an index, so only articles that
 * share a shingle are ever compared.
 */
export const SHINGLE_WORDS = 8;
/**
 * Two articles are copies when one run of text of about 60 words is in both (reports of one event
 * share quotes and the odd sentence, not whole paragraphs)…
 */
const MIN_RUN_SHINGLES = 53;
/** …or when this share of the shorter article's shingles is in the other. */
const MIN_SHARED_SHARE = 0.3;

interface WordAt extends TextRange {
  readonly word: string;
}

function wordsWithOffsets(text: string): WordAt[] {
  const words: WordAt[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    words.push({
      word: match[0].toLowerCase(),
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return words;
}

/** Shared text between two articles (`story.copies` keeps the pairs that are copies). */
export interface SharedRun extends SharedText {
  readonly copies: boolean;
}

/** Pairs of articles that share text, with their longest shared run and whether they are copies. */
export function findSharedText(articles: readonly Article[]): SharedRun[] {
  const words = articles.map((article) => wordsWithOffsets(article.text));
  const index = new Map<string, { article: number; position: number }[]>();
  const shingleCounts = words.map((list) => Math.max(0, list.length - SHINGLE_WORDS + 1));
  words.forEach((list, article) => {
    const seen = new Set<string>();
    for (let position = 0; position + SHINGLE_WORDS <= list.length; position++) {
      const key = list
        .slice(position, position + SHINGLE_WORDS)
        .map((item) => item.word)
        .join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const postings = index.get(key);
      if (postings) postings.push({ article, position });
      else index.set(key, [{ article, position }]);
    }
  });
  // pair → matched positions (position in a, position in b)
  const pairs = new Map<string, [number, number][]>();
  for (const postings of index.values()) {
    if (postings.length < 2) continue;
    for (let i = 0; i < postings.length; i++) {
      for (let j = i + 1; j < postings.length; j++) {
        const first = postings[i]!;
        const second = postings[j]!;
        if (first.article === second.article) continue;
        const key = `${first.article} ${second.article}`;
        const list = pairs.get(key) ?? [];
        list.push([first.position, second.position]);
        pairs.set(key, list);
      }
    }
  }
  const runs: SharedRun[] = [];
  for (const [key, matches] of pairs) {
    const [a, b] = key.split(' ').map(Number) as [number, number];
    matches.sort((x, y) => x[0] - y[0]);
    // The longest diagonal run: consecutive positions in both articles.
    let best = { from: matches[0]!, length: 1 };
    let from = matches[0]!;
    let length = 1;
    for (let index = 1; index < matches.length; index++) {
      const previous = matches[index - 1]!;
      const current = matches[index]!;
      if (current[0] === previous[0] + 1 && current[1] === previous[1] + 1) length++;
      else {
        from = current;
        length = 1;
      }
      if (length > best.length) best = { from, length };
    }
    const wordsA = words[a]!;
    const wordsB = words[b]!;
    const lastWord = best.length - 1 + SHINGLE_WORDS - 1;
    const share = matches.length / Math.max(1, Math.min(shingleCounts[a]!, shingleCounts[b]!));
    runs.push({
      a: articles[a]!.id,
      b: articles[b]!.id,
      shared: matches.length,
      share,
      spanA: { start: wordsA[best.from[0]]!.start, end: wordsA[best.from[0] + lastWord]!.end },
      spanB: { start: wordsB[best.from[1]]!.start, end: wordsB[best.from[1] + lastWord]!.end },
      copies: best.length >= MIN_RUN_SHINGLES || share >= MIN_SHARED_SHARE,
    });
  }
  return runs;
}

/** Article id → the id of its copy group (one of the group's article ids; its own id when it has no copy). */
export function copyGroups(
  articles: readonly Article[],
  runs: readonly SharedRun[],
): Map<string, string> {
  return connectedGroups(
    articles.map((article) => article.id),
    runs.filter((run) => run.copies).map((run) => [run.a, run.b] as const),
  );
}
