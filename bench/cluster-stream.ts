#!/usr/bin/env node
/**
 * Story clustering at 100,000 articles for `npm run bench`; alone: `node dist/bench/cluster-stream.js`.
 *
 * The stream is synthetic, built from the shared texts (bench/cluster-stream-synthetic.ts says how):
 * real events of NeuS (train and val) and BASIL triplets, each synthetic event a set of rewrites of
 * one real event's articles (sentences dropped and reordered, words and names varied), dated over
 * 1–3 days, EVENTS_PER_DAY events to a simulated day, delivered in date order; the true grouping
 * is known.
 *
 * Measured:
 * (a) the clustering step alone (`StoryClusterer`, `retainClosed: false`, no entities) over the
 *     whole stream: articles/s (the articles are generated in batches outside the timed part), and
 *     heap used / RSS after a forced garbage collection with the open stories at 10k, 25k, 50k,
 *     75k and 100k articles. The predicted and gold grouping (and each article's content hash)
 *     are kept in typed arrays allocated before the first sample, so the O(n) record of
 *     assignments adds nothing to the samples: what grows there is the clusterer's.
 * (b) B-cubed precision, recall and F1 of that grouping against the synthetic events, events kept
 *     whole and stories merging events, and how many articles are distinct by content hash.
 *     NeuS lines carry no dates, so events of one long-running topic (a trial followed over a
 *     year) can be dealt into the same few days, which a real feed would spread over months:
 *     the stream is harder to split into events than a real feed of the same rate.
 * (c) end to end on the first E2E_ARTICLES of the stream, written as JSONL to a temporary file:
 *     ingest, clean, segment and names (the stages `triangulate cluster` runs), then clustering
 *     with those names, as src/cli/cluster-command.ts does.
 * (d) the desk path of `watch` on the same articles: clean, names, store, cluster, analyse each
 *     story in full and save it (see deskPath).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bCubed } from '../src/cluster/b-cubed.js';
import { StoryClusterer } from '../src/cluster/cluster-stream.js';
import { entityStage } from '../src/entities/entity-stage.js';
import { eventGrouping } from '../src/eval/basil-clusters.js';
import { findPackageRoot } from '../src/model/package-files.js';
import { analyzeDocuments, analyzeInputs } from '../src/pipeline/analyze.js';
import { segmentStage } from '../src/pipeline/segment-stage.js';
import { articleInputOf } from '../src/store/article-input.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { namesOf } from '../src/stream/article-names.js';
import { refreshStories } from '../src/stream/refresh-stories.js';
import { StoreClusterer } from '../src/stream/store-clusterer.js';
import {
  DAY_MS,
  readRealEvents,
  syntheticStream,
  type SyntheticArticle,
  type SyntheticStreamOptions,
} from './cluster-stream-synthetic.js';

/** The archive size the clusterer is meant to handle in one run. */
export const STREAM_ARTICLES = 100_000;
/** A busy wire feed's day: with 1–7 articles an event, about 1,600 articles a simulated day. */
export const EVENTS_PER_DAY = 400;
/** Where memory and open stories are sampled. */
export const SAMPLE_POINTS = [10_000, 25_000, 50_000, 75_000, 100_000] as const;
/** Articles generated, then clustered, at a time: divides every sample point. */
const BATCH = 5_000;
/** Small enough for the whole-analysis path to take seconds, large enough to time it. */
const E2E_ARTICLES = 200;
/** Articles run end to end first, so model loading is not timed. */
const E2E_WARM_UP = 20;
const STREAM_SEED = 7;
/** 2020-01-01: any date works; the clusterer only compares dates with each other. */
const TIMELINE_START = Date.UTC(2020, 0, 1);

/** 52 bits of the SHA-1 of an article's title and text: a content hash a de-duplicating store could key on. */
function contentHash(article: SyntheticArticle): number {
  const digest = createHash('sha1')
    .update(article.title)
    .update('\n')
    .update(article.text)
    .digest();
  return digest.readUIntBE(0, 6) * 16 + (digest[6]! >> 4);
}

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** `global.gc`, exposed at run time: the samples are taken after a full collection, not at random points of the heap's cycle. */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Articles as `{id, title, published, text}` JSONL, what `triangulate cluster` reads. */
function jsonLines(articles: readonly SyntheticArticle[]): string {
  return articles
    .map(({ id, title, published, text }) => JSON.stringify({ id, title, published, text }))
    .join('\n')
    .concat('\n');
}

