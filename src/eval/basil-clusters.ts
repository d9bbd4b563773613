/**
 * The clustering half of `npm run eval -- basil`: BASIL's articles of the chosen split, dealt into
 * one stream in date order (articles of the same date in a shuffled order, seed fixed), are grouped
 * into stories by the online clusterer (src/cluster/cluster-stream.ts). The clusterer sees each
 * article under an opaque id (its position in the stream) with its title, date (as `published`)
 * and text only: never the file stem, `triplet-uuid` or `main-event`. (The outlet is kept on the
 * stream item, but the clusterer's article has no field for it.) Gold: articles sharing a
 * `triplet-uuid` tell one event. Writes OUT/clusters.json (`{<file stem>: <story id>}`) and prints
 * B-cubed precision, recall and F1, how many triplets were kept whole, how many predicted stories
 * merged two or more events, and F1 at neighbouring thresholds. `CLUSTER_THRESHOLD=X` runs
 * another join threshold than the default, as for `npm run eval -- neus`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bCubed, type BCubedScores } from '../cluster/b-cubed.js';
import { DEFAULT_JOIN_THRESHOLD, StoryClusterer } from '../cluster/cluster-stream.js';
import { basilText, type BasilEntry } from '../framing/read-basil.js';
import { seededRandom, shuffleInPlace } from '../stance/train-network.js';
import type { EvalContext } from './tasks.js';

/** Fixed so every run deals the same stream. */
export const BASIL_STREAM_SEED = 1;
/** Thresholds around the default whose F1 is printed too, to see how flat the optimum is. */
const SWEEP = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
/** Up to this many split triplets and merging stories are listed by name. */
const LISTED_MISTAKES = 5;

/** One article as the clustering eval needs it. */
export interface BasilClusterInput {
  /** The file stem: the key of OUT/clusters.json, never shown to the clusterer. */
  readonly key: string;
  /** The gold event (`triplet-uuid`), never shown to the clusterer. */
  readonly event: string;
  readonly title: string;
  /** `YYYY-MM-DD` as BASIL gives it; empty when missing. */
  readonly date: string;
  readonly outlet: string;
  readonly text: string;
}

export interface BasilStreamItem extends BasilClusterInput {
  /** What the clusterer sees as the id: `a<position in the stream>`. */
  readonly id: string;
}

/**
 * The inputs as a feed would deliver them: by date, articles of the same date in a shuffled order
 * (the files are sorted by triplet, so file order would hand the clusterer each event's articles
 * one after another). Articles without a readable date come last.
 */
export function basilStream(
  inputs: readonly BasilClusterInput[],
  seed: number = BASIL_STREAM_SEED,
): BasilStreamItem[] {
  const shuffled = shuffleInPlace([...inputs], seededRandom(seed));
  const timeOf = (input: BasilClusterInput): number => {
    const time = Date.parse(input.date);
    return Number.isNaN(time) ? Infinity : time;
  };
  // Array.prototype.sort is stable: the shuffle decides the order within a date.
  const ordered = shuffled
    .map((input) => ({ input, time: timeOf(input) }))
    .sort((a, b) => (a.time === b.time ? 0 : a.time < b.time ? -1 : 1));
  return ordered.map(({ input }, position) => ({ ...input, id: `a${position}` }));
}

/** The gold grouping: file stem → event. An article without a `triplet-uuid` is an event of its own. */
export function basilGold(items: readonly BasilClusterInput[]): Map<string, string> {
  return new Map(items.map((item) => [item.key, item.event || `\u0000${item.key}`]));
}

/** How a predicted grouping fared against the events, counted per event and per story. */
export interface EventGrouping {
  readonly events: number;
  /** Events all of whose articles landed in one predicted story. */
  readonly eventsKeptTogether: number;
  /** Events whose articles are spread over two or more stories. */
  readonly splitEvents: readonly string[];
  readonly stories: number;
  /** Stories holding articles of two or more events. */
  readonly mergingStories: readonly string[];
}

/** `gold` and `predicted` map item → event and item → story; items missing from `predicted` are stories of their own. */
export function eventGrouping(
  gold: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): EventGrouping {
  const storiesOfEvent = new Map<string, Set<string>>();
  const eventsOfStory = new Map<string, Set<string>>();
  for (const [item, event] of gold) {
    const story = predicted.get(item) ?? `\u0000${item}`;
    let stories = storiesOfEvent.get(event);
    if (!stories) storiesOfEvent.set(event, (stories = new Set()));
    stories.add(story);
    let events = eventsOfStory.get(story);
    if (!events) eventsOfStory.set(story, (events = new Set()));
    events.add(event);
  }
  const splitEvents = [...storiesOfEvent]
    .filter(([, stories]) => stories.size > 1)
    .map(([event]) => event);
  return {
    events: storiesOfEvent.size,
    eventsKeptTogether: storiesOfEvent.size - splitEvents.length,
    splitEvents,
    stories: eventsOfStory.size,
    mergingStories: [...eventsOfStory]
      .filter(([, events]) => events.size > 1)
      .map(([story]) => story),
  };
}

