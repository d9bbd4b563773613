/**
 * `triangulate watch`: polls feeds politely, stores their new articles, groups them into stories
 * and keeps each touched story's analysis up to date, round after round until stopped.
 *
 * Polite: a conditional GET (ETag, Last-Modified) so an unchanged feed costs a 304; requests to
 * one host spaced out; a failing feed backs off (doubling its interval, up to MAX_BACKOFF_MS) and
 * never holds up the others; items already stored (by URL) are neither fetched nor stored again.
 * Stopping (the signal) lets work in hand end at a safe point: every article is stored in its own
 * transaction, a story being analysed is handed back, and a feed cut off mid-poll stays due.
 */
import { entityStage } from '../entities/entity-stage.js';
import type { AttributionModelName } from '../attribution/tag-attributions.js';
import { fetchUrl, type FetchOptions } from '../ingest/fetch-url.js';
import { DEFAULT_INGEST_OPTIONS, followItems, readFetchedFeed } from '../ingest/read-inputs.js';
import type { SourceDocument } from '../ingest/source-document.js';
import { InputError } from '../model/errors.js';
import { analyzeDocuments } from '../pipeline/analyze.js';
import { segmentStage } from '../pipeline/segment-stage.js';
import { articleInputOf } from '../store/article-input.js';
import { isoAfter } from '../store/store-keys.js';
import type { FeedState, Store } from '../store/store.js';
import { namesOf } from './article-names.js';
import { formatDuration } from './durations.js';
import { abortableSleep, HostPacer } from './host-pacer.js';
import { refreshStories, STORY_LEASE_MS, type RefreshedStory } from './refresh-stories.js';
import { StoreClusterer, type StoryAssignmentMade } from './store-clusterer.js';

/** A failing feed is retried no less often than this. */
export const MAX_BACKOFF_MS = 6 * 3_600_000;
/** A worker that dies mid-poll frees its feed after this. */
const FEED_LEASE_MS = 5 * 60_000;

export interface WatchOptions {
  readonly feeds: readonly string[];
  readonly intervalMs: number;
  /** Names this worker in leases (several may share a PostgreSQL store). */
  readonly worker: string;
  /** Fetch each new item's page instead of keeping the feed's own text. */
  readonly follow: boolean;
  readonly fetch: FetchOptions;
  /** Least time between two requests to one host. */
  readonly hostDelayMs: number;
  /** Feeds polled at once. */
  readonly concurrency: number;
  /** Poll every feed once, now, then stop (cron jobs, tests). */
  readonly once: boolean;
  readonly attributionModel?: AttributionModelName;
  /** Stops the watch: work in hand ends at a safe point. */
  readonly signal?: AbortSignal;
  /** One line per event worth telling (a new article, a story updated, a failing feed). */
  readonly log: (line: string) => void;
}

export interface FeedOutcome {
  readonly url: string;
  readonly status: 'new' | 'unchanged' | 'failed' | 'stopped';
  /** Articles stored from it this poll. */
  readonly added: number;
  /** Items it listed that were already stored. */
  readonly known: number;
  readonly error?: string;
}

export interface RoundSummary {
  readonly round: number;
  readonly feeds: readonly FeedOutcome[];
  readonly added: number;
  readonly assignments: readonly StoryAssignmentMade[];
  readonly refreshed: readonly RefreshedStory[];
}

