/**
 * The embedded store: one SQLite file (better-sqlite3, synchronous underneath, async outside so
 * it is interchangeable with PostgreSQL). WAL journal, so readers never block the writer and a
 * killed writer loses at most its open transaction. Several processes may share the file: each
 * write takes SQLite's write lock at its start (BEGIN IMMEDIATE), which is also the clustering
 * lock.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Report } from '../model/report.js';
import { migrate } from './migrations.js';
import { StoreError } from './store-error.js';
import { canonicalUrl, contentHash, ftsQuery, historyRows, isoAfter } from './store-keys.js';
import {
  toFeedState,
  toListing,
  toStoredArticle,
  type ArticleRow,
  type FeedRow,
  type StoryRow,
} from './store-rows.js';
import type {
  AddedArticle,
  ArticleInput,
  AssignedArticle,
  ClaimedStory,
  ClusterSession,
  FeedPollResult,
  FeedState,
  SearchHit,
  Store,
  StoredStory,
  StoryListing,
} from './store.js';

/** How long a writer waits for another process's lock before giving up. */
const BUSY_TIMEOUT_MS = 5_000;

const ARTICLE_COLUMNS =
  'a.id, a.source_id, a.canonical_url, a.outlet, a.title, a.published, a.text, a.entities_json';

/** A story with its counts; `@since` bounds what counts as new. */
const STORY_SELECT = `
  SELECT s.id, s.title, s.created_at, s.updated_at, s.analyzed_at, s.report_json,
    (SELECT min(published) FROM articles WHERE story_id = s.id) AS span_from,
    (SELECT max(published) FROM articles WHERE story_id = s.id) AS span_to,
    (SELECT count(*) FROM articles WHERE story_id = s.id) AS article_count,
    (SELECT group_concat(outlet, char(31)) FROM (SELECT DISTINCT outlet FROM articles
       WHERE story_id = s.id AND outlet IS NOT NULL ORDER BY outlet)) AS outlets,
    (SELECT count(*) FROM claims WHERE story_id = s.id AND current = 1) AS claims,
    (SELECT count(*) FROM conflicts WHERE story_id = s.id AND current = 1) AS conflicts,
    (SELECT count(*) FROM claims WHERE story_id = s.id AND current = 1 AND first_seen >= @since) AS new_claims,
    (SELECT count(*) FROM conflicts WHERE story_id = s.id AND current = 1 AND first_seen >= @since) AS new_conflicts
  FROM stories s`;

function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Opens (creating it and its folder when missing) the SQLite store at `path` and brings its
 * schema up to date.
 */
