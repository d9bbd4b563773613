import type Database from 'better-sqlite3';
import { StoreError } from './store-error.js';

export { StoreError } from './store-error.js';

/**
 * The store's schema, as an ordered list of steps. Step N (1-based) takes a database at
 * `PRAGMA user_version` N-1 to N. Steps are append-only: never edit one that has shipped, add a
 * new one instead. Each step runs in its own transaction together with the version bump.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'articles, stories, claims and conflicts with history, full-text index',
    sql: `
      CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL,
        canonical_url TEXT UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        outlet TEXT,
        title TEXT,
        published TEXT,
        text TEXT NOT NULL,
        added_at TEXT NOT NULL
      );
      CREATE INDEX articles_source_id ON articles (source_id);

      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        report_article_id TEXT NOT NULL,
        PRIMARY KEY (story_id, article_id)
      );
      CREATE INDEX story_articles_article ON story_articles (article_id);

      -- One row per claim ever seen in a story, keyed by its normalised text: a re-analysis
      -- updates it in place (keeping first_seen); claims gone from the latest report stay with
      -- current = 0.
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

      CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, text,
        content = 'articles', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
          VALUES ('delete', old.id, old.title, old.text);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
          VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
    `,
  },
  {
    version: 2,
    description:
      'story streams: clustering assignments, names, stories to re-analyse with leases, saved reports, feeds, settings',
    sql: `
      ALTER TABLE articles ADD COLUMN entities_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE articles ADD COLUMN feed_url TEXT;
      -- The story clustering put it in (NULL: not yet clustered), in assignment order.
      ALTER TABLE articles ADD COLUMN story_id TEXT REFERENCES stories (id) ON DELETE SET NULL;
      ALTER TABLE articles ADD COLUMN cluster_seq INTEGER;
      ALTER TABLE articles ADD COLUMN cluster_reason TEXT;
      CREATE UNIQUE INDEX articles_cluster_seq ON articles (cluster_seq);
      CREATE INDEX articles_story ON articles (story_id);

      ALTER TABLE stories ADD COLUMN number INTEGER;
      ALTER TABLE stories ADD COLUMN title TEXT NOT NULL DEFAULT '';
      -- version counts articles assigned; the story waits for analysis while it is above
      -- analyzed_version. A worker leases it until lease_until.
      ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE stories ADD COLUMN analyzed_version INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE stories ADD COLUMN analyzed_at TEXT;
      ALTER TABLE stories ADD COLUMN lease_owner TEXT;
      ALTER TABLE stories ADD COLUMN lease_until TEXT;
      ALTER TABLE stories ADD COLUMN report_json TEXT;
      CREATE INDEX stories_updated ON stories (updated_at);

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
  },
];

/** The schema version this build of triangulate writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database up to {@link SCHEMA_VERSION}; returns the version it found. A database
 * written by a newer triangulate is refused rather than guessed at.
 */
export function migrate(
  db: Database.Database,
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > migrations.length) {
    throw new StoreError(
      'newer-schema',
      `store ${path} has schema version ${found}, newer than the ${migrations.length} this triangulate knows; upgrade triangulate to open it`,
    );
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration ${index} is numbered ${migration.version}, expected ${index + 1}`);
    }
  });
  for (const migration of migrations.slice(found)) {
    // IMMEDIATE: take the write lock first, so two processes opening a fresh store at once
    // cannot both run the same step; the second re-checks the version under the lock.
    db.transaction(() => {
      const now = db.pragma('user_version', { simple: true }) as number;
      if (now >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return found;
}
