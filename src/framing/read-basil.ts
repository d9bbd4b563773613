import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Article } from '../model/article.js';
import { InputError } from '../model/errors.js';
import type { TextRange } from '../model/span.js';

/**
 * BASIL (Fan et al., EMNLP 2019): events each told by Fox News, the New York Times and
 * HuffPost, with phrase-level bias annotations. `articles/<year>/<triplet>_<n>.json` holds an
 * article; `annotations/<year>/<triplet>_<n>_ann.json` its spans, each in one sentence of the
 * flattened list of `body-paragraphs` sentences (`id` "p<index>"), with character offsets in it.
 */
export interface BasilArticle {
  /** The file name without `.json` ("22b6e900-…_1"): the key of predictions and annotations. */
  readonly stem: string;
  readonly path: string;
  /** The year folder the file is in (the data's splits are by year). */
  readonly year: number;
  readonly title: string;
  /** As given (`YYYY-MM-DD`). */
  readonly date: string;
  /** `fox`, `nyt` or `hpo`, lower-cased. */
  readonly outlet: string;
  readonly url?: string;
  /** Which event the article tells: for splitting and grouping only, never for analysis. */
  readonly tripletUuid: string;
  /** Paragraphs, each a list of sentences. */
  readonly paragraphs: readonly (readonly string[])[];
}

export type BasilBias = 'lex' | 'inf';

/** `p` of a span in the title (`id` "title"): the title is no sentence of the body. */
export const TITLE_SENTENCE = -1;

/**
 * One annotated span: offsets `[start, end)` in sentence `p` of the flattened sentence list
 * (`TITLE_SENTENCE` for the few spans annotated in the title).
 */
export interface BasilSpan {
  readonly p: number;
  readonly start: number;
  readonly end: number;
}

export interface BasilAnnotation extends BasilSpan {
  readonly bias: BasilBias;
  /** Whether the span is in a quotation; then `speaker` says whose words they are. */
  readonly quote: boolean;
  readonly speaker: string;
  /** The span's text as the annotation file gives it. */
  readonly text: string;
}

/** An article's text as the eval builds it: paragraphs joined by a blank line, sentences by a space. */
export interface BasilText {
  readonly text: string;
  /** Where each sentence of the flattened list lies in `text`. */
  readonly sentences: readonly TextRange[];
}

