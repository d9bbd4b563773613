#!/usr/bin/env node
/**
 * `npm run bench`: throughput of ingest + clean + segment over the 840 PolNeAR train texts, each
 * later stage (entities, attributions, story stages) on its own, the ratio of each and of the whole
 * per-article analysis to bare wink-nlp tokenization of the same texts measured in the same run,
 * peak memory, the HTML path over the 90 shared extraction pages, claims-stage scaling and story
 * clustering over a 100,000-article stream (bench/cluster-stream.ts, runnable alone as
 * `node dist/bench/cluster-stream.js`). Timings live here, never in tests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { findPackageRoot } from '../src/model/package-files.js';
import { analyzeInputs, ARTICLE_STAGES, STORY_STAGES } from '../src/pipeline/analyze.js';
import type { Article } from '../src/model/article.js';
import { Story } from '../src/model/story.js';
import {
  AttributionTagger,
  shippedAttributionModel,
  shippedAttributionTagger,
  type AttributionModel,
} from '../src/attribution/tag-attributions.js';
import { NerModel, loadShippedNerModel } from '../src/entities/ner-model.js';
import { recognizeEntities } from '../src/entities/recognize-entities.js';
import { buildArticle } from '../src/pipeline/build-article.js';
import { segmentStage } from '../src/pipeline/segment-stage.js';
import { claimScaling } from './claims-scaling.js';
import { clusterStreamBench } from './cluster-stream.js';

const DATA = join(findPackageRoot(), '..', 'shared', 'data');
const POLNEAR_TEXTS = join(DATA, 'polnear', 'train', 'text');
const EXTRACTION_PAGES = join(DATA, 'article-extraction', 'html');
/** Each measurement is repeated and the fastest kept: the least disturbed by other work on the machine. */
const REPEATS = 3;

