/**
 * `npm run eval -- extraction`: article extraction from HTML pages (Readability, then boilerplate
 * cleaning, exactly as `buildArticle` does it) scored against the article-extraction-benchmark's
 * true article bodies by 4-word shingle overlap.
 *
 * Data: DIR/html/<id>.html.gz and, optionally, DIR/ground-truth.json ({<id>: {articleBody, url}}).
 * Writes OUT/extracted.json ({<id>: {articleBody}}, the benchmark's own format) and, with ground
 * truth, OUT/scores.json (per-page figures, worst first).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { decodeText } from '../ingest/decode-text.js';
import { InputError } from '../model/errors.js';
import { findPackageRoot } from '../model/package-files.js';
import { buildArticle } from '../pipeline/build-article.js';
import { averageScores, scoreShingles, type ShingleScore } from './shingle-metric.js';
import type { EvalContext, EvalTask } from './tasks.js';

/**
 * Pages in the tune split: the first half of the ids in sorted order. Extraction logic may be tuned
 * by looking at these; the rest (the report split) is only ever scored.
 */
const TUNE_PAGES = 45;
const SPLITS = ['tune', 'report', 'all'] as const;
type Split = (typeof SPLITS)[number];
const DEFAULT_SPLIT: Split = 'report';
const PAGE_SUFFIX = '.html.gz';
/** Browsers look for `<meta charset>` in the first 1024 bytes; twice that allows for long heads. */
const CHARSET_SNIFF_BYTES = 2048;
/** Worst pages named in the log, to show where extraction goes wrong. */
const WORST_PAGES_LOGGED = 5;

interface TruthEntry {
  readonly articleBody?: string;
  readonly url?: string;
}

interface PageScore extends ShingleScore {
  readonly id: string;
  readonly url?: string;
}

export const extractionTask: EvalTask = {
  description:
    'article body extraction from HTML pages, scored by 4-word shingle F1 (article-extraction-benchmark)',
  async run(context: EvalContext): Promise<Record<string, unknown> | undefined> {
    const data =
      context.data ?? join(findPackageRoot(), '..', 'shared', 'data', 'article-extraction');
    const htmlFolder = join(data, 'html');
    if (!existsSync(htmlFolder)) {
      context.log(
        `extraction: no data at ${resolve(htmlFolder)} (expected <id>${PAGE_SUFFIX} files); pass --data DIR`,
      );
      return undefined;
    }
    const split = (context.split ?? DEFAULT_SPLIT) as Split;
    if (!SPLITS.includes(split)) {
      context.log(`extraction: unknown split "${context.split}"; use one of ${SPLITS.join(', ')}`);
      return undefined;
    }
    const allIds = (await readdir(htmlFolder))
      .filter((name) => name.endsWith(PAGE_SUFFIX))
      .map((name) => name.slice(0, -PAGE_SUFFIX.length))
      .sort();
    const ids =
      split === 'tune'
        ? allIds.slice(0, TUNE_PAGES)
        : split === 'report'
          ? allIds.slice(TUNE_PAGES)
          : allIds;
    if (ids.length === 0) {
      context.log(`extraction: no pages in the ${split} split under ${resolve(htmlFolder)}`);
      return undefined;
    }

    const extracted: Record<string, { articleBody: string }> = {};
    let extractionMs = 0;
    let failures = 0;
    for (const id of ids) {
      const bytes = gunzipSync(await readFile(join(htmlFolder, id + PAGE_SUFFIX)));
      const started = performance.now();
      let articleBody = '';
      try {
        articleBody = extractBody(bytes, id);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        failures++;
        context.log(`warning: ${id}: ${error.message}; scored as an empty prediction`);
      }
      extractionMs += performance.now() - started;
      extracted[id] = { articleBody };
    }
    await writeFile(join(context.out, 'extracted.json'), JSON.stringify(extracted, null, 1) + '\n');
    const pagesPerSecond = extractionMs > 0 ? ids.length / (extractionMs / 1000) : 0;
    const throughput = `${pagesPerSecond.toFixed(1)} pages/s`;

    const truthPath = join(data, 'ground-truth.json');
    if (!existsSync(truthPath)) {
      context.log(
        `extraction (${split} split, ${ids.length} pages): no ground-truth.json, nothing scored; ${throughput}`,
      );
      return { split, pages: ids.length, failures, pagesPerSecond };
    }
    const truth = JSON.parse(await readFile(truthPath, 'utf8')) as Record<string, TruthEntry>;
    const scores: PageScore[] = [];
    for (const id of ids) {
      const entry = truth[id];
      if (!entry) continue;
      const score = scoreShingles(extracted[id]?.articleBody ?? '', entry.articleBody ?? '');
      scores.push({ id, ...(entry.url ? { url: entry.url } : {}), ...score });
    }
    scores.sort((a, b) => a.f1 - b.f1 || a.id.localeCompare(b.id));
    await writeFile(join(context.out, 'scores.json'), JSON.stringify(scores, null, 1) + '\n');
    const mean = averageScores(scores);
    context.log(
      `extraction (${split} split, ${scores.length} pages): precision ${mean.precision.toFixed(3)} recall ${mean.recall.toFixed(3)} F1 ${mean.f1.toFixed(3)}; ${throughput}`,
    );
    const worst = scores
      .slice(0, WORST_PAGES_LOGGED)
      .map((score) => `${score.id.slice(0, 12)} ${score.f1.toFixed(2)}`);
    context.log(`worst pages (F1): ${worst.join(', ')}`);
    if (scores.length < ids.length)
      context.log(
        `warning: ${ids.length - scores.length} pages have no ground truth and were not scored`,
      );
    return {
      split,
      pages: scores.length,
      failures,
      precision: mean.precision,
      recall: mean.recall,
      f1: mean.f1,
      pagesPerSecond,
    };
  },
};

/** One page's cleaned article body, exactly as the pipeline would make it from an HTML file. */
function extractBody(bytes: Uint8Array, id: string): string {
  const input = id + PAGE_SUFFIX;
  const { text } = decodeText(bytes, input, sniffCharset(bytes));
  const article = buildArticle(
    { input, format: 'html', content: text, metadata: {}, idBasis: id, diagnostics: [] },
    id,
  );
  return article.text;
}

/**
 * The charset a page declares in its head (`<meta charset>` or the http-equiv Content-Type), read
 * from the first bytes as latin1 so that any ASCII-compatible encoding reads the same.
 */
function sniffCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, CHARSET_SNIFF_BYTES)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
}
