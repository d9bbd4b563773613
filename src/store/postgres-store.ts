/**
 * The team store: PostgreSQL, shared by several `watch` workers on several machines. Behaves as
 * the SQLite store does (one contract suite runs against both); what differs is how work is
 * shared: stories and feeds are claimed with `FOR UPDATE SKIP LOCKED` (two workers never take the
 * same one, and neither waits for the other), and clustering takes a transaction-scoped advisory
 * lock, so one clusterer decides at a time and every worker replays the others' assignments.
 */
import pg from 'pg';
import type { Report } from '../model/report.js';
import { StoreError } from './store-error.js';
import {
  canonicalUrl,
  contentHash,
  foldForSearch,
  historyRows,
  isoAfter,
  queryWords,
} from './store-keys.js';
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

/** Any fixed number: the advisory lock all clustering sessions take. */
const CLUSTER_LOCK = 0x7472_6961;
/** The advisory lock that serialises schema migrations between workers starting together. */
const MIGRATION_LOCK = 0x7472_6962;

/**
 * The PostgreSQL schema, step by step, as for SQLite (src/store/migrations.ts): append-only, the
 * version kept in `triangulate_schema`. Times are ISO text in UTC, as in SQLite, so both stores
 * compare and return them alike.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    number INTEGER,
    title TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    analyzed_version INTEGER NOT NULL DEFAULT 0,
    analyzed_at TEXT,
    lease_owner TEXT,
    lease_until TEXT,
    report_json TEXT
  );
  CREATE INDEX stories_updated ON stories (updated_at);

  CREATE TABLE articles (
    id BIGSERIAL PRIMARY KEY,
    source_id TEXT NOT NULL,
    canonical_url TEXT UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    outlet TEXT,
    title TEXT,
    published TEXT,
    text TEXT NOT NULL,
    added_at TEXT NOT NULL,
    entities_json TEXT NOT NULL DEFAULT '[]',
    feed_url TEXT,
    story_id TEXT REFERENCES stories (id) ON DELETE SET NULL,
    cluster_seq BIGINT UNIQUE,
    cluster_reason TEXT,
    -- Title and text with accents removed (foldForSearch), indexed as words.
    search_text TEXT NOT NULL DEFAULT '',
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED
  );
  CREATE INDEX articles_source_id ON articles (source_id);
  CREATE INDEX articles_story ON articles (story_id);
  CREATE INDEX articles_unassigned ON articles (id) WHERE story_id IS NULL;
  CREATE INDEX articles_search ON articles USING gin (search);

  CREATE TABLE story_articles (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    report_article_id TEXT NOT NULL,
    PRIMARY KEY (story_id, article_id)
  );

  CREATE TABLE claims (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    text_key TEXT NOT NULL,
    report_id TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL,
    independent_origins INTEGER NOT NULL,
    articles_json TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (story_id, text_key)
  );

  CREATE TABLE conflicts (
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    conflict_key TEXT NOT NULL,
    report_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    claim_keys_json TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (story_id, conflict_key)
  );

  CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_poll_at TEXT NOT NULL,
    last_polled_at TEXT,
    lease_owner TEXT,
    lease_until TEXT,
    added_at TEXT NOT NULL
  );

  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
];

const ARTICLE_COLUMNS =
  'a.id, a.source_id, a.canonical_url, a.outlet, a.title, a.published, a.text, a.entities_json';

const STORY_SELECT = `
  SELECT s.id, s.title, s.created_at, s.updated_at, s.analyzed_at, s.report_json,
    (SELECT min(published) FROM articles WHERE story_id = s.id) AS span_from,
    (SELECT max(published) FROM articles WHERE story_id = s.id) AS span_to,
    (SELECT count(*) FROM articles WHERE story_id = s.id) AS article_count,
    (SELECT string_agg(outlet, chr(31) ORDER BY outlet) FROM (SELECT DISTINCT outlet FROM articles
       WHERE story_id = s.id AND outlet IS NOT NULL) o) AS outlets,
    (SELECT count(*) FROM claims WHERE story_id = s.id AND current = 1) AS claims,
    (SELECT count(*) FROM conflicts WHERE story_id = s.id AND current = 1) AS conflicts,
    (SELECT count(*) FROM claims WHERE story_id = s.id AND current = 1 AND first_seen >= $1) AS new_claims,
    (SELECT count(*) FROM conflicts WHERE story_id = s.id AND current = 1 AND first_seen >= $1) AS new_conflicts
  FROM stories s`;

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

function nowIso(): string {
  return new Date().toISOString();
}

/** Connects, checks the server answers, and brings the schema up to date. */
export async function openPostgresStore(url: string): Promise<PostgresStore> {
  const location = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  // An idle client's connection dropping (server restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await migratePostgres(pool, location);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof StoreError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError('unreachable', `cannot open PostgreSQL store ${location}: ${reason}`);
  }
  return new PostgresStore(pool, location);
}

