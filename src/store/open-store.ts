import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Article } from '../model/article.js';
import type { Report, ReportArticle } from '../model/report.js';
import { migrate, StoreError } from './migrations.js';

export { StoreError } from './migrations.js';

/** How long a writer waits for another process's lock before giving up. */
const BUSY_TIMEOUT_MS = 5_000;

export interface AddedArticle {
  /** The store's id of the article: the new row, or the one it duplicates. */
  readonly id: number;
  /** False when the article was already stored (same canonical URL or same normalised text). */
  readonly added: boolean;
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
  /** bm25 rank: lower is better. */
  readonly rank: number;
}

export interface Store {
  readonly path: string;
  addArticle(article: Article): AddedArticle;
  /** Records a story's report: its articles, claims and conflicts, in one transaction. */
  saveStory(storyId: string, report: Report): void;
  search(query: string, limit?: number): SearchHit[];
  close(): void;
  /** The underlying connection, for tests and maintenance. */
  readonly db: Database.Database;
}

interface ArticleFields {
  readonly sourceId: string;
  readonly url: string | undefined;
  readonly outlet: string | undefined;
  readonly title: string | undefined;
  readonly published: string | undefined;
  readonly text: string;
}

/** Whitespace collapsed, Unicode normalised: what two copies of one text have in common. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export function contentHash(text: string): string {
  return createHash('sha256').update(normaliseText(text), 'utf8').digest('hex');
}

const TRACKING_PARAMETER = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$/iu;

/** One URL per page: no fragment, no tracking parameters, sorted query, no trailing slash. */
export function canonicalUrl(url: string | undefined): string | null {
  const trimmed = url?.trim();
  if (!trimmed) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return trimmed;
  }
  parsed.hash = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (TRACKING_PARAMETER.test(name)) parsed.searchParams.delete(name);
  }
  parsed.searchParams.sort();
  if (parsed.pathname.length > 1 && parsed.pathname.endsWith('/')) {
    parsed.pathname = parsed.pathname.slice(0, -1);
  }
  return parsed.toString();
}

/** What identifies a claim across re-analyses: its text, case, punctuation and spacing aside. */
export function claimKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A user's query as FTS5 terms: each whitespace-separated word becomes a quoted string (inner
 * quotes doubled), so operators, parentheses and stray quotes are searched for, never parsed.
 * Words with no letter or digit are dropped; all remaining terms must match.
 */
export function ftsQuery(query: string): string {
  const terms = query
    .split(/\s+/u)
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .map((term) => `"${term.replace(/"/gu, '""')}"`);
  return terms.join(' ');
}

function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Opens (creating it and its folder when missing) the SQLite store at `path` and brings its
 * schema up to date. WAL journal, so readers do not block the writer and a killed writer loses at
 * most its open transaction; foreign keys on; waits for other writers rather than failing at once.
 */
export function openStore(path: string): Store {
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

class SqliteStore implements Store {
  private readonly statements;

  constructor(
    readonly db: Database.Database,
    readonly path: string,
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
        `INSERT INTO articles (source_id, canonical_url, content_hash, outlet, title, published, text, added_at)
         VALUES (@sourceId, @url, @hash, @outlet, @title, @published, @text, @addedAt)`,
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
      search: db.prepare<
        [string, number],
        {
          id: number;
          source_id: string;
          title: string | null;
          outlet: string | null;
          canonical_url: string | null;
          published: string | null;
          snippet: string;
          rank: number;
        }
      >(
        `SELECT a.id, a.source_id, a.title, a.outlet, a.canonical_url, a.published,
                snippet(articles_fts, -1, '[', ']', '…', 16) AS snippet, articles_fts.rank AS rank
         FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
         WHERE articles_fts MATCH ?
         ORDER BY articles_fts.rank
         LIMIT ?`,
      ),
    };
  }

  addArticle(article: Article): AddedArticle {
    const { metadata } = article;
    return this.db
      .transaction(() =>
        this.insertArticle({
          sourceId: article.id,
          url: metadata.url,
          outlet: metadata.outlet,
          title: metadata.title,
          published: metadata.published,
          text: article.text,
        }),
      )
      .immediate();
  }

  /** Inside a transaction: the existing row for this URL or text, else a new one. */
  private insertArticle(fields: ArticleFields): AddedArticle {
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
    });
    return { id: Number(result.lastInsertRowid), added: true };
  }

  saveStory(storyId: string, report: Report): void {
    const now = nowIso();
    this.db
      .transaction(() => {
        this.statements.upsertStory.run(storyId, now, now);
        this.statements.clearStoryArticles.run(storyId);
        for (const article of report.articles) {
          const { id } = this.insertArticle(reportArticleFields(article));
          this.statements.linkArticle.run(storyId, id, article.id);
        }
        const keyOfClaim = new Map<string, string>();
        this.statements.retireClaims.run(storyId);
        for (const claim of report.claims) {
          const key = claimKey(claim.text);
          keyOfClaim.set(claim.id, key);
          this.statements.upsertClaim.run({
            storyId,
            key,
            reportId: claim.id,
            text: claim.text,
            status: claim.status,
            origins: claim.independentOrigins,
            articles: JSON.stringify(claim.articles),
            now,
          });
        }
        this.statements.retireConflicts.run(storyId);
        for (const conflict of report.conflicts) {
          const claimKeys = [
            ...new Set(conflict.claims.map((id) => keyOfClaim.get(id) ?? `#${id}`)),
          ].sort();
          // Same kind between the same claims is the same conflict, whatever its summary says.
          const key = `${conflict.kind}\u0000${claimKeys.length > 0 ? claimKeys.join('\u0000') : claimKey(conflict.summary)}`;
          this.statements.upsertConflict.run({
            storyId,
            key,
            reportId: conflict.id,
            kind: conflict.kind,
            summary: conflict.summary,
            claimKeys: JSON.stringify(claimKeys),
            now,
          });
        }
      })
      .immediate();
  }

  search(query: string, limit = 20): SearchHit[] {
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
      id: row.id,
      sourceId: row.source_id,
      title: row.title,
      outlet: row.outlet,
      url: row.canonical_url,
      published: row.published,
      snippet: row.snippet,
      rank: row.rank,
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function reportArticleFields(article: ReportArticle): ArticleFields {
  return {
    sourceId: article.id,
    url: article.url,
    outlet: article.outlet,
    title: article.title,
    published: article.published,
    text: article.text,
  };
}