/** Runs the stream through a fresh clusterer: file stem → story id. */
export function clusterBasilStream(
  stream: readonly BasilStreamItem[],
  threshold: number,
): { predicted: Map<string, string>; seconds: number } {
  const clusterer = new StoryClusterer({ threshold });
  const predicted = new Map<string, string>();
  const started = performance.now();
  for (const item of stream) {
    const { story } = clusterer.add({
      id: item.id,
      text: item.text,
      ...(item.title ? { title: item.title } : {}),
      ...(item.date ? { published: item.date } : {}),
    });
    predicted.set(item.key, story);
  }
  return { predicted, seconds: (performance.now() - started) / 1000 };
}

function describe(scores: BCubedScores): string {
  const f = (value: number): string => value.toFixed(3);
  return `P ${f(scores.precision)} R ${f(scores.recall)} F1 ${f(scores.f1)}`;
}

/** The join threshold: `CLUSTER_THRESHOLD` when set, else the clusterer's default; undefined when unreadable. */
function joinThreshold(context: EvalContext): number | undefined {
  const fromEnvironment = process.env['CLUSTER_THRESHOLD'];
  if (fromEnvironment === undefined) return DEFAULT_JOIN_THRESHOLD;
  const threshold = Number.parseFloat(fromEnvironment);
  if (Number.isFinite(threshold)) return threshold;
  context.log(`basil: CLUSTER_THRESHOLD "${fromEnvironment}" is not a number`);
  return undefined;
}

/**
 * Clusters the entries, writes OUT/clusters.json, prints the figures and returns them (undefined
 * when the threshold given cannot be read).
 */
export async function evaluateBasilClustering(
  entries: readonly BasilEntry[],
  context: EvalContext,
): Promise<Record<string, unknown> | undefined> {
  const threshold = joinThreshold(context);
  if (threshold === undefined) return undefined;
  const stream = basilStream(
    entries.map(({ article }) => ({
      key: article.stem,
      event: article.tripletUuid,
      title: article.title,
      date: article.date,
      outlet: article.outlet,
      text: basilText(article).text,
    })),
  );
  const gold = basilGold(stream);
  const { predicted, seconds } = clusterBasilStream(stream, threshold);
  const scores = bCubed(gold, predicted);
  const grouping = eventGrouping(gold, predicted);
  const sweep = SWEEP.map((value) => ({
    threshold: value,
    ...bCubed(gold, clusterBasilStream(stream, value).predicted),
  }));
  await writeFile(
    join(context.out, 'clusters.json'),
    JSON.stringify(Object.fromEntries(predicted), null, 1) + '\n',
  );

  const membersOf = (keep: (key: string) => boolean): string =>
    [...predicted]
      .filter(([key]) => keep(key))
      .map(([key, story]) => `${key} → ${story}`)
      .join(', ');
  context.log(
    `  story clustering (${stream.length} articles in date order, threshold ${threshold}): B-cubed ${describe(scores)}`,
  );
  context.log(
    `    ${grouping.eventsKeptTogether}/${grouping.events} triplets kept together; ${grouping.mergingStories.length} of ${grouping.stories} stories merge two or more events`,
  );
  for (const event of grouping.splitEvents.slice(0, LISTED_MISTAKES)) {
    context.log(`    split: ${membersOf((key) => gold.get(key) === event)}`);
  }
  for (const story of grouping.mergingStories.slice(0, LISTED_MISTAKES)) {
    context.log(`    merged: ${membersOf((key) => predicted.get(key) === story)}`);
  }
  context.log(
    `    sweep: ${sweep.map((row) => `${row.threshold} → F1 ${row.f1.toFixed(3)}`).join(', ')}`,
  );
  return {
    threshold,
    precision: scores.precision,
    recall: scores.recall,
    f1: scores.f1,
    events: grouping.events,
    eventsKeptTogether: grouping.eventsKeptTogether,
    stories: grouping.stories,
    storiesMergingEvents: grouping.mergingStories.length,
    sweep: sweep.map((row) => ({ threshold: row.threshold, f1: row.f1 })),
    articlesPerSecond: seconds > 0 ? stream.length / seconds : 0,
  };
}
