/**
 * `npm run eval -- basil [--data DIR] [--out DIR] [--split report|tune|all]`: lexically loaded
 * language on BASIL. Reads DIR/articles/*\/*.json (default ../shared/data/basil); `--split report`
 * (the default) keeps 2013–2014, `tune` 2010–2012 (what the model was fitted and its settings
 * chosen on), `all` everything in DIR.
 *
 * Each article goes through the whole product as a one-article story: its text is built from
 * `body-paragraphs` (paragraphs joined by a blank line, sentences by a space) and handed to
 * `analyzeInputs` with its title, date (as `published`) and outlet, nothing else, with the fast
 * attribution model (the default, neural one only changes attributions, not framing, and is
 * slower). The framing terms of the counted categories (`story.framing`) are mapped back through
 * the article's offset map to BASIL's sentences and written to OUT/bias-spans.json as
 * `{<file stem>: [{p, start, end}]}`. When DIR/annotations/ exists it prints precision (predicted
 * spans overlapping a gold `bias: lex` span of the same sentence, over all predicted), recall
 * (gold lex spans a prediction overlaps, over all gold) and F1, with the counts behind them, by
 * outlet too, and the speed. `BASIL_CATEGORIES=loaded,intensifier` counts other categories.
 *
 * It then groups the same articles into stories with the online clusterer and scores that against
 * BASIL's triplets (src/eval/basil-clusters.ts; OUT/clusters.json). `BASIL_PARTS=clusters` runs
 * the clustering alone (seconds, where the span part takes minutes), `BASIL_PARTS=spans` the
 * span part alone; the default runs both.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  basilText,
  countSpanOverlaps,
  readBasil,
  spanScores,
  toBasilPredictions,
  type BasilEntry,
  type BasilSpan,
  type SpanCounts,
  type SpanScores,
} from '../framing/read-basil.js';
import { findLoadedLanguage } from '../framing/loaded-language.js';
import { Article } from '../model/article.js';
import { findPackageRoot } from '../model/package-files.js';
import type { TextRange } from '../model/span.js';
import type { FramingCategory, Story } from '../model/story.js';
import { analyzeInputs } from '../pipeline/analyze.js';
import { evaluateBasilClustering } from './basil-clusters.js';
import type { EvalContext, EvalTask } from './tasks.js';

const DEFAULT_DATA = join('..', 'shared', 'data', 'basil');

/** The years of each split of the shared copy (BASIL's own folders are years). */
const SPLITS: Readonly<Record<string, (year: number) => boolean>> = {
  report: (year) => year >= 2013 && year <= 2014,
  tune: (year) => year >= 2010 && year <= 2012,
  all: () => true,
};

/**
 * The framing categories that count as "lexically loaded". `loaded` holds the lexicon's loaded
 * terms and the trained model's words. Adding `intensifier` lost precision for no recall on
 * 2010–2012, and hedges, certainty markers and vague attribution are a different kind of slant
 * (docs/adr/0007-loaded-language.md).
 */
export const LOADED_CATEGORIES: readonly FramingCategory[] = ['loaded'];

/** The two halves of the eval, either of which `BASIL_PARTS` can leave out. */
const PARTS = ['spans', 'clusters'] as const;
type Part = (typeof PARTS)[number];

/** The parts `BASIL_PARTS` names (default both), or the unknown name it holds. */
function chosenParts(): Set<Part> | string {
  const named = process.env['BASIL_PARTS'];
  if (!named) return new Set(PARTS);
  const parts = new Set<Part>();
  for (const name of named.split(',').map((part) => part.trim())) {
    if (!name) continue;
    if (!(PARTS as readonly string[]).includes(name)) return name;
    parts.add(name as Part);
  }
  return parts;
}

function countedCategories(): readonly FramingCategory[] {
  const override = process.env['BASIL_CATEGORIES'];
  if (!override) return LOADED_CATEGORIES;
  return override
    .split(',')
    .map((category) => category.trim())
    .filter(Boolean) as FramingCategory[];
}

