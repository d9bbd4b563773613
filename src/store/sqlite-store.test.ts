import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../test/temporary-directory.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { defaultStoreLocation, isPostgresUrl } from './open-store.js';
import { openSqliteStore } from './sqlite-store.js';
import { StoreError } from './store-error.js';
import { canonicalUrl, ftsQuery } from './store-keys.js';

// What only the SQLite store has: its file, pragmas and migrations. Behaviour shared with
// PostgreSQL is in test/store-contract.ts.
const directory = temporaryDirectory();
let counter = 0;
function freshPath(): string {
  counter += 1;
  return join(directory, `nested-${counter}`, 'deeper', 'store.db');
}

describe('openSqliteStore', () => {
  it('creates the folder and migrates an empty database to the current version', async () => {
    const store = openSqliteStore(freshPath());
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'articles',
        'articles_fts',
        'claims',
        'conflicts',
        'feeds',
        'meta',
        'stories',
        'story_articles',
      ]),
    );
    await store.close();
  });

  it('upgrades a version-1 store in place, keeping its articles', async () => {
    const path = freshPath();
    const first = openSqliteStore(path);
    await first.close();
    // Back to version 1 by hand: a store written before story streams.
    const raw = new Database(path);
    raw.exec(`DROP TABLE feeds; DROP TABLE meta;`);
    for (const column of ['entities_json', 'feed_url', 'cluster_reason']) {
      raw.exec(`ALTER TABLE articles DROP COLUMN ${column}`);
    }
    raw.exec('DROP INDEX articles_cluster_seq; DROP INDEX articles_story;');
    raw.exec(
      'ALTER TABLE articles DROP COLUMN cluster_seq; ALTER TABLE articles DROP COLUMN story_id;',
    );
    for (const column of [
      'number',
      'title',
      'version',
      'analyzed_version',
      'analyzed_at',
      'lease_owner',
      'lease_until',
      'report_json',
    ]) {
      if (column === 'number') raw.exec('DROP INDEX stories_updated');
      raw.exec(`ALTER TABLE stories DROP COLUMN ${column}`);
    }
    raw
      .prepare(
        `INSERT INTO articles (source_id, content_hash, text, added_at) VALUES ('old', 'h', 'Old text.', 'then')`,
      )
      .run();
    raw.pragma('user_version = 1');
    raw.close();

    const upgraded = openSqliteStore(path);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect((await upgraded.search('old')).map((hit) => hit.sourceId)).toEqual(['old']);
    await upgraded.clustering(async (session) => {
      expect((await session.unassigned(5)).map((article) => article.entities)).toEqual([[]]);
    });
    await upgraded.close();
  });

  it('refuses a database written by a newer schema', async () => {
    const path = freshPath();
    await openSqliteStore(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openSqliteStore(path)).toThrow(StoreError);
    expect(() => openSqliteStore(path)).toThrow(/newer than the \d+ this triangulate knows/);
  });

  it('keeps the full-text index in sync with the articles table', async () => {
    const store = openSqliteStore(freshPath());
    await store.addArticle({ sourceId: 'a', text: 'Replacement crews arrived.' });
    await store.addArticle({ sourceId: 'b', text: 'Replacement crews left.' });
    store.db.prepare("DELETE FROM articles WHERE source_id = 'b'").run();
    expect(() =>
      store.db.prepare("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
    expect(await store.search('replacement crews')).toHaveLength(1);
    await store.close();
  });
});

describe('store keys and locations', () => {
  it('canonicalises URLs', () => {
    expect(canonicalUrl('https://EX.example/a/?b=2&a=1&utm_campaign=z#frag')).toBe(
      'https://ex.example/a?a=1&b=2',
    );
    expect(canonicalUrl('  ')).toBeNull();
    expect(canonicalUrl('not a url')).toBe('not a url');
  });

  it('quotes every query word for FTS5', () => {
    expect(ftsQuery('a "b" OR')).toBe('"a" """b""" "OR"');
  });

  it('picks the store from --db, the environment or the per-user default', () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://h/db')).toBe(true);
    expect(isPostgresUrl('./postgres.db')).toBe(false);
    expect(defaultStoreLocation({ TRIANGULATE_DB: '/x/y.db' })).toBe('/x/y.db');
    expect(defaultStoreLocation({ XDG_DATA_HOME: '/data' })).toBe(
      join('/data', 'triangulate', 'triangulate.db'),
    );
  });
});
