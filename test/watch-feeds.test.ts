/**
 * `watch` against feeds served from 127.0.0.1: a feed that gains an item between polls and
 * answers 304 to a matching ETag, a feed that is slow, one that fails with HTTP 500 and one
 * that is not XML. Each poll must store exactly the items not seen before.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { watchFeeds, type WatchOptions } from '../src/stream/watch-feeds.js';
import { rss, type Item } from './feed-fixtures.js';
import { httpFixtureServer } from './http-fixture-server.js';
import { runCliCaptured } from './run-cli-captured.js';
import { temporaryDirectory } from './temporary-directory.js';

const directory = temporaryDirectory();
const example = (name: string): string =>
  readFileSync(new URL(`../examples/harbor-strike/${name}`, import.meta.url), 'utf8');

/** The body of an example file without its headline and dek (the feed gives the title). */
function body(name: string): string {
  return example(name).split('\n').slice(2).join('\n');
}

const HARBOR_1: Item = {
  guid: 'https://baltic-wire.example/strike-1?utm_source=rss',
  title: 'Velmora port readies replacement crews as dockworkers’ strike enters fourth week',
  text: body('baltic-wire.txt'),
  date: 'Tue, 10 Mar 2026 08:00:00 GMT',
};
const HARBOR_2: Item = {
  guid: 'https://coastal-herald.example/strike-2',
  title: 'Velmora port authority preparing replacement crews to break dockworkers’ strike',
  text: body('coastal-herald.txt'),
  date: 'Tue, 10 Mar 2026 11:00:00 GMT',
};
const HARBOR_3: Item = {
  guid: 'https://baltic-wire.example/strike-3',
  title: 'Velmora dockworkers vote to continue strike as port authority lines up replacement crews',
  text: 'Striking dockworkers at Velmora voted on Wednesday to continue their walkout after the Velmora Port Authority confirmed it had drawn up lists of replacement crews. The dockworkers union said the strike, now in its fourth week, would go on until the authority withdrew the plan. Cranes and berths at the Velmora harbor stood idle for a twenty-third day.',
  date: 'Wed, 11 Mar 2026 09:00:00 GMT',
};
const FLOOD: Item = {
  guid: 'https://valley-post.example/floods',
  title: 'Floods cut off three villages in the Tarn valley after record rain',
  text: 'Floodwater cut off three villages in the Tarn valley on Tuesday after two days of record rain, the regional fire service said. Rescuers used boats to reach residents stranded in Saint-Aubin, where the river rose four metres overnight. Schools in the valley will stay closed until Friday.',
  date: 'Tue, 10 Mar 2026 09:30:00 GMT',
};

/** What the fixture server saw, and what it will serve next. */
const state = {
  harborItems: [HARBOR_1, HARBOR_2] as Item[],
  requests: [] as { path: string; ifNoneMatch: string | undefined }[],
};

function serveFeed(body: () => string, delayMs = 0) {
  return (request: IncomingMessage, response: ServerResponse) => {
    state.requests.push({
      path: request.url ?? '',
      ifNoneMatch: request.headers['if-none-match'],
    });
    const text = body();
    const etag = `"${Buffer.from(text).length}-${text.length % 97}"`;
    setTimeout(() => {
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
      response.end(text);
    }, delayMs);
  };
}

const server = httpFixtureServer({
  '/harbor.xml': serveFeed(() => rss('Harbor Desk', state.harborItems)),
  '/slow.xml': serveFeed(() => rss('Valley Post', [FLOOD]), 700),
  '/broken.xml': (request, response) => {
    state.requests.push({ path: request.url ?? '', ifNoneMatch: undefined });
    response.writeHead(500, { 'content-type': 'text/plain' });
    response.end('internal error');
  },
  '/garbled.xml': (request, response) => {
    state.requests.push({ path: request.url ?? '', ifNoneMatch: undefined });
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.end('<rss><channel><item><title>cut off');
  },
});

function options(
  feeds: string[],
  overrides: Partial<WatchOptions> = {},
): WatchOptions & {
  lines: string[];
} {
  const lines: string[] = [];
  return {
    feeds,
    intervalMs: 60_000,
    worker: 'test-worker',
    follow: false,
    fetch: { timeoutMs: 5_000, maxBytes: 1024 * 1024, maxRedirects: 2 },
    hostDelayMs: 0,
    concurrency: 4,
    once: true,
    attributionModel: 'fast',
    log: (line) => lines.push(line),
    lines,
    ...overrides,
  };
}