/** The spans of one article's framing terms of the counted categories, in its cleaned text. */
function framedRanges(
  story: Story,
  articleId: string,
  categories: readonly FramingCategory[],
): TextRange[] {
  const framing = story.framing.find((entry) => entry.article === articleId);
  return (framing?.terms ?? [])
    .filter((term) => categories.includes(term.category))
    .flatMap((term) => term.spans.map(({ start, end }) => ({ start, end })));
}

/** A fresh copy of an analysed article's segmentation, so timing the scorer on it pays for its part-of-speech pass again. */
function segmentedCopy(article: Article): Article {
  const copy = new Article(
    article.text,
    article.metadata,
    article.original,
    article.removed,
    article.offsetMap,
  );
  copy.setLayer('paragraphs', [...article.layer('paragraphs')]);
  copy.setLayer('headings', [...article.layer('headings')]);
  copy.setLayer('sentences', [...article.layer('sentences')]);
  copy.setLayer('tokens', [...article.layer('tokens')]);
  return copy;
}

function figures(scores: SpanScores): Record<string, number> {
  const percent = (value: number): number => Number((100 * value).toFixed(1));
  return {
    precision: percent(scores.precision),
    recall: percent(scores.recall),
    f1: percent(scores.f1),
    predicted: scores.predicted,
    correct: scores.correct,
    gold: scores.gold,
    found: scores.found,
  };
}

function describe(scores: SpanScores): string {
  const percent = (value: number): string => (100 * value).toFixed(1);
  return `P ${percent(scores.precision)} (${scores.correct}/${scores.predicted})  R ${percent(scores.recall)} (${scores.found}/${scores.gold})  F1 ${percent(scores.f1)}`;
}

export const basilTask: EvalTask = {
  description:
    'lexically loaded spans on BASIL (default: 2013–2014) through the whole pipeline: span P/R/F1 against gold lex spans; then story clustering of the same articles: B-cubed P/R/F1 against the triplets',
  async run(context: EvalContext): Promise<Record<string, unknown> | undefined> {
    const data = context.data ?? join(findPackageRoot(), DEFAULT_DATA);
    if (!existsSync(join(data, 'articles'))) {
      context.log(
        `basil: no articles/ folder in ${resolve(data)} (BASIL format expected); pass --data DIR`,
      );
      return undefined;
    }
    const split = context.split ?? 'report';
    const parts = chosenParts();
    if (typeof parts === 'string') {
      context.log(`basil: unknown BASIL_PARTS entry "${parts}" (spans, clusters)`);
      return undefined;
    }
    const keep = SPLITS[split];
    if (!keep) {
      context.log(`basil: unknown --split "${split}" (report, tune or all)`);
      return undefined;
    }
    let entries: BasilEntry[];
    try {
      entries = readBasil(data, keep);
    } catch (error) {
      const input = (error as { input?: string }).input;
      context.log(`basil: ${input ? `${input}: ` : ''}${(error as Error).message}`);
      return undefined;
    }
    if (entries.length === 0) {
      context.log(`basil: no articles of the ${split} split in ${resolve(data)}; try --split all`);
      return undefined;
    }
    const spans = parts.has('spans')
      ? await evaluateLoadedLanguage(entries, data, split, context)
      : undefined;
    if (!spans) {
      context.log(
        `basil (${split} split: ${entries.length} articles; loaded-language spans skipped: BASIL_PARTS=${process.env['BASIL_PARTS']}):`,
      );
    }
    if (!parts.has('clusters')) return spans;
    const clustering = await evaluateBasilClustering(entries, context);
    if (!clustering) return undefined;
    return {
      ...(spans ?? { data: resolve(data), split, articles: entries.length }),
      clustering,
    };
  },
};

