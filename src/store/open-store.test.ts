import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../test/article-from-text.js';
import { temporaryDirectory } from '../../test/temporary-directory.js';
import type { Article } from '../model/article.js';
import type { Report, ReportClaim, ReportConflict } from '../model/report.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { canonicalUrl, ftsQuery, openStore, StoreError } from './open-store.js';

const directory = temporaryDirectory();
const example = (name: string): string =>
  readFileSync(new URL(`../../examples/harbor-strike/${name}`, import.meta.url), 'utf8');

let counter = 0;
function freshPath(): string {
  counter += 1;
  return join(directory, `nested-${counter}`, 'deeper', 'store.db');
}

function withUrl(article: Article, url: string): Article {
  return Object.assign(
    Object.create(Object.getPrototypeOf(article) as object) as Article,
    article,
    {
      metadata: { ...article.metadata, url },
    },
  );
}

describe('openStore', () => {
  it('creates the folder and migrates an empty database to the current version', () => {
    const path = freshPath();
    const store = openStore(path);
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
        'stories',
        'story_articles',
      ]),
    );
    store.close();
  });

  it('re-opens an existing store without re-running migrations or losing data', () => {
    const path = freshPath();
    const first = openStore(path);
    first.addArticle(articleFromText('a', 'The port reopened on Tuesday after talks.'));
    first.close();
    const second = openStore(path);
    expect(second.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(second.db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 1 });
    second.close();
    openStore(path).close();
  });

  it('refuses a database written by a newer schema', () => {
    const path = freshPath();
    openStore(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openStore(path)).toThrow(StoreError);
    expect(() => openStore(path)).toThrow(/newer than the \d+ this triangulate knows/);
  });
});

describe('addArticle', () => {
  it('de-duplicates by canonical URL and by normalised text', () => {
    const store = openStore(freshPath());
    const text = example('baltic-wire.txt');
    const original = withUrl(
      articleFromText('baltic', text),
      'https://Baltic-Wire.example/story/?utm_source=x#top',
    );
    const first = store.addArticle(original);
    expect(first.added).toBe(true);

    // Same page, other tracking parameters, different text (an updated copy): same URL wins.
    const sameUrl = withUrl(
      articleFromText('baltic-2', `${text}\n\nUpdate: talks resume.`),
      'https://baltic-wire.example/story?utm_medium=y',
    );
    expect(store.addArticle(sameUrl)).toEqual({ id: first.id, added: false });

    // Same text, whitespace changed, no URL: same hash.
    const respaced = articleFromText('baltic-3', text.replace(/ /g, '  ').replace(/\n/g, '\n\n'));
    expect(store.addArticle(respaced)).toEqual({ id: first.id, added: false });

    const other = store.addArticle(articleFromText('coastal', example('coastal-herald.txt')));
    expect(other.added).toBe(true);
    expect(other.id).not.toBe(first.id);
    expect(store.db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 2 });
    store.close();
  });

  it('canonicalises URLs', () => {
    expect(canonicalUrl('https://EX.example/a/?b=2&a=1&utm_campaign=z#frag')).toBe(
      'https://ex.example/a?a=1&b=2',
    );
    expect(canonicalUrl('  ')).toBeNull();
    expect(canonicalUrl('not a url')).toBe('not a url');
  });
});

