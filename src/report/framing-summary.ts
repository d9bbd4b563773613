import type { FramingCategory, Report, ReportTimelineEntry } from '../model/report.js';

/** The loaded-language model's rule id, and the mark its words carry in the reports. */
export const MODEL_RULE = 'loaded-language-model';
export const MODEL_MARK = '*';
/** The footnote for MODEL_MARK. */
export const MODEL_NOTE =
  '* found by the trained loaded-language model, not the lexicon: a hint to check (about 15% precision on BASIL)';

/** Categories in the order every format shows them, with their column names. */
export const FRAMING_COLUMNS: readonly { category: FramingCategory; name: string }[] = [
  { category: 'actor-label', name: 'actor labels' },
  { category: 'loaded', name: 'loaded' },
  { category: 'intensifier', name: 'intensifiers' },
  { category: 'hedge', name: 'hedges' },
  { category: 'vague-attribution', name: 'vague sources' },
  { category: 'certainty', name: 'certainty' },
];

export interface OutletFraming {
  readonly article: string;
  /** The outlet's name, or the article id when it has none. */
  readonly outlet: string;
  /** Occurrences per category. */
  readonly counts: ReadonlyMap<FramingCategory, number>;
  /** Of those, how many stand inside quotation marks (a speaker's words, not the outlet's). */
  readonly quoted: ReadonlyMap<FramingCategory, number>;
  /** Per category, the words as written (lower case), most frequent first, with counts. */
  readonly words: ReadonlyMap<FramingCategory, readonly { word: string; count: number }[]>;
  /** Occurrences per 1,000 words of the article, per category. */
  readonly perThousandWords: ReadonlyMap<FramingCategory, number>;
}

/** One row per article: how much of each framing category it uses, and which words. */
export function framingByArticle(report: Report): OutletFraming[] {
  return report.framing.map((framing) => {
    const article = report.articles.find((candidate) => candidate.id === framing.article);
    const wordCount = article ? (article.text.match(/\S+/g)?.length ?? 0) : 0;
    const counts = new Map<FramingCategory, number>();
    const quoted = new Map<FramingCategory, number>();
    const words = new Map<FramingCategory, Map<string, number>>();
    for (const term of framing.terms) {
      counts.set(term.category, (counts.get(term.category) ?? 0) + term.count);
      quoted.set(term.category, (quoted.get(term.category) ?? 0) + (term.quoted ?? 0));
      const byWord = words.get(term.category) ?? new Map<string, number>();
      for (const span of term.spans) {
        const written = span.text.replace(/\s+/g, ' ').toLowerCase();
        // The trained scorer's words are marked: it is right about one time in six on BASIL.
        const word = term.ruleId === MODEL_RULE ? `${written}${MODEL_MARK}` : written;
        byWord.set(word, (byWord.get(word) ?? 0) + 1);
      }
      words.set(term.category, byWord);
    }
    const perThousandWords = new Map(
      [...counts].map(([category, count]) => [
        category,
        wordCount ? Math.round((count / wordCount) * 10000) / 10 : 0,
      ]),
    );
    return {
      article: framing.article,
      outlet: article?.outlet ?? framing.article,
      counts,
      quoted,
      perThousandWords,
      words: new Map(
        [...words].map(([category, byWord]) => [
          category,
          [...byWord]
            .map(([word, count]) => ({ word, count }))
            .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word)),
        ]),
      ),
    };
  });
}

/** " (2 of 5 in quotes)", or nothing when none is quoted. */
export function quotedNote(row: OutletFraming, category: FramingCategory): string {
  const quoted = row.quoted.get(category) ?? 0;
  return quoted ? ` (${quoted} of ${row.counts.get(category) ?? 0} in quotes)` : '';
}

/** "terror group ×4, terror leader" */
export function wordList(words: readonly { word: string; count: number }[] = []): string {
  return words.map(({ word, count }) => (count > 1 ? `${word} ×${count}` : word)).join(', ');
}

export interface EntityLabelRow {
  readonly entity: string;
  readonly name: string;
  /** Per article (outlet), the labels it uses for the entity, with counts. */
  readonly byArticle: readonly { article: string; outlet: string; labels: string }[];
}

/**
 * The labels each outlet attaches to the same actor, side by side: every entity that some article
 * gives an actor label (not only a title), and every entity whose titles differ between articles.
 */
export function labelsByEntity(report: Report): EntityLabelRow[] {
  const rows: EntityLabelRow[] = [];
  for (const entity of report.entities) {
    const labels = report.labels.filter((label) => label.entity === entity.id);
    if (labels.length === 0) continue;
    const hasActorLabel = labels.some((label) => label.how !== 'title');
    const titleSets = new Map<string, Set<string>>();
    for (const label of labels.filter((item) => item.how === 'title')) {
      const set = titleSets.get(label.article) ?? new Set<string>();
      set.add(label.label);
      titleSets.set(label.article, set);
    }
    const distinctTitles = new Set([...titleSets.values()].map((set) => [...set].sort().join('|')));
    if (!hasActorLabel && !(titleSets.size > 1 && distinctTitles.size > 1)) continue;
    const byArticle = report.articles.map((article) => {
      const counts = new Map<string, number>();
      for (const label of labels.filter((item) => item.article === article.id)) {
        const shown = label.removed ? `${label.label} (caption)` : label.label;
        counts.set(shown, (counts.get(shown) ?? 0) + 1);
      }
      return {
        article: article.id,
        outlet: article.outlet ?? article.id,
        labels: wordList([...counts].map(([word, count]) => ({ word, count }))),
      };
    });
    rows.push({ entity: entity.id, name: entity.name, byArticle });
  }
  return rows;
}

/** "2026-01-17 – 2026-01-18", "2025-12", "unresolved". */
export function timelineDate(entry: ReportTimelineEntry): string {
  if (!entry.date) return 'unresolved';
  return entry.dateEnd && entry.dateEnd !== entry.date
    ? `${entry.date} – ${entry.dateEnd}`
    : entry.date;
}

/** The dated entries (oldest first, as the report has them) and the unresolved ones. */
export function timelineParts(report: Report): {
  dated: ReportTimelineEntry[];
  unresolved: ReportTimelineEntry[];
} {
  return {
    dated: report.timeline.filter((entry) => entry.date),
    unresolved: report.timeline.filter((entry) => !entry.date),
  };
}
