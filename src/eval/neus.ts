/**
 * `npm run eval -- neus [--data FILE] [--out DIR]`: online story clustering
 * (src/cluster/cluster-stream.ts) on NeuS. FILE is a `*.source` file (default
 * ../shared/data/neus/val.source); each line is one event told by (usually) three outlets. Its
 * snippets are dealt into one shuffled stream (seed 1) of articles with opaque ids, so the
 * clusterer sees only title and text. Writes OUT/clusters.json (`{"<line>:<k>": "<story id>"}`,
 * k = the snippet's position in its line) and prints B-cubed precision, recall, F1 (gold: one
 * event per line), the speed, and F1 at neighbouring thresholds (tune on train.source).
 * `CLUSTER_THRESHOLD=X` runs another join threshold (a join probability of
 * models/story-join.json) than the default.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readNeus, type NeusEvent } from '../claims/read-neus.js';
import { shippedTermWeights } from '../claims/term-weights.js';
import { bCubed, type BCubedScores } from '../cluster/b-cubed.js';
import { DEFAULT_JOIN_THRESHOLD, StoryClusterer } from '../cluster/cluster-stream.js';
import { findPackageRoot } from '../model/package-files.js';
import { seededRandom, shuffleInPlace } from '../stance/train-network.js';
import type { EvalContext, EvalTask } from './tasks.js';

const DEFAULT_DATA = join('..', 'shared', 'data', 'neus', 'val.source');
/** Fixed so every run deals the same stream. */
const STREAM_SEED = 1;
/** Join probabilities around the default whose F1 is printed too, to see how flat the optimum is. */
const SWEEP = [0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6];

interface StreamItem {
  /** `<line>:<k>`: where the snippet is in the file. */
  readonly key: string;
  /** What the clusterer sees as the id: the position in the shuffled stream. */
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

function streamOf(events: readonly NeusEvent[]): StreamItem[] {
  const snippets = events.flatMap((event) =>
    event.snippets.map((snippet, k) => ({ key: `${event.line}:${k}`, ...snippet })),
  );
  shuffleInPlace(snippets, seededRandom(STREAM_SEED));
  return snippets.map((snippet, position) => ({ ...snippet, id: `a${position}` }));
}

function cluster(
  stream: readonly StreamItem[],
  threshold: number,
): { predicted: Map<string, string>; seconds: number } {
  const clusterer = new StoryClusterer({ threshold });
  const predicted = new Map<string, string>();
  const started = performance.now();
  for (const item of stream) {
    predicted.set(
      item.key,
      clusterer.add({ id: item.id, title: item.title, text: item.text }).story,
    );
  }
  return { predicted, seconds: (performance.now() - started) / 1000 };
}

function describe(scores: BCubedScores): string {
  const f = (value: number): string => value.toFixed(3);
  return `P ${f(scores.precision)} R ${f(scores.recall)} F1 ${f(scores.f1)}`;
}

export const neusTask: EvalTask = {
  description:
    'online story clustering of NeuS snippets (default ../shared/data/neus/val.source): B-cubed P/R/F1, articles/s',
  async run(context: EvalContext): Promise<Record<string, unknown> | undefined> {
    const path = context.data ?? join(findPackageRoot(), DEFAULT_DATA);
    if (!existsSync(path)) {
      context.log(`neus: no NeuS file at ${resolve(path)}; pass --data FILE (a *.source file)`);
      return undefined;
    }
    const events = readNeus(path);
    const stream = streamOf(events);
    if (stream.length === 0) {
      context.log(`neus: no snippets in ${resolve(path)}`);
      return undefined;
    }
    const gold = new Map(stream.map((item) => [item.key, item.key.split(':')[0]!]));
    const envThreshold = process.env['CLUSTER_THRESHOLD'];
    const threshold =
      envThreshold !== undefined ? Number.parseFloat(envThreshold) : DEFAULT_JOIN_THRESHOLD;
    if (!Number.isFinite(threshold)) {
      context.log(`neus: CLUSTER_THRESHOLD "${envThreshold}" is not a number`);
      return undefined;
    }

    shippedTermWeights(); // loaded before timing
    cluster(stream.slice(0, 200), threshold); // warm the stem cache and JIT like a running server
    const { predicted, seconds } = cluster(stream, threshold);
    const scores = bCubed(gold, predicted);
    const articlesPerSecond = seconds > 0 ? stream.length / seconds : 0;
    await writeFile(
      join(context.out, 'clusters.json'),
      JSON.stringify(Object.fromEntries(predicted), null, 1) + '\n',
    );

    const sweep = SWEEP.map((value) => ({
      threshold: value,
      ...bCubed(gold, cluster(stream, value).predicted),
    }));
    const stories = new Set(predicted.values()).size;
    context.log(
      `neus (${events.length} events, ${stream.length} snippets, ${resolve(path)}; threshold ${threshold}):`,
    );
    context.log(`B-cubed ${describe(scores)}; ${stories} stories for ${events.length} events`);
    context.log(
      `sweep: ${sweep.map((row) => `${row.threshold} → F1 ${row.f1.toFixed(3)}`).join(', ')}`,
    );
    context.log(`${Math.round(articlesPerSecond)} articles/s (one core, stemming included)`);
    return {
      data: resolve(path),
      events: events.length,
      snippets: stream.length,
      threshold,
      precision: scores.precision,
      recall: scores.recall,
      f1: scores.f1,
      stories,
      sweep,
      articlesPerSecond,
    };
  },
};