describe('search', () => {
  const store = openStore(freshPath());
  store.addArticle(articleFromText('baltic', example('baltic-wire.txt'), { outlet: 'Baltic' }));
  store.addArticle(
    articleFromText('coastal', example('coastal-herald.txt'), { outlet: 'Coastal' }),
  );

  it('finds articles by words in their text, with snippets', () => {
    const hits = store.search('replacement crews', 10);
    expect(hits.length).toBe(2);
    for (const hit of hits) expect(hit.snippet).toMatch(/\[(replacement|crews)\]/i);
    expect(store.search('replacement', 1)).toHaveLength(1);
    expect(store.search('zzzunfindable')).toEqual([]);
  });

  it('treats quotes, operators and parentheses as text, never FTS syntax', () => {
    for (const query of [
      '"replacement',
      'crews" OR',
      'NOT replacement',
      'strike AND (crews',
      'col:umn*',
      '^strike',
      'NEAR(strike crews)',
      "dockworkers' strike",
    ]) {
      expect(() => store.search(query)).not.toThrow();
    }
    expect(ftsQuery('a "b" OR')).toBe('"a" """b""" "OR"');
    expect(store.search('strike AND (crews').length).toBeGreaterThan(0);
  });

  it('gives a clear error for a query with no words', () => {
    expect(() => store.search('  "()" * ')).toThrow(/has no words to look for/);
  });

  it('keeps the index in sync with the articles table', () => {
    expect(() =>
      store.db.prepare("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
    store.db.prepare("DELETE FROM articles WHERE source_id = 'coastal'").run();
    expect(store.search('replacement crews')).toHaveLength(1);
  });
});

function claim(id: string, text: string, status: ReportClaim['status'] = 'single-origin') {
  return {
    id,
    text,
    mentions: [],
    articles: ['a'],
    attributions: [],
    origins: [],
    independentOrigins: 1,
    status,
    evidence: [],
    conflicts: [],
  } satisfies ReportClaim;
}

function report(claims: ReportClaim[], conflicts: ReportConflict[] = []): Report {
  return {
    schemaVersion: '1.0.0',
    generator: { name: 'triangulate', version: 'test' },
    diagnostics: [],
    articles: [
      {
        id: 'a',
        url: 'https://a.example/1',
        language: 'en',
        text: 'Dockworkers walked out on Monday.',
        headings: [],
        sentences: [],
        removed: [],
      },
    ],
    entities: [],
    attributions: [],
    claims,
    conflicts,
    framing: [],
    labels: [],
    timeline: [],
    relations: [],
  };
}

describe('saveStory', () => {
  it('keeps first_seen of claims and conflicts whose key is unchanged', async () => {
    const store = openStore(freshPath());
    const conflict = (id: string, claims: string[]): ReportConflict => ({
      id,
      kind: 'number',
      summary: `conflict ${id}`,
      evidence: [],
      claims,
    });
    store.saveStory(
      'strike',
      report(
        [claim('c1', 'About 1,200 dockworkers walked out.'), claim('c2', 'The port is closed.')],
        [conflict('x1', ['c1', 'c2'])],
      ),
    );
    const firstSeen = (table: string) =>
      Object.fromEntries(
        store.db
          .prepare(`SELECT text, first_seen, current FROM ${table} ORDER BY text`)
          .all()
          .map((row) => {
            const r = row as { text: string; first_seen: string; current: number };
            return [r.text, [r.first_seen, r.current]];
          }),
      );
    const before = firstSeen('claims');
    const conflictBefore = store.db.prepare('SELECT first_seen FROM conflicts').get();
    await new Promise((done) => setTimeout(done, 15));

    // Re-analysed: ids renumbered, one claim re-worded only in case/punctuation, one new, one gone.
    store.saveStory(
      'strike',
      report(
        [claim('k9', 'about 1,200 dockworkers walked out'), claim('k8', 'Talks resumed.')],
        [conflict('y7', ['k9', 'k8']), conflict('y8', ['k9'])],
      ),
    );
    const after = store.db
      .prepare('SELECT text_key, report_id, first_seen, last_seen, current FROM claims')
      .all() as {
      text_key: string;
      report_id: string;
      first_seen: string;
      last_seen: string;
      current: number;
    }[];
    const kept = after.find((row) => row.report_id === 'k9');
    expect(kept?.first_seen).toBe(before['About 1,200 dockworkers walked out.']?.[0]);
    expect(kept && kept.last_seen > kept.first_seen).toBe(true);
    const added = after.find((row) => row.report_id === 'k8');
    expect(added && added.first_seen > (kept?.first_seen ?? '')).toBe(true);
    expect(after.find((row) => row.report_id === 'c2')?.current).toBe(0);
    expect(after.filter((row) => row.current === 1)).toHaveLength(2);

    // x1 (c1,c2) is not y7 (c1,k8): a new conflict; x1 is retired.
    const conflicts = store.db
      .prepare('SELECT report_id, first_seen, current FROM conflicts ORDER BY report_id')
      .all() as { report_id: string; first_seen: string; current: number }[];
    expect(conflicts.map((row) => [row.report_id, row.current])).toEqual([
      ['x1', 0],
      ['y7', 1],
      ['y8', 1],
    ]);
    expect(conflicts[0]?.first_seen).toBe((conflictBefore as { first_seen: string }).first_seen);

    // The same conflict again, renumbered: first_seen kept.
    store.saveStory(
      'strike',
      report([claim('z1', 'About 1,200 dockworkers walked out.')], [conflict('q1', ['z1'])]),
    );
    const y8 = store.db
      .prepare("SELECT report_id, first_seen FROM conflicts WHERE report_id = 'q1'")
      .get() as { first_seen: string };
    expect(y8.first_seen).toBe(conflicts[2]?.first_seen);

    expect(store.db.prepare('SELECT count(*) AS n FROM story_articles').get()).toEqual({ n: 1 });
    expect(store.db.prepare('SELECT count(*) AS n FROM articles').get()).toEqual({ n: 1 });
    store.close();
  });
});