function fastest(run: () => void): number {
  let best = Infinity;
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

async function main(): Promise<number> {
  if (!existsSync(POLNEAR_TEXTS)) {
    process.stderr.write(
      `bench: ${POLNEAR_TEXTS} not found; the benchmark needs ../shared/data beside the checkout\n`,
    );
    return 1;
  }
  const files = readdirSync(POLNEAR_TEXTS)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  const texts = files.map((name) => readFileSync(join(POLNEAR_TEXTS, name), 'utf8'));
  const megabytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1024 / 1024;

  // Bare wink-nlp tokenization, the yardstick: no sentence splitting, no other pipes.
  const bare = winkNLP(model, []);
  let tokenCount = 0;
  const tokenize = (): void => {
    tokenCount = 0;
    for (const text of texts) tokenCount += (bare.readDoc(text).tokens().out() as string[]).length;
  };
  tokenize(); // warm-up
  const bareMs = fastest(tokenize);

  // Whole path from the files: read, decode, clean, every stage. Once, after a warm-up on a few
  // files: with the neural attribution model a pass takes about a minute, and its spread is small
  // next to that.
  await analyzeInputs(files.slice(0, 20).map((name) => join(POLNEAR_TEXTS, name)));
  const pipelineStart = performance.now();
  const articleCount = (await analyzeInputs([POLNEAR_TEXTS])).articles.length;
  const pipelineMs = performance.now() - pipelineStart;

  // Each stage on its own, over fresh articles (a layer is set once), fastest of REPEATS.
  const cleanAndSegment = (): Article[] =>
    texts.map((content, index) => {
      const article = buildArticle(
        {
          input: files[index]!,
          format: 'text',
          content,
          metadata: {},
          idBasis: files[index]!,
          diagnostics: [],
        },
        files[index]!,
      );
      segmentStage.run(article);
      return article;
    });
  const segmentMs = fastest(() => void cleanAndSegment());
  const stageMs = new Map<string, number>();
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const articles = cleanAndSegment();
    for (const stage of ARTICLE_STAGES) {
      if (stage.name === segmentStage.name) continue;
      const start = performance.now();
      for (const article of articles) stage.run(article);
      const elapsed = performance.now() - start;
      stageMs.set(stage.name, Math.min(stageMs.get(stage.name) ?? Infinity, elapsed));
    }
    const story = new Story(articles);
    for (const stage of STORY_STAGES) {
      const start = performance.now();
      stage.run(story);
      const elapsed = performance.now() - start;
      stageMs.set(stage.name, Math.min(stageMs.get(stage.name) ?? Infinity, elapsed));
    }
  }
  const analysisMs = segmentMs + [...stageMs.values()].reduce((sum, ms) => sum + ms, 0);

  // Two model sizes per tagger: the speed each gives, beside the dev accuracy its file records.
  const segmented = cleanAndSegment();
  const timeModel = (run: (article: Article) => void): number =>
    fastest(() => {
      for (const article of segmented) run(article);
    });
  const nerFull = loadShippedNerModel();
  const nerLean = NerModel.load(join(findPackageRoot(), 'models', 'ner-lean.json.gz'));
  const linear = shippedAttributionTagger();
  const linearStageOne = new AttributionTagger(linear.first, undefined, linear.usesPartsOfSpeech);
  const tagWith = (tagger: AttributionModel) => (article: Article) =>
    tagger.findAttributions(
      article.text,
      article.layer('tokens'),
      article.layer('sentences'),
      article.layer('paragraphs'),
    );
  const figures = (about: Record<string, unknown>, key: string): string =>
    JSON.stringify(about[key] ?? 'not recorded');
  const linearFigures = (linear.first.about['devFigures'] ?? {}) as Record<string, unknown>;
  const sizes: [string, number, string][] = [
    [
      'NER, full features (shipped)',
      timeModel((article) => void recognizeEntities(article, nerFull)),
      `dev F1 ${figures(nerFull.tagger.about, 'devF1')}`,
    ],
    [
      'NER, lean features',
      timeModel((article) => void recognizeEntities(article, nerLean)),
      `dev F1 ${figures(nerLean.tagger.about, 'devF1')}`,
    ],
    [
      'attribution, accurate (BiLSTM-CRF + nested, default)',
      timeModel(tagWith(shippedAttributionModel('accurate'))),
      'dev: see npm run eval -- polnear',
    ],
    [
      'attribution, neural (BiLSTM-CRF)',
      timeModel(tagWith(shippedAttributionModel('neural'))),
      'dev: see npm run eval -- polnear',
    ],
    [
      'attribution, fast (linear, two stages)',
      timeModel(tagWith(linear)),
      `dev ${figures(linearFigures, 'stage2')}`,
    ],
    [
      'attribution, linear stage 1 only',
      timeModel(tagWith(linearStageOne)),
      `dev ${figures(linearFigures, 'stage1')}`,
    ],
  ];

  const lines = [
    `PolNeAR train texts: ${files.length} files, ${megabytes.toFixed(2)} MB, ${tokenCount} wink tokens`,
    `  analyze from the files (read, clean, segment, every stage): ${(articleCount / (pipelineMs / 1000)).toFixed(0)} articles/s, ${(megabytes / (pipelineMs / 1000)).toFixed(2)} MB/s (${pipelineMs.toFixed(0)} ms)`,
    `  bare wink-nlp tokenization: ${(tokenCount / (bareMs / 1000) / 1000).toFixed(0)}k tokens/s (${bareMs.toFixed(0)} ms)`,
    `  ratio of that to bare tokenization: ${(pipelineMs / bareMs).toFixed(2)}`,
    `  clean + segment, in memory: ${segmentMs.toFixed(0)} ms, ratio to bare tokenization ${(segmentMs / bareMs).toFixed(2)} (goal ≤ 1.5)`,
    `  each later stage, in memory:`,
    ...[...stageMs].map(
      ([name, ms]) =>
        `    ${name}: ${ms.toFixed(0)} ms, ${(files.length / (ms / 1000)).toFixed(0)} articles/s, ${(ms / bareMs).toFixed(2)}× tokenization`,
    ),
    `  whole per-article analysis (clean, segment, every stage): ${(files.length / (analysisMs / 1000)).toFixed(0)} articles/s, ratio to bare tokenization ${(analysisMs / bareMs).toFixed(2)} (goal ≤ 5)`,
    `  model sizes (speed here, accuracy as recorded in the model file):`,
    ...sizes.map(
      ([name, ms, accuracy]) =>
        `    ${name}: ${ms.toFixed(0)} ms, ${(ms / bareMs).toFixed(2)}× tokenization; ${accuracy}`,
    ),
  ];

  if (existsSync(EXTRACTION_PAGES)) {
    const pages = readdirSync(EXTRACTION_PAGES)
      .filter((name) => name.endsWith('.html.gz'))
      .sort();
    const html = pages.map((name) =>
      gunzipSync(readFileSync(join(EXTRACTION_PAGES, name))).toString('utf8'),
    );
    const megabytesHtml =
      html.reduce((sum, page) => sum + Buffer.byteLength(page), 0) / 1024 / 1024;
    const runPages = (): void => {
      html.forEach((content, index) => {
        try {
          const article = buildArticle(
            {
              input: pages[index]!,
              format: 'html',
              content,
              metadata: {},
              idBasis: String(index),
              diagnostics: [],
            },
            String(index),
          );
          segmentStage.run(article);
        } catch {
          // A page with no text is counted like any other: the benchmark measures time, not success.
        }
      });
    };
    runPages();
    const htmlMs = fastest(runPages);
    lines.push(
      `HTML path (Readability + clean + segment): ${pages.length} pages, ${megabytesHtml.toFixed(2)} MB: ${(pages.length / (htmlMs / 1000)).toFixed(1)} pages/s (${htmlMs.toFixed(0)} ms)`,
    );
  }
  lines.push(...claimScaling(DATA));
  lines.push(...(await clusterStreamBench(DATA)));
  const peak = process.resourceUsage().maxRSS / 1024;
  lines.push(`peak memory (max RSS): ${peak.toFixed(0)} MB`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

process.exitCode = await main();