describe('watchFeeds', () => {
  it('stores exactly the new items of each poll; a broken or slow feed does not stop the others', async () => {
    const store = openSqliteStore(join(directory, 'watch.db'));
    const feeds = ['/harbor.xml', '/slow.xml', '/broken.xml', '/garbled.xml'].map(
      (path) => server.baseUrl() + path,
    );
    try {
      const first = options(feeds);
      const [round1] = await watchFeeds(store, first);
      const outcome = (path: string) => round1!.feeds.find((feed) => feed.url.endsWith(path));
      expect(outcome('/harbor.xml')).toMatchObject({ status: 'new', added: 2 });
      expect(outcome('/slow.xml')).toMatchObject({ status: 'new', added: 1 });
      expect(outcome('/broken.xml')).toMatchObject({
        status: 'failed',
        error: 'HTTP 500 Internal Server Error',
      });
      expect(outcome('/garbled.xml')?.status).toBe('failed');
      expect(first.lines.filter((line) => line.startsWith('+ '))).toHaveLength(3);
      expect(first.lines.some((line) => /^! .*broken\.xml: HTTP 500/.test(line))).toBe(true);

      // Two stories: the harbor strike (two outlets) and the floods; both analysed.
      let stories = await store.listStories();
      const harbor = stories.find((story) => story.articles === 2);
      expect(harbor?.outlets).toEqual(['Harbor Desk']);
      expect(stories).toHaveLength(2);
      expect(stories.every((story) => story.analyzedAt !== null)).toBe(true);
      expect(round1!.refreshed).toHaveLength(2);
      expect(harbor!.claims).toBeGreaterThan(0);

      // Between polls the harbor feed gains an item.
      state.harborItems = [HARBOR_3, HARBOR_1, HARBOR_2];
      state.requests.length = 0;
      const second = options(feeds);
      const [round2] = await watchFeeds(store, second);
      const again = (path: string) => round2!.feeds.find((feed) => feed.url.endsWith(path));
      expect(again('/harbor.xml')).toMatchObject({ status: 'new', added: 1, known: 2 });
      // The slow feed did not change: the ETag it gave was sent back and answered 304.
      expect(again('/slow.xml')).toMatchObject({ status: 'unchanged', added: 0 });
      expect(state.requests.find((request) => request.path === '/slow.xml')?.ifNoneMatch).toMatch(
        /^"/,
      );
      expect(second.lines.filter((line) => line.startsWith('+ '))).toEqual([
        expect.stringContaining('vote to continue strike'),
      ]);
      stories = await store.listStories();
      expect(stories).toHaveLength(2);
      const grown = await store.story(harbor!.id);
      expect(grown?.articles).toBe(3);
      expect(grown?.members.at(-1)?.reason).toMatch(/^joined /);
      expect(round2!.refreshed.map((story) => story.id)).toEqual([harbor!.id]);

      // A third poll with nothing new stores nothing and analyses nothing.
      const [round3] = await watchFeeds(store, options(feeds));
      expect(round3!.added).toBe(0);
      expect(round3!.refreshed).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('keeps polling round after round until stopped, then returns', async () => {
    const store = openSqliteStore(join(directory, 'loop.db'));
    const stop = new AbortController();
    const run = options([server.baseUrl() + '/slow.xml'], {
      once: false,
      intervalMs: 100,
      signal: stop.signal,
      log: (line) => {
        run.lines.push(line);
        if (line.startsWith('round 2:')) stop.abort();
      },
    });
    try {
      const rounds = await watchFeeds(store, run);
      expect(rounds.length).toBe(2);
      expect(rounds[0]!.added).toBe(1);
      expect(rounds[1]!.feeds[0]?.status).toBe('unchanged');
      expect(run.lines[0]).toMatch(/^\+ Floods cut off/);
    } finally {
      await store.close();
    }
  }, 30_000);
});

describe('watch, stories, story and search commands', () => {
  it('fill the store from a feed and read it back', async () => {
    const db = join(directory, 'cli.db');
    const feed = server.baseUrl() + '/slow.xml';
    const watched = await runCliCaptured([
      'watch',
      feed,
      '--once',
      '--db',
      db,
      '--attribution-model',
      'fast',
      '--host-delay',
      '0s',
    ]);
    expect(watched.stderr).toMatch(/watching 1 feed once; store /);
    expect(watched.stderr).toMatch(/\+ Floods cut off three villages/);
    expect(watched.code).toBe(0);

    const listed = await runCliCaptured(['stories', '--db', db, '--format', 'json']);
    const { stories } = JSON.parse(listed.stdout) as {
      stories: { id: string; articles: number }[];
    };
    expect(stories).toEqual([expect.objectContaining({ articles: 1 })]);
    // The look was recorded: nothing is new since.
    const lookAgain = await runCliCaptured(['stories', '--db', db]);
    expect(lookAgain.stdout).toMatch(/^0 stories touched since .* \(your last look\)/);

    const shown = await runCliCaptured(['story', stories[0]!.id, '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Floods cut off/);
    expect(shown.stdout).toMatch(/why each joined:\n {6}\S+: new story/);
    const html = await runCliCaptured(['story', stories[0]!.id, '--db', db, '--format', 'html']);
    expect(html.stdout).toMatch(/^<!doctype html>/i);

    const found = await runCliCaptured(['search', 'Saint-Aubin', 'boats', '--db', db]);
    expect(found.stdout).toMatch(/Floods cut off .*\n.*\n.*\[boats\]/);

    const missing = await runCliCaptured(['story', 's999', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^triangulate: no story s999 in /);
  }, 60_000);

  it('refuse bad feeds, durations and stores with one line', async () => {
    const noFeed = await runCliCaptured([
      'watch',
      join(directory, 'nope.opml'),
      '--db',
      join(directory, 'x.db'),
    ]);
    expect(noFeed.code).toBe(2);
    expect(noFeed.stderr).toMatch(/nope\.opml: no such file/);
    const badInterval = await runCliCaptured([
      'watch',
      'https://a.example/rss',
      '--interval',
      'soon',
    ]);
    expect(badInterval.code).toBe(2);
    expect(badInterval.stderr).toMatch(/"soon" is not a duration/);
    const notAStore = join(directory, 'not-a-store.db');
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(notAStore, 'plain text, not SQLite'.repeat(100)),
    );
    const bad = await runCliCaptured(['stories', '--db', notAStore]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/not-a-store\.db/);
    const absent = await runCliCaptured(['search', 'x', '--db', join(directory, 'typo.db')]);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toMatch(
      /^triangulate: no store at .*typo\.db \(`triangulate watch` creates one/,
    );
    const since = await runCliCaptured([
      'stories',
      '--since',
      'yesterday-ish',
      '--db',
      join(directory, 'cli.db'),
    ]);
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/--since yesterday-ish: not a duration/);
  });
});