function readJson(path: string): unknown {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError('unreadable', path, (error as Error).message);
  }
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new InputError('unreadable', path, `bad JSON: ${(error as Error).message}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, key: string, path: string): string {
  const value = record[key];
  if (typeof value !== 'string') {
    throw new InputError('unreadable', path, `"${key}" must be a string`);
  }
  return value;
}

const YEAR_FOLDER = /^\d{4}$/;

/** One article file. `year` is taken from its folder when that is a year, else from its date. */
export function readBasilArticle(path: string): BasilArticle {
  const value = readJson(path);
  if (!isRecord(value)) throw new InputError('unreadable', path, 'not a JSON object');
  const paragraphs = value['body-paragraphs'];
  if (
    !Array.isArray(paragraphs) ||
    !paragraphs.every(
      (paragraph) =>
        Array.isArray(paragraph) &&
        paragraph.every((sentence: unknown) => typeof sentence === 'string'),
    )
  ) {
    throw new InputError(
      'unreadable',
      path,
      '"body-paragraphs" must be a list of lists of sentences',
    );
  }
  const date = typeof value['date'] === 'string' ? value['date'] : '';
  const folder = basename(join(path, '..'));
  const year = YEAR_FOLDER.test(folder) ? Number(folder) : Number(date.slice(0, 4));
  const url = value['url'];
  return {
    stem: basename(path).replace(/\.json$/i, ''),
    path,
    year,
    title: typeof value['title'] === 'string' ? value['title'] : '',
    date,
    outlet: stringField(value, 'source', path).toLowerCase(),
    ...(typeof url === 'string' && url ? { url } : {}),
    tripletUuid: typeof value['triplet-uuid'] === 'string' ? value['triplet-uuid'] : '',
    paragraphs: paragraphs as string[][],
  };
}

/** The phrase-level annotations of one `_ann.json` file. */
export function readBasilAnnotations(path: string): BasilAnnotation[] {
  const value = readJson(path);
  if (!isRecord(value)) throw new InputError('unreadable', path, 'not a JSON object');
  const phrases = value['phrase-level-annotations'];
  if (!Array.isArray(phrases)) {
    throw new InputError('unreadable', path, '"phrase-level-annotations" must be a list');
  }
  return phrases.map((phrase: unknown, index) => {
    const where = `annotation ${index + 1}`;
    if (!isRecord(phrase)) throw new InputError('unreadable', path, `${where} is not an object`);
    const id = typeof phrase['id'] === 'string' ? /^p(\d+)$|^title$/.exec(phrase['id']) : null;
    const start = phrase['start'];
    const end = phrase['end'];
    const bias = phrase['bias'];
    if (!id || typeof start !== 'number' || typeof end !== 'number' || end < start) {
      throw new InputError(
        'unreadable',
        path,
        `${where}: needs an id "pN" (or "title") and start ≤ end`,
      );
    }
    if (bias !== 'lex' && bias !== 'inf') {
      throw new InputError('unreadable', path, `${where}: bias must be "lex" or "inf"`);
    }
    return {
      p: id[1] === undefined ? TITLE_SENTENCE : Number(id[1]),
      start,
      end,
      bias,
      quote: phrase['quote'] === 'yes',
      speaker: typeof phrase['speaker'] === 'string' ? phrase['speaker'] : '',
      text: typeof phrase['txt'] === 'string' ? phrase['txt'] : '',
    };
  });
}

export interface BasilEntry {
  readonly article: BasilArticle;
  /** Undefined when the data has no `annotations/` folder or no file for this article. */
  readonly annotations: readonly BasilAnnotation[] | undefined;
}

/**
 * Every `articles/*\/*.json` under `folder` (sorted by path) with its annotations when
 * `annotations/<year>/<stem>_ann.json` exists, keeping those whose year `keep` accepts.
 */
export function readBasil(
  folder: string,
  keep: (year: number) => boolean = () => true,
): BasilEntry[] {
  const articlesFolder = join(folder, 'articles');
  if (!existsSync(articlesFolder)) {
    throw new InputError('not-found', articlesFolder, 'no BASIL articles/ folder');
  }
  const annotationsFolder = join(folder, 'annotations');
  const entries: BasilEntry[] = [];
  for (const sub of readdirSync(articlesFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()) {
    for (const name of readdirSync(join(articlesFolder, sub))
      .filter((file) => file.toLowerCase().endsWith('.json'))
      .sort()) {
      const article = readBasilArticle(join(articlesFolder, sub, name));
      if (!keep(article.year)) continue;
      const annotationPath = join(annotationsFolder, sub, `${article.stem}_ann.json`);
      entries.push({
        article,
        annotations: existsSync(annotationPath) ? readBasilAnnotations(annotationPath) : undefined,
      });
    }
  }
  return entries;
}

/** The article's text from its `body-paragraphs`, and where each flattened sentence lies in it. */
export function basilText(article: BasilArticle): BasilText {
  let text = '';
  const sentences: TextRange[] = [];
  article.paragraphs.forEach((paragraph, index) => {
    if (index > 0) text += '\n\n';
    paragraph.forEach((sentence, position) => {
      if (position > 0) text += ' ';
      sentences.push({ start: text.length, end: text.length + sentence.length });
      text += sentence;
    });
  });
  return { text, sentences };
}

/** An annotation's offsets in the built text (clipped to its sentence), or undefined when `p` is out of range. */
export function basilSpanRange(built: BasilText, span: BasilSpan): TextRange | undefined {
  const sentence = built.sentences[span.p];
  if (!sentence) return undefined;
  const length = sentence.end - sentence.start;
  return {
    start: sentence.start + Math.min(span.start, length),
    end: sentence.start + Math.min(span.end, length),
  };
}

/**
 * A range of the built text as BASIL spans: one per sentence it touches, offsets in that sentence.
 * Parts that fall between sentences (the separators) are dropped.
 */
export function toBasilSpans(built: BasilText, range: TextRange): BasilSpan[] {
  const spans: BasilSpan[] = [];
  built.sentences.forEach((sentence, p) => {
    const start = Math.max(range.start, sentence.start);
    const end = Math.min(range.end, sentence.end);
    if (start < end) spans.push({ p, start: start - sentence.start, end: end - sentence.start });
  });
  return spans;
}

/**
 * BASIL spans of ranges of a built article's cleaned text: mapped to the text cleaning started
 * from (the built text), cut at sentence ends, and overlapping ones in a sentence joined (a word the
 * lexicon and the model both flag is one prediction, not two).
 */
export function toBasilPredictions(
  article: Article,
  built: BasilText,
  ranges: readonly TextRange[],
): BasilSpan[] {
  const spans = ranges
    .flatMap((range) =>
      toBasilSpans(built, article.offsetMap.rangeToOriginal(range.start, range.end)),
    )
    .sort((a, b) => a.p - b.p || a.start - b.start || a.end - b.end);
  const joined: { p: number; start: number; end: number }[] = [];
  for (const span of spans) {
    const last = joined[joined.length - 1];
    if (last && last.p === span.p && span.start < last.end) last.end = Math.max(last.end, span.end);
    else joined.push({ ...span });
  }
  return joined;
}

/** Counts behind BASIL's span figures. */
export interface SpanCounts {
  readonly predicted: number;
  /** Predicted spans that overlap a gold span of the same sentence. */
  readonly correct: number;
  readonly gold: number;
  /** Gold spans that a predicted span overlaps. */
  readonly found: number;
}

export interface SpanScores extends SpanCounts {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

const spanOverlap = (a: BasilSpan, b: BasilSpan): boolean =>
  a.p === b.p && a.start < b.end && b.start < a.end;

/** Overlap counts of one article's predicted spans against its gold spans. */
export function countSpanOverlaps(
  predicted: readonly BasilSpan[],
  gold: readonly BasilSpan[],
): SpanCounts {
  return {
    predicted: predicted.length,
    correct: predicted.filter((span) => gold.some((other) => spanOverlap(span, other))).length,
    gold: gold.length,
    found: gold.filter((span) => predicted.some((other) => spanOverlap(span, other))).length,
  };
}

/** Precision (correct / predicted), recall (found / gold) and F1 of summed counts. */
export function spanScores(counts: readonly SpanCounts[]): SpanScores {
  const sum = (key: keyof SpanCounts): number => counts.reduce((total, c) => total + c[key], 0);
  const predicted = sum('predicted');
  const correct = sum('correct');
  const gold = sum('gold');
  const found = sum('found');
  const precision = predicted > 0 ? correct / predicted : 0;
  const recall = gold > 0 ? found / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { predicted, correct, gold, found, precision, recall, f1 };
}