async function endToEnd(articles: readonly SyntheticArticle[]): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'triangulate-bench-'));
  try {
    const warmUpFile = join(folder, 'warm-up.jsonl');
    const file = join(folder, 'stream.jsonl');
    writeFileSync(warmUpFile, jsonLines(articles.slice(0, E2E_WARM_UP)));
    writeFileSync(file, jsonLines(articles));
    const stages = { article: [segmentStage, entityStage], story: [] };
    await analyzeInputs([warmUpFile], { stages });

    const started = performance.now();
    const analysis = await analyzeInputs([file], { stages });
    const analysed = performance.now();
    const clusterer = new StoryClusterer({ retainClosed: false });
    const predicted = new Map<string, string>();
    for (const article of analysis.articles) {
      const { story } = clusterer.add({
        id: article.id,
        text: article.text,
        entities: [...namesOf(article).keys()],
        ...(article.metadata.title ? { title: article.metadata.title } : {}),
        ...(article.metadata.published ? { published: article.metadata.published } : {}),
      });
      predicted.set(article.id, story);
    }
    const finished = performance.now();
    const gold = new Map(articles.map((article) => [article.id, String(article.event)]));
    const scores = bCubed(gold, predicted);
    const seconds = (finished - started) / 1000;
    return [
      `  (c) end to end (JSONL file → ingest, clean, segment, names → clustering with names), first ${articles.length} articles: ${(analysis.articles.length / seconds).toFixed(0)} articles/s (${(finished - started).toFixed(0)} ms: analysis ${(analysed - started).toFixed(0)} ms, clustering ${(finished - analysed).toFixed(0)} ms); B-cubed F1 ${scores.f1.toFixed(3)} on them`,
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * (d) The desk path `watch` runs after fetching: each article cleaned and its names found, stored
 * in a fresh SQLite store (one transaction each), clustered under the store's lock, and every
 * story that gained articles analysed in full (default attribution model) and saved with its
 * history.
 */
async function deskPath(articles: readonly SyntheticArticle[]): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'triangulate-bench-store-'));
  const store = openSqliteStore(join(folder, 'desk.db'));
  try {
    const stages = { article: [segmentStage, entityStage], story: [] };
    const started = performance.now();
    for (const article of articles) {
      const analysis = await analyzeDocuments(
        [
          {
            input: article.id,
            format: 'text',
            content: article.text,
            metadata: { id: article.id, title: article.title, published: article.published },
            idBasis: article.id,
            diagnostics: [],
          },
        ],
        { stages },
      );
      const built = analysis.articles[0];
      if (built) {
        await store.addArticle(articleInputOf(built, { entities: [...namesOf(built).keys()] }));
      }
    }
    const stored = performance.now();
    const assignments = await new StoreClusterer(store).clusterPending();
    const clustered = performance.now();
    const refreshed = await refreshStories(store, { worker: 'bench' });
    const finished = performance.now();
    const seconds = (finished - started) / 1000;
    const ms = (from: number, to: number) => (to - from).toFixed(0);
    return [
      `  (d) desk path (clean, names, store, cluster under the store's lock, analyse each story in full with the default attribution model and save it), same ${articles.length} articles: ${(assignments.length / seconds).toFixed(1)} articles/s (${(finished - started).toFixed(0)} ms: ingest and store ${ms(started, stored)}, clustering ${ms(stored, clustered)}, analysing ${refreshed.length} stories ${ms(clustered, finished)})`,
    ];
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Runs the section; returns the lines to print. */
export async function clusterStreamBench(dataDirectory: string): Promise<string[]> {
  const events = readRealEvents(dataDirectory);
  if (events.length === 0) {
    return [`story clustering stream: skipped (no NeuS or BASIL data under ${dataDirectory})`];
  }
  const options: SyntheticStreamOptions = {
    articles: STREAM_ARTICLES,
    eventsPerDay: EVENTS_PER_DAY,
    seed: STREAM_SEED,
    start: TIMELINE_START,
  };
  const fromNeus = events.filter((event) => event.source === 'neus').length;
  const lines = [
    `story clustering, ${STREAM_ARTICLES.toLocaleString('en')}-article synthetic stream (${fromNeus} NeuS events and ${events.length - fromNeus} BASIL triplets rewritten, ${EVENTS_PER_DAY} events a simulated day; see bench/cluster-stream-synthetic.ts):`,
  ];

  const gc = garbageCollector();
  const goldEvent = new Int32Array(STREAM_ARTICLES);
  const predictedStory = new Int32Array(STREAM_ARTICLES);
  const contentHashes = new Float64Array(STREAM_ARTICLES);
  let storiesMade = 0;
  const clusterer = new StoryClusterer({
    retainClosed: false,
    newStoryId: () => `s${++storiesMade}`,
  });
  const stream = syntheticStream(events, options);
  const samples: string[] = [];
  let clustered = 0;
  let clusteringMs = 0;
  gc();
  const before = process.memoryUsage();
  while (clustered < STREAM_ARTICLES) {
    // next(), not for…of: leaving a for…of early would close the generator.
    const batch: SyntheticArticle[] = [];
    for (let next = stream.next(); !next.done; next = stream.next()) {
      batch.push(next.value);
      if (batch.length === BATCH) break;
    }
    if (batch.length === 0) break;
    const started = performance.now();
    for (const article of batch) {
      const { story } = clusterer.add(article);
      predictedStory[clustered] = Number(story.slice(1));
      clustered++;
    }
    clusteringMs += performance.now() - started;
    for (const article of batch) {
      const position = Number(article.id.slice(1));
      goldEvent[position] = article.event;
      contentHashes[position] = contentHash(article);
    }
    const simulatedDay =
      Math.floor((Date.parse(batch.at(-1)!.published) - TIMELINE_START) / DAY_MS) + 1;
    if ((SAMPLE_POINTS as readonly number[]).includes(clustered)) {
      gc();
      const memory = process.memoryUsage();
      samples.push(
        `    ${clustered.toLocaleString('en').padStart(7)} articles (day ${simulatedDay}): heap used ${megabytes(memory.heapUsed)} (+${megabytes(memory.heapUsed - before.heapUsed)}), RSS ${megabytes(memory.rss)}, ${clusterer.openStories()} open stories`,
      );
    }
  }
  const perSecond = clustered / (clusteringMs / 1000);
  lines.push(
    `  (a) clustering alone (retainClosed: false, no entities): ${perSecond.toFixed(0)} articles/s (goal ≥ 5,000) over ${clustered.toLocaleString('en')} articles, ${(clusteringMs / 1000).toFixed(1)} s`,
    `    memory after a forced GC (before the first article: heap ${megabytes(before.heapUsed)}, RSS ${megabytes(before.rss)}; the record of assignments is typed arrays allocated up front):`,
    ...samples,
  );

  const gold = new Map<string, string>();
  const predicted = new Map<string, string>();
  for (let index = 0; index < clustered; index++) {
    gold.set(String(index), String(goldEvent[index]));
    predicted.set(String(index), String(predictedStory[index]));
  }
  const scores = bCubed(gold, predicted);
  const grouping = eventGrouping(gold, predicted);
  const distinct = new Set(contentHashes.subarray(0, clustered)).size;
  lines.push(
    `  (b) B-cubed P ${scores.precision.toFixed(3)} R ${scores.recall.toFixed(3)} F1 ${scores.f1.toFixed(3)}; ${grouping.stories} stories for ${grouping.events} events, ${grouping.eventsKeptTogether} events kept whole, ${grouping.mergingStories.length} stories merge two or more events`,
    `    (${distinct.toLocaleString('en')} of the ${clustered.toLocaleString('en')} articles distinct by content hash, SHA-1 of title and text)`,
  );

  const sample: SyntheticArticle[] = [];
  for (const article of syntheticStream(events, { ...options, articles: E2E_ARTICLES })) {
    sample.push(article);
  }
  lines.push(...(await endToEnd(sample)));
  lines.push(...(await deskPath(sample)));
  return lines;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const lines = await clusterStreamBench(join(findPackageRoot(), '..', 'shared', 'data'));
  lines.push(`(section took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  process.stdout.write(lines.join('\n') + '\n');
}