/** The loaded-language half: every article through the pipeline, its spans scored against gold `lex` spans. */
async function evaluateLoadedLanguage(
  entries: readonly BasilEntry[],
  data: string,
  split: string,
  context: EvalContext,
): Promise<Record<string, unknown>> {
  const categories = countedCategories();
  const labelled = existsSync(join(data, 'annotations'));

  const predictions: Record<string, BasilSpan[]> = {};
  const counts: { outlet: string; counts: SpanCounts }[] = [];
  const analysed: Article[] = [];
  let sentences = 0;
  let failed = 0;
  let cleaned = 0;
  const started = performance.now();
  for (const entry of entries) {
    const { article } = entry;
    const built = basilText(article);
    sentences += built.sentences.length;
    const line = JSON.stringify({
      id: article.stem,
      ...(article.title ? { title: article.title } : {}),
      ...(article.date ? { published: article.date } : {}),
      outlet: article.outlet,
      text: built.text,
    });
    const analysis = await analyzeInputs(['-'], {
      attributionModel: 'fast',
      ingest: { readStdin: () => Promise.resolve(Buffer.from(`${line}\n`, 'utf8')) },
    });
    const result = analysis.articles[0];
    let spans: BasilSpan[] = [];
    if (result) {
      analysed.push(result);
      if (result.original !== built.text) {
        context.log(
          `basil: warning: ${article.path}: the analysed text is not the built text; its spans may be misplaced`,
        );
      }
      if (result.removed.length > 0) cleaned++;
      spans = toBasilPredictions(
        result,
        built,
        framedRanges(analysis.story, result.id, categories),
      );
    } else {
      failed++;
      const why = analysis.diagnostics.map((diagnostic) => diagnostic.message).join('; ');
      context.log(`basil: warning: ${article.path} was not analysed (${why}); no predictions`);
    }
    predictions[article.stem] = spans;
    if (labelled) {
      const gold = (entry.annotations ?? []).filter((annotation) => annotation.bias === 'lex');
      counts.push({ outlet: article.outlet, counts: countSpanOverlaps(spans, gold) });
    }
  }
  const pipelineSeconds = (performance.now() - started) / 1000;

  // The scorer alone, on fresh copies of the segmented articles (its part-of-speech pass included).
  const copies = analysed.map(segmentedCopy);
  const scorerStarted = performance.now();
  for (const copy of copies) findLoadedLanguage(copy);
  const scorerSeconds = (performance.now() - scorerStarted) / 1000;

  await writeFile(
    join(context.out, 'bias-spans.json'),
    JSON.stringify(predictions, null, 2) + '\n',
  );
  const predicted = Object.values(predictions).reduce((sum, spans) => sum + spans.length, 0);
  const speed = {
    pipelineArticlesPerSecond: Number((entries.length / pipelineSeconds).toFixed(1)),
    scorerArticlesPerSecond: Number((copies.length / scorerSeconds).toFixed(0)),
  };
  const header = `basil (${split} split: ${entries.length} articles, ${sentences} sentences; categories counted: ${categories.join(', ')}; fast attribution model)`;
  const speedLine = `speed: ${speed.pipelineArticlesPerSecond} articles/s through the whole pipeline, ${speed.scorerArticlesPerSecond} articles/s for findLoadedLanguage alone (one core)`;
  const base = {
    data: resolve(data),
    split,
    articles: entries.length,
    notAnalysed: failed,
    // Articles cleaning cut something from: their spans were mapped back through the offset map.
    cleaned,
    sentences,
    categories,
    attributionModel: 'fast',
    predicted,
    ...speed,
  };
  if (!labelled) {
    context.log(`${header}: ${predicted} spans predicted (no annotations/ to score against)`);
    context.log(speedLine);
    return base;
  }
  const overall = spanScores(counts.map((entry) => entry.counts));
  const outlets = [...new Set(counts.map((entry) => entry.outlet))].sort();
  const byOutlet = Object.fromEntries(
    outlets.map((outlet) => [
      outlet,
      spanScores(counts.filter((entry) => entry.outlet === outlet).map((entry) => entry.counts)),
    ]),
  );
  context.log(`${header}:`);
  context.log(`  lexical bias spans: ${describe(overall)}`);
  for (const outlet of outlets) context.log(`  ${outlet.padEnd(4)} ${describe(byOutlet[outlet]!)}`);
  context.log(speedLine);
  return {
    ...base,
    ...figures(overall),
    byOutlet: Object.fromEntries(outlets.map((outlet) => [outlet, figures(byOutlet[outlet]!)])),
  };
}