async function migratePostgres(pool: pg.Pool, location: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS triangulate_schema (version INTEGER NOT NULL, applied_at TEXT NOT NULL)',
    );
    const found = Number(
      (
        await client.query<{ v: number }>(
          'SELECT coalesce(max(version), 0) AS v FROM triangulate_schema',
        )
      ).rows[0]?.v ?? 0,
    );
    if (found > POSTGRES_MIGRATIONS.length) {
      throw new StoreError(
        'newer-schema',
        `store ${location} has schema version ${found}, newer than the ${POSTGRES_MIGRATIONS.length} this triangulate knows; upgrade triangulate to open it`,
      );
    }
    for (const [index, sql] of POSTGRES_MIGRATIONS.entries()) {
      if (index < found) continue;
      await client.query(sql);
      await client.query('INSERT INTO triangulate_schema (version, applied_at) VALUES ($1, $2)', [
        index + 1,
        nowIso(),
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

type Queryable = pg.Pool | pg.PoolClient;

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
  ) {}

  /** Runs `work` in one transaction on one connection. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreError('closed', `store ${this.location} is closed`);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private query<R extends pg.QueryResultRow>(
    sql: string,
    values: unknown[] = [],
    on: Queryable = this.pool,
  ): Promise<pg.QueryResult<R>> {
    if (this.closed) throw new StoreError('closed', `store ${this.location} is closed`);
    return on.query<R>(sql, values);
  }

  addArticle(article: ArticleInput): Promise<AddedArticle> {
    return this.transaction((client) => this.insertArticle(client, article));
  }

  private async insertArticle(client: pg.PoolClient, fields: ArticleInput): Promise<AddedArticle> {
    const url = canonicalUrl(fields.url);
    const hash = contentHash(fields.text);
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO articles (source_id, canonical_url, content_hash, outlet, title, published, text, added_at, entities_json, feed_url, search_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        fields.sourceId,
        url,
        hash,
        fields.outlet ?? null,
        fields.title ?? null,
        fields.published ?? null,
        fields.text,
        nowIso(),
        JSON.stringify(fields.entities ?? []),
        fields.feedUrl ?? null,
        foldForSearch(`${fields.title ?? ''} ${fields.text}`),
      ],
    );
    if (inserted.rows[0]) return { id: Number(inserted.rows[0].id), added: true };
    // Another row holds this URL or this text (perhaps a worker's that committed just now).
    if (url !== null) {
      const byUrl = await client.query<{ id: string }>(
        'SELECT id FROM articles WHERE canonical_url = $1',
        [url],
      );
      if (byUrl.rows[0]) return { id: Number(byUrl.rows[0].id), added: false };
    }
    const byHash = await client.query<{ id: string; canonical_url: string | null }>(
      'SELECT id, canonical_url FROM articles WHERE content_hash = $1',
      [hash],
    );
    const row = byHash.rows[0];
    if (!row) throw new Error(`article ${fields.sourceId} neither stored nor found`);
    if (row.canonical_url === null && url !== null) {
      await client.query('UPDATE articles SET canonical_url = $1 WHERE id = $2', [url, row.id]);
    }
    return { id: Number(row.id), added: false };
  }

  async hasUrl(url: string): Promise<boolean> {
    const canonical = canonicalUrl(url);
    if (canonical === null) return false;
    const found = await this.query('SELECT 1 FROM articles WHERE canonical_url = $1', [canonical]);
    return found.rowCount !== null && found.rowCount > 0;
  }

  clustering<T>(work: (session: ClusterSession) => Promise<T>): Promise<T> {
    return this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [CLUSTER_LOCK]);
      const session: ClusterSession = {
        assignedSince: async (afterSeq, limit) => {
          const result = await client.query<ArticleRow & { story_id: string; cluster_seq: string }>(
            `SELECT * FROM (SELECT ${ARTICLE_COLUMNS}, a.story_id, a.cluster_seq FROM articles a
               WHERE a.cluster_seq > $1 ORDER BY a.cluster_seq DESC LIMIT $2) recent
             ORDER BY cluster_seq`,
            [afterSeq, limit],
          );
          return result.rows.map((row): AssignedArticle => ({
            ...toStoredArticle(row),
            storyId: row.story_id,
            seq: Number(row.cluster_seq),
          }));
        },
        unassigned: async (limit) => {
          const result = await client.query<ArticleRow>(
            `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.story_id IS NULL ORDER BY a.id LIMIT $1`,
            [limit],
          );
          return result.rows.map(toStoredArticle);
        },
        nextStoryNumber: async () =>
          Number(
            (
              await client.query<{ next: string }>(
                'SELECT coalesce(max(number), 0) + 1 AS next FROM stories',
              )
            ).rows[0]!.next,
          ),
        assign: async (articleId, storyId, reason, title) => {
          const now = nowIso();
          const number = /^s(\d+)$/u.exec(storyId)?.[1];
          await client.query(
            `INSERT INTO stories (id, number, title, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
             ON CONFLICT (id) DO NOTHING`,
            [storyId, number === undefined ? null : Number(number), title, now],
          );
          const seq = Number(
            (
              await client.query<{ next: string }>(
                'SELECT coalesce(max(cluster_seq), 0) + 1 AS next FROM articles',
              )
            ).rows[0]!.next,
          );
          await client.query(
            'UPDATE articles SET story_id = $1, cluster_seq = $2, cluster_reason = $3 WHERE id = $4',
            [storyId, seq, reason, articleId],
          );
          await client.query(
            'UPDATE stories SET version = version + 1, updated_at = $1 WHERE id = $2',
            [now, storyId],
          );
          return seq;
        },
      };
      return work(session);
    });
  }

  claimStory(worker: string, leaseMs: number): Promise<ClaimedStory | undefined> {
    return this.transaction(async (client) => {
      const now = nowIso();
      const claimed = await client.query<{ id: string; version: number }>(
        `UPDATE stories SET lease_owner = $1, lease_until = $2
         WHERE id = (SELECT id FROM stories
           WHERE version > analyzed_version AND (lease_until IS NULL OR lease_until < $3)
           ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING id, version`,
        [worker, isoAfter(now, leaseMs), now],
      );
      const row = claimed.rows[0];
      if (!row) return undefined;
      const articles = await client.query<ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.story_id = $1 ORDER BY a.cluster_seq`,
        [row.id],
      );
      return {
        id: row.id,
        version: Number(row.version),
        articles: articles.rows.map(toStoredArticle),
      };
    });
  }

  async releaseStory(storyId: string, worker: string): Promise<void> {
    await this.query(
      'UPDATE stories SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2',
      [storyId, worker],
    );
  }

  saveStory(
    storyId: string,
    report: Report,
    version?: number,
    articleIds?: ReadonlyMap<string, number>,
  ): Promise<void> {
    const rows = historyRows(report);
    return this.transaction(async (client) => {
      const now = nowIso();
      await client.query(
        `INSERT INTO stories (id, created_at, updated_at) VALUES ($1, $2, $2)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at`,
        [storyId, now],
      );
      await client.query('DELETE FROM story_articles WHERE story_id = $1', [storyId]);
      for (const article of report.articles) {
        const id =
          articleIds?.get(article.id) ??
          (
            await this.insertArticle(client, {
              sourceId: article.id,
              url: article.url,
              outlet: article.outlet,
              title: article.title,
              published: article.published,
              text: article.text,
            })
          ).id;
        await client.query(
          `INSERT INTO story_articles (story_id, article_id, report_article_id) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING`,
          [storyId, id, article.id],
        );
      }
      await client.query('UPDATE claims SET current = 0 WHERE story_id = $1', [storyId]);
      for (const claim of rows.claims) {
        await client.query(
          `INSERT INTO claims (story_id, text_key, report_id, text, status, independent_origins, articles_json, first_seen, last_seen, current)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, 1)
           ON CONFLICT (story_id, text_key) DO UPDATE SET
             report_id = excluded.report_id, text = excluded.text, status = excluded.status,
             independent_origins = excluded.independent_origins, articles_json = excluded.articles_json,
             last_seen = excluded.last_seen, current = 1`,
          [
            storyId,
            claim.key,
            claim.reportId,
            claim.text,
            claim.status,
            claim.origins,
            claim.articles,
            now,
          ],
        );
      }
      await client.query('UPDATE conflicts SET current = 0 WHERE story_id = $1', [storyId]);
      for (const conflict of rows.conflicts) {
        await client.query(
          `INSERT INTO conflicts (story_id, conflict_key, report_id, kind, summary, claim_keys_json, first_seen, last_seen, current)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1)
           ON CONFLICT (story_id, conflict_key) DO UPDATE SET
             report_id = excluded.report_id, kind = excluded.kind, summary = excluded.summary,
             claim_keys_json = excluded.claim_keys_json, last_seen = excluded.last_seen, current = 1`,
          [
            storyId,
            conflict.key,
            conflict.reportId,
            conflict.kind,
            conflict.summary,
            conflict.claimKeys,
            now,
          ],
        );
      }
      await client.query(
        `UPDATE stories SET report_json = $2, analyzed_at = $3, updated_at = $3,
           analyzed_version = CASE WHEN $4::integer IS NULL THEN version ELSE greatest(analyzed_version, $4::integer) END,
           lease_owner = NULL, lease_until = NULL
         WHERE id = $1`,
        [storyId, JSON.stringify(report), now, version ?? null],
      );
    });
  }

  async listStories(options: { since?: string; limit?: number } = {}): Promise<StoryListing[]> {
    const result = await this.query<StoryRow>(
      `${STORY_SELECT} WHERE s.updated_at >= $1 ORDER BY s.updated_at DESC, s.id LIMIT $2`,
      [options.since ?? '', options.limit ?? 100],
    );
    return result.rows.map(toListing);
  }

  async story(id: string, options: { since?: string } = {}): Promise<StoredStory | undefined> {
    const result = await this.query<StoryRow>(`${STORY_SELECT} WHERE s.id = $2`, [
      options.since ?? '',
      id,
    ]);
    const row = result.rows[0];
    if (!row) return undefined;
    const members = await this.query<{
      id: string;
      source_id: string;
      cluster_reason: string | null;
    }>(
      'SELECT id, source_id, cluster_reason FROM articles WHERE story_id = $1 ORDER BY cluster_seq',
      [id],
    );
    return {
      ...toListing(row),
      report: row.report_json ? (JSON.parse(row.report_json) as Report) : null,
      members: members.rows.map((member) => ({
        id: Number(member.id),
        sourceId: member.source_id,
        reason: member.cluster_reason,
      })),
    };
  }

  async search(query: string, limit = 20): Promise<SearchHit[]> {
    const words = queryWords(query);
    if (words.length === 0) {
      throw new StoreError(
        'bad-query',
        `search query ${JSON.stringify(query)} has no words to look for`,
      );
    }
    // plainto_tsquery reads words only: operators and quotes in the query are never parsed.
    const result = await this.query(
      `SELECT ${ARTICLE_COLUMNS},
         ts_headline('simple', a.search_text, q,
           'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…') AS snippet,
         -ts_rank(a.search, q) AS rank
       FROM articles a, plainto_tsquery('simple', $1) q
       WHERE a.search @@ q
       ORDER BY rank, a.id
       LIMIT $2`,
      [foldForSearch(words.join(' ')), Math.max(1, Math.floor(limit))],
    );
    return result.rows.map((row) => ({
      id: Number(row.id),
      sourceId: row.source_id as string,
      title: row.title as string | null,
      outlet: row.outlet as string | null,
      url: row.canonical_url as string | null,
      published: row.published as string | null,
      snippet: row.snippet as string,
      rank: Number(row.rank),
    }));
  }

  addFeeds(
    urls: readonly string[],
    now: string,
    options: { dueNow?: boolean } = {},
  ): Promise<number> {
    return this.transaction(async (client) => {
      let added = 0;
      for (const url of urls) {
        const result = await client.query(
          `INSERT INTO feeds (url, next_poll_at, added_at) VALUES ($1, $2, $2) ON CONFLICT (url) DO NOTHING`,
          [url, now],
        );
        added += result.rowCount ?? 0;
        if (options.dueNow) {
          await client.query('UPDATE feeds SET next_poll_at = $1 WHERE url = $2', [now, url]);
        }
      }
      return added;
    });
  }

  async claimFeed(
    worker: string,
    urls: readonly string[],
    now: string,
    leaseMs: number,
  ): Promise<FeedState | undefined> {
    const result = await this.query<FeedRow>(
      `UPDATE feeds SET lease_owner = $1, lease_until = $2
       WHERE url = (SELECT url FROM feeds
         WHERE next_poll_at <= $3 AND (lease_until IS NULL OR lease_until < $3) AND url = ANY($4)
         ORDER BY next_poll_at, url LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING url, etag, last_modified, failures, next_poll_at`,
      [worker, isoAfter(now, leaseMs), now, urls],
    );
    return result.rows[0] ? toFeedState(result.rows[0]) : undefined;
  }

  async finishFeed(url: string, worker: string, result: FeedPollResult): Promise<void> {
    await this.query(
      `UPDATE feeds SET etag = $3, last_modified = $4, next_poll_at = $5, failures = $6,
         last_error = $7, last_polled_at = $8, lease_owner = NULL, lease_until = NULL
       WHERE url = $1 AND (lease_owner IS NULL OR lease_owner = $2)`,
      [
        url,
        worker,
        result.etag ?? null,
        result.lastModified ?? null,
        result.nextPollAt,
        result.failures,
        result.error ?? null,
        nowIso(),
      ],
    );
  }

  async nextFeedDue(urls: readonly string[]): Promise<string | undefined> {
    if (urls.length === 0) return undefined;
    const result = await this.query<{ due: string | null }>(
      'SELECT min(next_poll_at) AS due FROM feeds WHERE url = ANY($1)',
      [urls],
    );
    return result.rows[0]?.due ?? undefined;
  }

  async getMeta(key: string): Promise<string | undefined> {
    const result = await this.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [
      key,
    ]);
    return result.rows[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.query(
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
