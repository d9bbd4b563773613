import type { AttributionSpans } from '../model/article.js';
import type { TextRange } from '../model/span.js';
import { ATTRIBUTION_ROLES, type AttributionRole, type GoldAttribution } from './read-brat.js';

/**
 * Scores predicted attributions against gold ones, per role (source, cue, content):
 *
 * - exact: a predicted span counts when the same span is in the gold set of its role and article
 *   (each set without duplicates: a source shared by two attributions counts once). A span is the
 *   set of its pieces, so a discontinuous content ("“X,” he said, “Y”") matches only when every
 *   piece does. Before comparing, pieces are trimmed of white space, and pieces with only white
 *   space between them are joined: brat annotators sometimes split a span at a line break.
 * - overlap: soft precision is the mean, over predicted spans, of the best Jaccard index with a
 *   gold span of the same role (over the non-space characters of both); soft recall the same
 *   from the gold side; F1 of the two.
 * - triple: a predicted attribution counts when one gold attribution has the same cue, the same
 *   content and the same source (or neither has one).
 */

export interface SpanScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface RoleScore {
  readonly exact: SpanScore & {
    readonly predicted: number;
    readonly gold: number;
    readonly matched: number;
  };
  readonly overlap: SpanScore;
}

export type AttributionScores = Record<AttributionRole, RoleScore> & { readonly triple: SpanScore };

interface RoleTally {
  predicted: number;
  gold: number;
  matched: number;
  softPrecision: number;
  softRecall: number;
}

/** Accumulates counts over articles; `scores()` gives the micro-averaged figures. */
export class AttributionScorer {
  private readonly tallies = Object.fromEntries(
    ATTRIBUTION_ROLES.map((role) => [
      role,
      { predicted: 0, gold: 0, matched: 0, softPrecision: 0, softRecall: 0 },
    ]),
  ) as Record<AttributionRole, RoleTally>;
  private readonly triples = { predicted: 0, gold: 0, matched: 0 };

  add(
    text: string,
    predicted: readonly AttributionSpans[],
    gold: readonly GoldAttribution[],
  ): void {
    const nonSpace = nonSpacePrefix(text);
    for (const role of ATTRIBUTION_ROLES) {
      const predictedSpans = uniqueSpans(
        text,
        predicted.map((attribution) => predictedPieces(attribution, role)),
      );
      const goldSpans = uniqueSpans(
        text,
        gold.map((attribution) => attribution[role]),
      );
      const tally = this.tallies[role];
      tally.predicted += predictedSpans.size;
      tally.gold += goldSpans.size;
      for (const key of predictedSpans.keys()) if (goldSpans.has(key)) tally.matched++;
      const predictedList = [...predictedSpans.values()];
      const goldList = [...goldSpans.values()];
      for (const span of predictedList)
        tally.softPrecision += bestJaccard(span, goldList, nonSpace);
      for (const span of goldList) tally.softRecall += bestJaccard(span, predictedList, nonSpace);
    }
    const tripleKey = (
      source: readonly TextRange[],
      cue: readonly TextRange[],
      content: readonly TextRange[],
    ): string =>
      [source, cue, content].map((pieces) => spanKey(normalisePieces(text, pieces))).join('|');
    const goldTriples = new Set(
      gold.map((attribution) =>
        tripleKey(attribution.source, attribution.cue, attribution.content),
      ),
    );
    const predictedTriples = new Set(
      predicted.map((attribution) =>
        tripleKey(
          attribution.source ? [attribution.source] : [],
          [attribution.cue],
          attribution.content,
        ),
      ),
    );
    this.triples.predicted += predictedTriples.size;
    this.triples.gold += goldTriples.size;
    for (const key of predictedTriples) if (goldTriples.has(key)) this.triples.matched++;
  }