/** Runs rounds until stopped (or one round with `once`); returns every round's summary. */
export async function watchFeeds(store: Store, options: WatchOptions): Promise<RoundSummary[]> {
  const feeds = [...new Set(options.feeds)];
  await store.addFeeds(feeds, new Date().toISOString(), { dueNow: options.once });
  const pacer = new HostPacer(options.hostDelayMs);
  const clusterer = new StoreClusterer(store);
  const rounds: RoundSummary[] = [];
  for (let round = 1; ; round++) {
    const outcomes = await pollDueFeeds(store, feeds, pacer, options);
    const added = outcomes.reduce((sum, outcome) => sum + outcome.added, 0);
    // Clustering and analysis run even when stopping: what was stored this round is grouped
    // and analysed now rather than left for the next start (both are quick next to polling).
    const assignments = await clusterer.clusterPending();
    for (const made of assignments) {
      options.log(
        `  ${made.story} ${made.created ? 'new story' : 'grows'}: ${describeArticle(made.article)}`,
      );
    }
    const refreshed = options.signal?.aborted
      ? []
      : await refreshStories(store, {
          worker: options.worker,
          ...(options.attributionModel ? { attributionModel: options.attributionModel } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          // One story failing to analyse (a bug, a pathological article) must not stop the
          // watch: it is said, and retried when its lease runs out.
          onError: (storyId, error) =>
            options.log(
              `! ${storyId}: analysis failed: ${error instanceof Error ? error.message : String(error)} (retried in ${formatDuration(STORY_LEASE_MS)})`,
            ),
          onStory: (story) =>
            options.log(
              `  ${story.id} analysed: ${plural(story.articles, 'article')}, ${plural(story.claims, 'claim')}, ${plural(story.conflicts, 'conflict')} (${story.seconds.toFixed(1)} s)`,
            ),
        });
    const summary: RoundSummary = { round, feeds: outcomes, added, assignments, refreshed };
    rounds.push(summary);
    const due = await store.nextFeedDue(feeds);
    const waitMs =
      due === undefined ? options.intervalMs : Math.max(0, Date.parse(due) - Date.now());
    options.log(
      roundLine(summary) +
        (options.once || options.signal?.aborted ? '' : `; next poll in ${formatDuration(waitMs)}`),
    );
    if (options.once || options.signal?.aborted) return rounds;
    await abortableSleep(Math.max(waitMs, 250), options.signal);
    if (options.signal?.aborted) return rounds;
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function roundLine(summary: RoundSummary): string {
  const count = (status: FeedOutcome['status']) =>
    summary.feeds.filter((feed) => feed.status === status).length;
  const parts = [`${plural(summary.feeds.length, 'feed')} polled`];
  if (count('unchanged')) parts.push(`${count('unchanged')} unchanged`);
  if (count('failed')) parts.push(`${count('failed')} failed`);
  const stories = new Set(summary.assignments.map((made) => made.story)).size;
  return `round ${summary.round}: ${parts.join(', ')}; ${plural(summary.added, 'new article')} in ${stories} ${stories === 1 ? 'story' : 'stories'}; ${summary.refreshed.length} analysed`;
}

function describeArticle(article: {
  title: string | null;
  outlet: string | null;
  sourceId: string;
}) {
  return `${article.title ?? article.sourceId}${article.outlet ? ` (${article.outlet})` : ''}`;
}

/** Polls every due feed of the list, `concurrency` at a time. */
async function pollDueFeeds(
  store: Store,
  feeds: readonly string[],
  pacer: HostPacer,
  options: WatchOptions,
): Promise<FeedOutcome[]> {
  const outcomes: FeedOutcome[] = [];
  const roundStart = new Date().toISOString();
  const lane = async (): Promise<void> => {
    while (!options.signal?.aborted) {
      const feed = await store.claimFeed(options.worker, feeds, roundStart, FEED_LEASE_MS);
      if (!feed) return;
      outcomes.push(await pollFeed(store, feed, pacer, options));
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency, feeds.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return outcomes;
}

/** One feed: fetch (conditionally), store its new items, record the outcome. Never throws for the feed's faults. */
export async function pollFeed(
  store: Store,
  feed: FeedState,
  pacer: HostPacer,
  options: WatchOptions,
): Promise<FeedOutcome> {
  let added = 0;
  let known = 0;
  try {
    await pacer.wait(feed.url, options.signal);
    const fetched = await fetchUrl(
      feed.url,
      options.fetch,
      { etag: feed.etag, lastModified: feed.lastModified },
      options.signal,
    );
    const validators = { etag: fetched.etag ?? null, lastModified: fetched.lastModified ?? null };
    if (fetched.notModified) {
      await finish(store, feed, options, { ...validators, failures: 0 });
      return { url: feed.url, status: 'unchanged', added, known };
    }
    const read = readFetchedFeed(fetched, feed.url);
    if (read.documents.length > 0 && !read.documents.every((document) => document.fragment)) {
      throw new InputError('bad-feed', feed.url, 'not an RSS, Atom or JSON feed (a web page?)');
    }
    const fresh: SourceDocument[] = [];
    for (const document of read.documents) {
      if (document.metadata.url && (await store.hasUrl(document.metadata.url))) known++;
      else fresh.push(document);
    }
    const documents = options.follow
      ? (
          await followItems(fresh, {
            ...DEFAULT_INGEST_OPTIONS,
            fetch: options.fetch,
            beforeFetch: (url) => pacer.wait(url, options.signal),
          })
        ).documents
      : fresh;
    for (const document of documents) {
      if (options.signal?.aborted) break;
      const stored = await storeDocument(store, document, feed.url);
      if (stored === undefined) continue;
      if (stored.added) {
        added++;
        options.log(`+ ${stored.label} from ${feed.url}`);
      } else known++;
    }
    // Stopped part-way: the validators are not saved, so the next poll reads the whole feed
    // again and stores the items not reached (those stored are found by URL and skipped).
    const complete = !options.signal?.aborted;
    await finish(store, feed, options, {
      ...(complete ? validators : { etag: feed.etag, lastModified: feed.lastModified }),
      failures: 0,
      ...(complete ? {} : { nextPollAt: new Date().toISOString() }),
    });
    return { url: feed.url, status: complete ? 'new' : 'stopped', added, known };
  } catch (error) {
    if (options.signal?.aborted) {
      await finish(store, feed, options, {
        etag: feed.etag,
        lastModified: feed.lastModified,
        failures: feed.failures,
        nextPollAt: new Date().toISOString(),
      });
      return { url: feed.url, status: 'stopped', added, known };
    }
    if (!(error instanceof InputError)) throw error;
    const failures = feed.failures + 1;
    const backoffMs = Math.min(options.intervalMs * 2 ** Math.min(failures, 10), MAX_BACKOFF_MS);
    await finish(store, feed, options, {
      etag: feed.etag,
      lastModified: feed.lastModified,
      failures,
      error: error.message,
      nextPollAt: isoAfter(new Date().toISOString(), backoffMs),
    });
    options.log(
      `! ${feed.url}: ${error.message} (failed ${failures} ${failures === 1 ? 'time' : 'times'} in a row; next try in ${formatDuration(backoffMs)})`,
    );
    return { url: feed.url, status: 'failed', added, known, error: error.message };
  }
}

async function finish(
  store: Store,
  feed: FeedState,
  options: WatchOptions,
  result: {
    etag: string | null;
    lastModified: string | null;
    failures: number;
    error?: string;
    nextPollAt?: string;
  },
): Promise<void> {
  await store.finishFeed(feed.url, options.worker, {
    ...result,
    nextPollAt: result.nextPollAt ?? isoAfter(new Date().toISOString(), options.intervalMs),
  });
}

/** Cleans one item, finds its names and stores it; undefined when it yields no article. */
async function storeDocument(
  store: Store,
  document: SourceDocument,
  feedUrl: string,
): Promise<{ added: boolean; label: string } | undefined> {
  const analysis = await analyzeDocuments([document], {
    stages: { article: [segmentStage, entityStage], story: [] },
  });
  const article = analysis.articles[0];
  if (!article) return undefined;
  const stored = await store.addArticle(
    articleInputOf(article, { entities: [...namesOf(article).keys()], feedUrl }),
  );
  const title = article.metadata.title ?? article.id;
  return {
    added: stored.added,
    label: `${title}${article.metadata.outlet ? ` (${article.metadata.outlet})` : ''}`,
  };
}