export function openSqliteStore(path: string): SqliteStore {
  const fullPath = path === ':memory:' ? path : resolve(path);
  if (fullPath !== ':memory:') mkdirSync(dirname(fullPath), { recursive: true });
  const db = new Database(fullPath);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: durable against a crashed or killed process; a power cut may lose the
    // last transactions but never corrupts the database.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, fullPath);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStore(db, fullPath);
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly statements;

  constructor(
    /** The underlying connection, for tests and maintenance. */
    readonly db: Database.Database,
    readonly location: string,
  ) {
    this.statements = {
      byUrl: db.prepare<[string], { id: number }>(
        'SELECT id FROM articles WHERE canonical_url = ?',
      ),
      byHash: db.prepare<[string], { id: number; canonical_url: string | null }>(
        'SELECT id, canonical_url FROM articles WHERE content_hash = ?',
      ),
      setUrl: db.prepare<[string, number]>('UPDATE articles SET canonical_url = ? WHERE id = ?'),
      insertArticle: db.prepare(
        `INSERT INTO articles (source_id, canonical_url, content_hash, outlet, title, published, text, added_at, entities_json, feed_url)
         VALUES (@sourceId, @url, @hash, @outlet, @title, @published, @text, @addedAt, @entities, @feedUrl)`,
      ),
      upsertStory: db.prepare<[string, string, string]>(
        `INSERT INTO stories (id, created_at, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at`,
      ),
      clearStoryArticles: db.prepare<[string]>('DELETE FROM story_articles WHERE story_id = ?'),
      linkArticle: db.prepare<[string, number, string]>(
        `INSERT OR IGNORE INTO story_articles (story_id, article_id, report_article_id) VALUES (?, ?, ?)`,
      ),
      retireClaims: db.prepare<[string]>('UPDATE claims SET current = 0 WHERE story_id = ?'),
      upsertClaim: db.prepare(
        `INSERT INTO claims (story_id, text_key, report_id, text, status, independent_origins, articles_json, first_seen, last_seen, current)
         VALUES (@storyId, @key, @reportId, @text, @status, @origins, @articles, @now, @now, 1)
         ON CONFLICT (story_id, text_key) DO UPDATE SET
           report_id = excluded.report_id, text = excluded.text, status = excluded.status,
           independent_origins = excluded.independent_origins, articles_json = excluded.articles_json,
           last_seen = excluded.last_seen, current = 1`,
      ),
      retireConflicts: db.prepare<[string]>('UPDATE conflicts SET current = 0 WHERE story_id = ?'),
      upsertConflict: db.prepare(
        `INSERT INTO conflicts (story_id, conflict_key, report_id, kind, summary, claim_keys_json, first_seen, last_seen, current)
         VALUES (@storyId, @key, @reportId, @kind, @summary, @claimKeys, @now, @now, 1)
         ON CONFLICT (story_id, conflict_key) DO UPDATE SET
           report_id = excluded.report_id, kind = excluded.kind, summary = excluded.summary,
           claim_keys_json = excluded.claim_keys_json, last_seen = excluded.last_seen, current = 1`,
      ),
      saveReport: db.prepare(
        `UPDATE stories SET report_json = @report, analyzed_at = @now, updated_at = @now,
           analyzed_version = CASE WHEN @version IS NULL THEN version ELSE max(analyzed_version, @version) END,
           lease_owner = NULL, lease_until = NULL
         WHERE id = @storyId`,
      ),
      search: db.prepare<[string, number], ArticleRow & { snippet: string; rank: number }>(
        `SELECT ${ARTICLE_COLUMNS}, snippet(articles_fts, -1, '[', ']', '…', 16) AS snippet,
                articles_fts.rank AS rank
         FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
         WHERE articles_fts MATCH ?
         ORDER BY articles_fts.rank
         LIMIT ?`,
      ),
      assignedSince: db.prepare<
        [number, number],
        ArticleRow & { story_id: string; cluster_seq: number }
      >(
        `SELECT * FROM (SELECT ${ARTICLE_COLUMNS}, a.story_id, a.cluster_seq FROM articles a
           WHERE a.cluster_seq > ? ORDER BY a.cluster_seq DESC LIMIT ?)
         ORDER BY cluster_seq`,
      ),
      unassigned: db.prepare<[number], ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.story_id IS NULL ORDER BY a.id LIMIT ?`,
      ),
      nextStoryNumber: db.prepare<[], { next: number }>(
        'SELECT coalesce(max(number), 0) + 1 AS next FROM stories',
      ),
      nextSeq: db.prepare<[], { next: number }>(
        'SELECT coalesce(max(cluster_seq), 0) + 1 AS next FROM articles',
      ),
      createStory: db.prepare(
        `INSERT INTO stories (id, number, title, created_at, updated_at) VALUES (@id, @number, @title, @now, @now)
         ON CONFLICT (id) DO NOTHING`,
      ),
      touchStory: db.prepare<[string, string]>(
        'UPDATE stories SET version = version + 1, updated_at = ? WHERE id = ?',
      ),
      assign: db.prepare<[string, number, string, number]>(
        'UPDATE articles SET story_id = ?, cluster_seq = ?, cluster_reason = ? WHERE id = ?',
      ),
      dirtyStory: db.prepare<[string], { id: string; version: number }>(
        `SELECT id, version FROM stories
         WHERE version > analyzed_version AND (lease_until IS NULL OR lease_until < ?)
         ORDER BY updated_at LIMIT 1`,
      ),
      lease: db.prepare<[string, string, string]>(
        'UPDATE stories SET lease_owner = ?, lease_until = ? WHERE id = ?',
      ),
      storyArticles: db.prepare<[string], ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.story_id = ? ORDER BY a.cluster_seq`,
      ),
      release: db.prepare<[string, string]>(
        'UPDATE stories SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
      ),
      listStories: db.prepare<{ since: string; limit: number }, StoryRow>(
        `${STORY_SELECT} WHERE s.updated_at >= @since ORDER BY s.updated_at DESC, s.id LIMIT @limit`,
      ),
      story: db.prepare<{ since: string; id: string }, StoryRow>(
        `${STORY_SELECT} WHERE s.id = @id`,
      ),
      members: db.prepare<
        [string],
        { id: number; source_id: string; cluster_reason: string | null }
      >(
        'SELECT id, source_id, cluster_reason FROM articles WHERE story_id = ? ORDER BY cluster_seq',
      ),
      addFeed: db.prepare<[string, string, string]>(
        `INSERT INTO feeds (url, next_poll_at, added_at) VALUES (?, ?, ?) ON CONFLICT (url) DO NOTHING`,
      ),
      feedDue: db.prepare<[string, string]>('UPDATE feeds SET next_poll_at = ? WHERE url = ?'),
      leaseFeed: db.prepare<[string, string, string]>(
        'UPDATE feeds SET lease_owner = ?, lease_until = ? WHERE url = ?',
      ),
      finishFeed: db.prepare(
        `UPDATE feeds SET etag = @etag, last_modified = @lastModified, next_poll_at = @nextPollAt,
           failures = @failures, last_error = @error, last_polled_at = @now,
           lease_owner = NULL, lease_until = NULL
         WHERE url = @url AND (lease_owner IS NULL OR lease_owner = @worker)`,
      ),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare<[string, string]>(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  /** Calls run one after another: a clustering session awaits inside an open transaction. */
  private queue: Promise<unknown> = Promise.resolve();

  private exclusive<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (!this.db.open) throw new StoreError('closed', `store ${this.location} is closed`);
      return work();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  addArticle(article: ArticleInput): Promise<AddedArticle> {
    return this.exclusive(async () => {
      return this.db.transaction(() => this.insertArticle(article)).immediate();
    });
  }

  /** Inside a transaction: the existing row for this URL or text, else a new one. */
  private insertArticle(fields: ArticleInput): AddedArticle {
    const url = canonicalUrl(fields.url);
    const hash = contentHash(fields.text);
    if (url !== null) {
      const byUrl = this.statements.byUrl.get(url);
      if (byUrl) return { id: byUrl.id, added: false };
    }
    const byHash = this.statements.byHash.get(hash);
    if (byHash) {
      // The same text seen first without a URL: remember the URL, so it is found by it next time.
      if (byHash.canonical_url === null && url !== null) this.statements.setUrl.run(url, byHash.id);
      return { id: byHash.id, added: false };
    }
    const result = this.statements.insertArticle.run({
      sourceId: fields.sourceId,
      url,
      hash,
      outlet: fields.outlet ?? null,
      title: fields.title ?? null,
      published: fields.published ?? null,
      text: fields.text,
      addedAt: nowIso(),
      entities: JSON.stringify(fields.entities ?? []),
      feedUrl: fields.feedUrl ?? null,
    });
    return { id: Number(result.lastInsertRowid), added: true };
  }

  hasUrl(url: string): Promise<boolean> {
    return this.exclusive(async () => {
      const canonical = canonicalUrl(url);
      return canonical !== null && this.statements.byUrl.get(canonical) !== undefined;
    });
  }

  clustering<T>(work: (session: ClusterSession) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.clusterSession(work));
  }

  private async clusterSession<T>(work: (session: ClusterSession) => Promise<T>): Promise<T> {
    const statements = this.statements;
    const session: ClusterSession = {
      assignedSince: async (afterSeq, limit) =>
        statements.assignedSince.all(afterSeq, limit).map((row): AssignedArticle => ({
          ...toStoredArticle(row),
          storyId: row.story_id,
          seq: Number(row.cluster_seq),
        })),
      unassigned: async (limit) => statements.unassigned.all(limit).map(toStoredArticle),
      nextStoryNumber: async () => statements.nextStoryNumber.get()!.next,
      assign: async (articleId, storyId, reason, title) => {
        const now = nowIso();
        const number = /^s(\d+)$/u.exec(storyId)?.[1];
        statements.createStory.run({
          id: storyId,
          number: number === undefined ? null : Number(number),
          title,
          now,
        });
        const seq = statements.nextSeq.get()!.next;
        statements.assign.run(storyId, seq, reason, articleId);
        statements.touchStory.run(now, storyId);
        return seq;
      },
    };
    // The work is async only in form (every call above is synchronous), but an await inside a
    // better-sqlite3 transaction function is not allowed, so the transaction is opened by hand.
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(session);
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  claimStory(worker: string, leaseMs: number): Promise<ClaimedStory | undefined> {
    return this.exclusive(async () => {
      return this.db
        .transaction((): ClaimedStory | undefined => {
          const now = nowIso();
          const row = this.statements.dirtyStory.get(now);
          if (!row) return undefined;
          this.statements.lease.run(worker, isoAfter(now, leaseMs), row.id);
          return {
            id: row.id,
            version: Number(row.version),
            articles: this.statements.storyArticles.all(row.id).map(toStoredArticle),
          };
        })
        .immediate();
    });
  }

  releaseStory(storyId: string, worker: string): Promise<void> {
    return this.exclusive(async () => {
      this.statements.release.run(storyId, worker);
    });
  }

  saveStory(
    storyId: string,
    report: Report,
    version?: number,
    articleIds?: ReadonlyMap<string, number>,
  ): Promise<void> {
    return this.exclusive(async () => {
      const now = nowIso();
      const rows = historyRows(report);
      this.db
        .transaction(() => {
          this.statements.upsertStory.run(storyId, now, now);
          this.statements.clearStoryArticles.run(storyId);
          for (const article of report.articles) {
            const id =
              articleIds?.get(article.id) ??
              this.insertArticle({
                sourceId: article.id,
                url: article.url,
                outlet: article.outlet,
                title: article.title,
                published: article.published,
                text: article.text,
              }).id;
            this.statements.linkArticle.run(storyId, id, article.id);
          }
          this.statements.retireClaims.run(storyId);
          for (const claim of rows.claims)
            this.statements.upsertClaim.run({ storyId, now, ...claim });
          this.statements.retireConflicts.run(storyId);
          for (const conflict of rows.conflicts) {
            this.statements.upsertConflict.run({ storyId, now, ...conflict });
          }
          this.statements.saveReport.run({
            storyId,
            now,
            report: JSON.stringify(report),
            version: version ?? null,
          });
        })
        .immediate();
    });
  }

  listStories(options: { since?: string; limit?: number } = {}): Promise<StoryListing[]> {
    return this.exclusive(async () => {
      return this.statements.listStories
        .all({ since: options.since ?? '', limit: options.limit ?? 100 })
        .map(toListing);
    });
  }

  story(id: string, options: { since?: string } = {}): Promise<StoredStory | undefined> {
    return this.exclusive(async () => {
      const row = this.statements.story.get({ id, since: options.since ?? '' });
      if (!row) return undefined;
      return {
        ...toListing(row),
        report: row.report_json ? (JSON.parse(row.report_json) as Report) : null,
        members: this.statements.members.all(id).map((member) => ({
          id: Number(member.id),
          sourceId: member.source_id,
          reason: member.cluster_reason,
        })),
      };
    });
  }

  search(query: string, limit = 20): Promise<SearchHit[]> {
    return this.exclusive(async () => {
      const match = ftsQuery(query);
      if (!match) {
        throw new StoreError(
          'bad-query',
          `search query ${JSON.stringify(query)} has no words to look for`,
        );
      }
      let rows;
      try {
        rows = this.statements.search.all(match, Math.max(1, Math.floor(limit)));
      } catch (error) {
        throw new StoreError(
          'bad-query',
          `search for ${JSON.stringify(query)} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return rows.map((row) => ({
        id: Number(row.id),
        sourceId: row.source_id,
        title: row.title,
        outlet: row.outlet,
        url: row.canonical_url,
        published: row.published,
        snippet: row.snippet,
        rank: row.rank,
      }));
    });
  }

  addFeeds(
    urls: readonly string[],
    now: string,
    options: { dueNow?: boolean } = {},
  ): Promise<number> {
    return this.exclusive(async () => {
      return this.db
        .transaction(() => {
          let added = 0;
          for (const url of urls) {
            added += this.statements.addFeed.run(url, now, now).changes;
            if (options.dueNow) this.statements.feedDue.run(now, url);
          }
          return added;
        })
        .immediate();
    });
  }

  claimFeed(
    worker: string,
    urls: readonly string[],
    now: string,
    leaseMs: number,
  ): Promise<FeedState | undefined> {
    return this.exclusive(async () => {
      if (urls.length === 0) return undefined;
      const due = this.db.prepare<string[], FeedRow>(
        `SELECT url, etag, last_modified, failures, next_poll_at FROM feeds
         WHERE next_poll_at <= ? AND (lease_until IS NULL OR lease_until < ?)
           AND url IN (${urls.map(() => '?').join(', ')})
         ORDER BY next_poll_at, url LIMIT 1`,
      );
      return this.db
        .transaction((): FeedState | undefined => {
          const row = due.get(now, now, ...urls);
          if (!row) return undefined;
          this.statements.leaseFeed.run(worker, isoAfter(now, leaseMs), row.url);
          return toFeedState(row);
        })
        .immediate();
    });
  }

  finishFeed(url: string, worker: string, result: FeedPollResult): Promise<void> {
    return this.exclusive(async () => {
      this.statements.finishFeed.run({
        url,
        worker,
        now: nowIso(),
        etag: result.etag ?? null,
        lastModified: result.lastModified ?? null,
        nextPollAt: result.nextPollAt,
        failures: result.failures,
        error: result.error ?? null,
      });
    });
  }

  nextFeedDue(urls: readonly string[]): Promise<string | undefined> {
    return this.exclusive(async () => {
      if (urls.length === 0) return undefined;
      const row = this.db
        .prepare<string[], { due: string | null }>(
          `SELECT min(next_poll_at) AS due FROM feeds WHERE url IN (${urls.map(() => '?').join(', ')})`,
        )
        .get(...urls);
      return row?.due ?? undefined;
    });
  }

  getMeta(key: string): Promise<string | undefined> {
    return this.exclusive(async () => {
      return this.statements.getMeta.get(key)?.value;
    });
  }

  setMeta(key: string, value: string): Promise<void> {
    return this.exclusive(async () => {
      this.statements.setMeta.run(key, value);
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