  scores(): AttributionScores {
    const roles = Object.fromEntries(
      ATTRIBUTION_ROLES.map((role) => {
        const tally = this.tallies[role];
        const exact = {
          ...ratios(tally.matched, tally.predicted, tally.matched, tally.gold),
          predicted: tally.predicted,
          gold: tally.gold,
          matched: tally.matched,
        };
        const overlap = ratios(tally.softPrecision, tally.predicted, tally.softRecall, tally.gold);
        return [role, { exact, overlap }];
      }),
    ) as Record<AttributionRole, RoleScore>;
    const { predicted, gold, matched } = this.triples;
    return { ...roles, triple: ratios(matched, predicted, matched, gold) };
  }
}

function ratios(
  hitsPredicted: number,
  predicted: number,
  hitsGold: number,
  gold: number,
): SpanScore {
  const precision = predicted > 0 ? hitsPredicted / predicted : 0;
  const recall = gold > 0 ? hitsGold / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function predictedPieces(
  attribution: AttributionSpans,
  role: AttributionRole,
): readonly TextRange[] {
  if (role === 'cue') return [attribution.cue];
  if (role === 'source') return attribution.source ? [attribution.source] : [];
  return attribution.content;
}

/** Pieces trimmed of white space, empty ones dropped, sorted, and joined across white-space gaps. */
export function normalisePieces(text: string, pieces: readonly TextRange[]): TextRange[] {
  const trimmed = pieces
    .map(({ start, end }) => {
      while (start < end && /\s/.test(text[start]!)) start++;
      while (end > start && /\s/.test(text[end - 1]!)) end--;
      return { start, end };
    })
    .filter((piece) => piece.end > piece.start)
    .sort((a, b) => a.start - b.start);
  const joined: TextRange[] = [];
  for (const piece of trimmed) {
    const last = joined[joined.length - 1];
    if (last && (piece.start <= last.end || !/\S/.test(text.slice(last.end, piece.start)))) {
      joined[joined.length - 1] = { start: last.start, end: Math.max(last.end, piece.end) };
    } else {
      joined.push(piece);
    }
  }
  return joined;
}

function spanKey(pieces: readonly TextRange[]): string {
  return pieces.map((piece) => `${piece.start}-${piece.end}`).join(';');
}

/** Normalised spans by key, without duplicates; spans with nothing left are dropped. */
function uniqueSpans(
  text: string,
  spans: readonly (readonly TextRange[])[],
): Map<string, TextRange[]> {
  const unique = new Map<string, TextRange[]>();
  for (const pieces of spans) {
    const normalised = normalisePieces(text, pieces);
    if (normalised.length > 0) unique.set(spanKey(normalised), normalised);
  }
  return unique;
}

/** prefix[i]: how many non-space characters `text` has before index i. */
function nonSpacePrefix(text: string): Int32Array {
  const prefix = new Int32Array(text.length + 1);
  for (let index = 0; index < text.length; index++) {
    prefix[index + 1] = prefix[index]! + (/\s/.test(text[index]!) ? 0 : 1);
  }
  return prefix;
}

/** Jaccard index of two spans over their non-space characters. */
export function jaccard(
  a: readonly TextRange[],
  b: readonly TextRange[],
  nonSpace: Int32Array,
): number {
  const size = (pieces: readonly TextRange[]): number =>
    pieces.reduce((sum, piece) => sum + nonSpace[piece.end]! - nonSpace[piece.start]!, 0);
  let shared = 0;
  for (const x of a) {
    for (const y of b) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (end > start) shared += nonSpace[end]! - nonSpace[start]!;
    }
  }
  const union = size(a) + size(b) - shared;
  return union > 0 ? shared / union : 0;
}

function bestJaccard(
  span: readonly TextRange[],
  others: readonly TextRange[][],
  nonSpace: Int32Array,
): number {
  let best = 0;
  for (const other of others) best = Math.max(best, jaccard(span, other, nonSpace));
  return best;
}

export { nonSpacePrefix };
