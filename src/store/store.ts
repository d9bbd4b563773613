/**
 * What triangulate keeps between runs, whatever holds it: the embedded SQLite file of one desk
 * (`sqlite-store.ts`) or a PostgreSQL database several `watch` workers share
 * (`postgres-store.ts`). Both pass one contract suite (`store-contract.ts`). Every method is
 * async so the two are interchangeable; every write is one transaction.
 */
import type { Report } from '../model/report.js';

export { StoreError } from './store-error.js';

/** An article as the store receives it: cleaned text plus what clustering needs. */
export interface ArticleInput {
  /** The input's own id (a JSONL `id`, a file stem, a URL slug). */
  readonly sourceId: string;
  readonly url?: string | undefined;
  readonly outlet?: string | undefined;
  readonly title?: string | undefined;
  readonly published?: string | undefined;
  readonly text: string;
  /** Names found in it (folded), for clustering. */
  readonly entities?: readonly string[];
  /** The feed it came from, when `watch` found it. */
  readonly feedUrl?: string | undefined;
}

export interface AddedArticle {
  /** The store's id of the article: the new row, or the one it duplicates. */
  readonly id: number;
  /** False when the article was already stored (same canonical URL or same normalised text). */
  readonly added: boolean;
}

/** A stored article, as clustering and analysis read it back. */
export interface StoredArticle {
  readonly id: number;
  readonly sourceId: string;
  readonly url: string | null;
  readonly outlet: string | null;
  readonly title: string | null;
  readonly published: string | null;
  readonly text: string;
  readonly entities: readonly string[];
}

/** A stored article with the story clustering put it in; `seq` orders assignments store-wide. */
export interface AssignedArticle extends StoredArticle {
  readonly storyId: string;
  readonly seq: number;
}

export interface SearchHit {
  readonly id: number;
  readonly sourceId: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly url: string | null;
  readonly published: string | null;
  /** Matching text around the hit, matches in `[` `]`, cuts marked `…`. */
  readonly snippet: string;
  /** Lower is better. */
  readonly rank: number;
}

/** Work taken under the store-wide clustering lock: one clusterer decides at a time. */
export interface ClusterSession {
  /** Assignments with `seq` above `afterSeq`, oldest first, at most `limit` (the newest ones). */
  assignedSince(afterSeq: number, limit: number): Promise<AssignedArticle[]>;
  /** Articles not yet in a story, in the order they were stored. */
  unassigned(limit: number): Promise<StoredArticle[]>;
  /** The number the next new story gets (`s<number>`); stories are only created under the lock. */
  nextStoryNumber(): Promise<number>;
  /**
   * Puts the article in the story (creating the story when new, titled `title`), marks the story
   * for re-analysis, and returns the assignment's `seq`.
   */
  assign(articleId: number, storyId: string, reason: string, title: string): Promise<number>;
}

/** A story handed to one worker to (re-)analyse, with its articles. */
export interface ClaimedStory {
  readonly id: string;
  /** The story's version when claimed: saving with it clears the mark only if no article came since. */
  readonly version: number;
  readonly articles: readonly StoredArticle[];
}

export interface StoryListing {
  readonly id: string;
  readonly title: string;
  readonly articles: number;
  readonly outlets: readonly string[];
  readonly span: { readonly from: string | null; readonly to: string | null };
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When its analysis was last saved; null while it waits for one. */
  readonly analyzedAt: string | null;
  /** Current claims and conflicts first seen after the `since` asked for (all when none). */
  readonly newClaims: number;
  readonly newConflicts: number;
  readonly claims: number;
  readonly conflicts: number;
}

export interface StoredStory extends StoryListing {
  /** The last saved report, null before the first analysis. */
  readonly report: Report | null;
  /** Each article's store id, source id and why it joined. */
  readonly members: readonly {
    readonly id: number;
    readonly sourceId: string;
    readonly reason: string | null;
  }[];
}

/** A feed `watch` polls, with what polite polling remembers of it. */
export interface FeedState {
  readonly url: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** Failed polls in a row (backoff grows with it). */
  readonly failures: number;
  readonly nextPollAt: string;
}

export interface FeedPollResult {
  readonly etag?: string | null | undefined;
  readonly lastModified?: string | null | undefined;
  readonly nextPollAt: string;
  readonly failures: number;
  readonly error?: string | undefined;
}

export interface Store {
  /** Where it is, for messages: a file path, or a PostgreSQL URL without its password. */
  readonly location: string;
  readonly kind: 'sqlite' | 'postgres';

  addArticle(article: ArticleInput): Promise<AddedArticle>;
  /** True when an article with this (canonicalised) URL is stored: `watch` skips fetching it. */
  hasUrl(url: string): Promise<boolean>;

  /** Runs `work` holding the clustering lock (other workers wait), in one transaction. */
  clustering<T>(work: (session: ClusterSession) => Promise<T>): Promise<T>;

  /**
   * Takes one story whose articles changed since its last analysis, leased to `worker` for
   * `leaseMs` (another worker takes it when the lease runs out), or undefined when none waits.
   */
  claimStory(worker: string, leaseMs: number): Promise<ClaimedStory | undefined>;
  /** Gives a claimed story back unanalysed (the analysis failed or the worker is stopping). */
  releaseStory(storyId: string, worker: string): Promise<void>;
  /**
   * Records a story's report: its articles, claims and conflicts with their history, in one
   * transaction. With `version`, the re-analysis mark is cleared only if no article came since.
   * `articleIds` maps the report's article ids to stored ones; other articles are stored anew
   * (or found again by URL and text).
   */
  saveStory(
    storyId: string,
    report: Report,
    version?: number,
    articleIds?: ReadonlyMap<string, number>,
  ): Promise<void>;

  /** Stories touched (articles added or re-analysed) at or after `since`, newest first. */
  listStories(options?: { since?: string; limit?: number }): Promise<StoryListing[]>;
  story(id: string, options?: { since?: string }): Promise<StoredStory | undefined>;

  search(query: string, limit?: number): Promise<SearchHit[]>;

  /**
   * Adds feeds to poll, due at `now`; returns how many were new. Known ones keep their schedule
   * and validators, unless `dueNow` makes them due at `now` too (`watch --once`).
   */
  addFeeds(urls: readonly string[], now: string, options?: { dueNow?: boolean }): Promise<number>;
  /**
   * Takes the feed of `urls` most overdue at `now`, leased to `worker`, or undefined when none is
   * due (workers given the same list share its feeds; feeds of other lists are left alone).
   */
  claimFeed(
    worker: string,
    urls: readonly string[],
    now: string,
    leaseMs: number,
  ): Promise<FeedState | undefined>;
  /** Records a poll's outcome and releases the lease. */
  finishFeed(url: string, worker: string, result: FeedPollResult): Promise<void>;
  /** The earliest `nextPollAt` among `urls`, for sleeping until then. */
  nextFeedDue(urls: readonly string[]): Promise<string | undefined>;

  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}
