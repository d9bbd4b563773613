/**
 * The behaviour every store must have, SQLite or PostgreSQL: one suite, run against each backend
 * by `store-sqlite.test.ts` and `store-postgres.test.ts`. Only the Store interface is used here,
 * so a backend passes by behaving, not by its tables looking a certain way.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Report, ReportClaim, ReportConflict } from '../src/model/report.js';
import type { ArticleInput, Store } from '../src/store/store.js';

const example = (name: string): string =>
  readFileSync(new URL(`../examples/harbor-strike/${name}`, import.meta.url), 'utf8');

export function claim(id: string, text: string): ReportClaim {
  return {
    id,
    text,
    mentions: [],
    articles: ['a'],
    attributions: [],
    origins: [],
    independentOrigins: 1,
    status: 'single-origin',
    evidence: [],
    conflicts: [],
  };
}

export function conflict(id: string, claims: string[]): ReportConflict {
  return { id, kind: 'number', summary: `conflict ${id}`, evidence: [], claims };
}

export function report(claims: ReportClaim[], conflicts: ReportConflict[] = []): Report {
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

/** The feeds the workers in the feed test were given; other.test's is another desk's. */
const FEEDS = ['http://a.test/rss', 'http://b.test/rss'];

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

function input(sourceId: string, text: string, extra: Partial<ArticleInput> = {}): ArticleInput {
  return { sourceId, text, ...extra };
}

export interface ContractBackend {
  readonly name: string;
  /** A new, empty store. */
  open(): Promise<Store>;
  /** A second connection to the store `open` made last (another worker). */
  openAgain(): Promise<Store>;
}

export function describeStoreContract(backend: ContractBackend): void {
  describe(`${backend.name} store contract`, () => {
    it('de-duplicates articles by canonical URL and by normalised text', async () => {
      const store = await backend.open();
      try {
        const text = example('baltic-wire.txt');
        const first = await store.addArticle(
          input('baltic', text, { url: 'https://Baltic-Wire.example/story/?utm_source=x#top' }),
        );
        expect(first.added).toBe(true);
        // Same page, other tracking parameters, updated text: the URL wins.
        expect(
          await store.addArticle(
            input('baltic-2', `${text}\n\nUpdate: talks resume.`, {
              url: 'https://baltic-wire.example/story?utm_medium=y',
            }),
          ),
        ).toEqual({ id: first.id, added: false });
        // Same text, whitespace changed, no URL: the hash wins.
        expect(
          await store.addArticle(
            input('baltic-3', text.replace(/ /g, '  ').replace(/\n/g, '\n\n')),
          ),
        ).toEqual({ id: first.id, added: false });

        // Text first seen without a URL remembers the URL it comes with later.
        const coastal = await store.addArticle(input('coastal', example('coastal-herald.txt')));
        expect(coastal.added).toBe(true);
        expect(await store.hasUrl('https://coastal.example/strike')).toBe(false);
        await store.addArticle(
          input('coastal-again', example('coastal-herald.txt'), {
            url: 'https://coastal.example/strike/',
          }),
        );
        expect(await store.hasUrl('https://coastal.example/strike?utm_source=rss')).toBe(true);
        expect(await store.hasUrl('https://baltic-wire.example/story')).toBe(true);
        expect((await store.search('dockworkers', 10)).length).toBe(2);
      } finally {
        await store.close();
      }
    });

    it('finds articles by their words, treating query syntax as text', async () => {
      const store = await backend.open();
      try {
        await store.addArticle(input('baltic', example('baltic-wire.txt'), { outlet: 'Baltic' }));
        await store.addArticle(
          input('coastal', example('coastal-herald.txt'), { outlet: 'Coastal' }),
        );
        const hits = await store.search('replacement crews', 10);
        expect(hits.map((hit) => hit.sourceId).sort()).toEqual(['baltic', 'coastal']);
        for (const hit of hits) expect(hit.snippet).toMatch(/\[(replacement|crews)\]/i);
        expect(hits[0]!.rank).toBeLessThanOrEqual(hits[1]!.rank);
        expect(await store.search('replacement', 1)).toHaveLength(1);
        expect(await store.search('zzzunfindable')).toEqual([]);
        for (const query of [
          '"replacement',
          'crews" OR',
          'NOT replacement',
          'strike AND (crews',
          'col:umn*',
          '^strike',
          'NEAR(strike crews)',
          "dockworkers' strike",
          'strike & !crews | x',
        ]) {
          await expect(store.search(query)).resolves.toBeInstanceOf(Array);
        }
        expect((await store.search('strike AND (crews')).length).toBeGreaterThan(0);
        // Accents aside: a name is found however its accents are typed.
        await store.addArticle(input('santic', 'Minister Zora Šantić met the Velmora union.'));
        for (const query of ['Santic', 'šantić', 'ŠANTIĆ velmora']) {
          expect((await store.search(query)).map((hit) => hit.sourceId)).toEqual(['santic']);
        }
        await expect(store.search('  "()" * ')).rejects.toThrow(/has no words to look for/);
      } finally {
        await store.close();
      }
    });

    it('keeps when each claim and conflict first appeared across re-analyses', async () => {
      const store = await backend.open();
      try {
        await store.saveStory(
          'strike',
          report(
            [
              claim('c1', 'About 1,200 dockworkers walked out.'),
              claim('c2', 'The port is closed.'),
            ],
            [conflict('x1', ['c1', 'c2'])],
          ),
        );
        await pause(15);
        const between = new Date().toISOString();
        await pause(15);
        // Re-analysed: ids renumbered, one claim re-worded only in case and punctuation, one new,
        // one gone; x1 (c1, c2) is not y7 (c1, k8).
        await store.saveStory(
          'strike',
          report(
            [claim('k9', 'about 1,200 dockworkers walked out'), claim('k8', 'Talks resumed.')],
            [conflict('y7', ['k9', 'k8']), conflict('y8', ['k9'])],
          ),
        );
        const story = await store.story('strike', { since: between });
        expect(story).toMatchObject({ claims: 2, newClaims: 1, conflicts: 2, newConflicts: 2 });
        expect(story?.report?.claims.map((c) => c.id)).toEqual(['k9', 'k8']);

        await pause(15);
        const later = new Date().toISOString();
        // The same conflict again, renumbered: not new.
        await store.saveStory(
          'strike',
          report([claim('z1', 'About 1,200 dockworkers walked out.')], [conflict('q1', ['z1'])]),
        );
        expect(await store.story('strike', { since: later })).toMatchObject({
          claims: 1,
          newClaims: 0,
          conflicts: 1,
          newConflicts: 0,
        });
        expect(await store.story('nope')).toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('clusters under a lock, hands out story numbers, and queues stories for analysis', async () => {
      const store = await backend.open();
      try {
        const a = await store.addArticle(
          input('a', 'Dockworkers in Port Vell walked out.', {
            outlet: 'Baltic Wire',
            published: '2026-03-10',
            entities: ['port vell'],
          }),
        );
        const b = await store.addArticle(
          input('b', 'The Port Vell strike entered its second day.', {
            outlet: 'Coastal Herald',
            published: '2026-03-11',
          }),
        );
        const c = await store.addArticle(input('c', 'Floods hit the valley towns.'));
        await store.clustering(async (session) => {
          expect((await session.unassigned(10)).map((article) => article.sourceId)).toEqual([
            'a',
            'b',
            'c',
          ]);
          expect(await session.nextStoryNumber()).toBe(1);
          await session.assign(a.id, 's1', 'new story', 'Port strike');
          expect(await session.nextStoryNumber()).toBe(2);
          await session.assign(b.id, 's1', 'joined s1', 'Port strike');
        });
        const replay = await store.clustering(async (session) => {
          expect((await session.unassigned(10)).map((article) => article.sourceId)).toEqual(['c']);
          await session.assign(c.id, 's2', 'new story', 'Floods');
          return session.assignedSince(0, 10);
        });
        expect(replay.map((row) => [row.sourceId, row.storyId])).toEqual([
          ['a', 's1'],
          ['b', 's1'],
          ['c', 's2'],
        ]);
        expect(replay[0]!.entities).toEqual(['port vell']);
        expect(replay[1]!.seq).toBeGreaterThan(replay[0]!.seq);
        const recent = await store.clustering((session) =>
          session.assignedSince(replay[0]!.seq, 1),
        );
        expect(recent.map((row) => row.sourceId)).toEqual(['c']);

        const listed = await store.listStories();
        expect(listed.map((story) => story.id).sort()).toEqual(['s1', 's2']);
        const s1 = listed.find((story) => story.id === 's1')!;
        expect(s1).toMatchObject({
          title: 'Port strike',
          articles: 2,
          outlets: ['Baltic Wire', 'Coastal Herald'],
          span: { from: '2026-03-10', to: '2026-03-11' },
          analyzedAt: null,
        });
        expect((await store.story('s1'))?.members.map((m) => [m.sourceId, m.reason])).toEqual([
          ['a', 'new story'],
          ['b', 'joined s1'],
        ]);

        // Two workers: each story goes to one of them.
        const other = await backend.openAgain();
        try {
          const first = await store.claimStory('w1', 60_000);
          const second = await other.claimStory('w2', 60_000);
          expect(first && second && first.id !== second.id).toBe(true);
          expect(await store.claimStory('w1', 60_000)).toBeUndefined();
          const s1Claim = first!.id === 's1' ? first! : second!;
          expect(s1Claim.articles.map((article) => article.sourceId)).toEqual(['a', 'b']);
          // Given back unanalysed: claimable again.
          const s2Owner = first!.id === 's2' ? 'w1' : 'w2';
          await store.releaseStory('s2', s2Owner);
          expect((await other.claimStory('w2', 60_000))?.id).toBe('s2');

          // An article arriving during the analysis keeps the story queued after the save.
          const d = await store.addArticle(input('d', 'Port Vell talks resumed.'));
          await store.clustering((session) => session.assign(d.id, 's1', 'joined s1', ''));
          await store.saveStory(
            's1',
            report([claim('k1', 'Dockworkers walked out.')]),
            s1Claim.version,
            new Map([['a', a.id]]),
          );
          const again = await other.claimStory('w2', 60_000);
          expect(again?.id).toBe('s1');
          expect(again?.articles).toHaveLength(3);
          await other.saveStory(
            's1',
            report([claim('k1', 'Dockworkers walked out.')]),
            again!.version,
          );
          expect(await store.claimStory('w1', 60_000)).toBeUndefined();
          expect((await store.story('s1'))?.analyzedAt).not.toBeNull();
        } finally {
          await other.close();
        }
      } finally {
        await store.close();
      }
    });

    it('lets another worker take a story whose lease ran out', async () => {
      const store = await backend.open();
      try {
        const a = await store.addArticle(input('a', 'A lone report.'));
        await store.clustering((session) => session.assign(a.id, 's1', 'new story', 'Lone'));
        expect((await store.claimStory('w1', 1))?.id).toBe('s1');
        await pause(10);
        expect((await store.claimStory('w2', 60_000))?.id).toBe('s1');
      } finally {
        await store.close();
      }
    });

    it('hands out due feeds one worker at a time and remembers validators', async () => {
      const store = await backend.open();
      const other = await backend.openAgain();
      try {
        const now = '2026-03-10T10:00:00.000Z';
        expect(await store.addFeeds(['http://a.test/rss', 'http://b.test/rss'], now)).toBe(2);
        expect(await store.addFeeds(['http://a.test/rss', 'http://other.test/rss'], now)).toBe(1);
        const first = await store.claimFeed('w1', FEEDS, now, 60_000);
        const second = await other.claimFeed('w2', FEEDS, now, 60_000);
        expect([first?.url, second?.url].sort()).toEqual([
          'http://a.test/rss',
          'http://b.test/rss',
        ]);
        expect(await store.claimFeed('w1', FEEDS, now, 60_000)).toBeUndefined();
        await store.finishFeed(first!.url, 'w1', {
          etag: '"v1"',
          lastModified: 'Tue, 10 Mar 2026 09:00:00 GMT',
          nextPollAt: '2026-03-10T10:05:00.000Z',
          failures: 0,
        });
        await other.finishFeed(second!.url, 'w2', {
          nextPollAt: '2026-03-10T10:20:00.000Z',
          failures: 1,
          error: 'HTTP 500',
        });
        expect(await store.nextFeedDue(['http://a.test/rss', 'http://b.test/rss'])).toBe(
          '2026-03-10T10:05:00.000Z',
        );
        expect(
          await store.claimFeed('w1', FEEDS, '2026-03-10T10:01:00.000Z', 60_000),
        ).toBeUndefined();
        const due = await store.claimFeed('w1', FEEDS, '2026-03-10T10:06:00.000Z', 60_000);
        expect(due).toMatchObject({
          url: first!.url,
          etag: '"v1"',
          lastModified: 'Tue, 10 Mar 2026 09:00:00 GMT',
          failures: 0,
        });
        // --once makes known feeds due now, keeping their validators.
        await store.finishFeed(due!.url, 'w1', { ...due!, nextPollAt: '2026-03-10T11:00:00.000Z' });
        expect(await store.addFeeds(FEEDS, '2026-03-10T10:07:00.000Z', { dueNow: true })).toBe(0);
        expect(await store.nextFeedDue(FEEDS)).toBe('2026-03-10T10:07:00.000Z');
        expect(
          await store.claimFeed('w1', FEEDS, '2026-03-10T10:07:00.000Z', 60_000),
        ).toMatchObject({ etag: '"v1"' });
      } finally {
        await other.close();
        await store.close();
      }
    });

    it('stores settings and refuses work once closed', async () => {
      const store = await backend.open();
      expect(await store.getMeta('last-look')).toBeUndefined();
      await store.setMeta('last-look', '2026-03-10T10:00:00.000Z');
      await store.setMeta('last-look', '2026-03-11T10:00:00.000Z');
      expect(await store.getMeta('last-look')).toBe('2026-03-11T10:00:00.000Z');
      await store.close();
      await store.close();
      await expect(store.search('strike')).rejects.toThrow(/closed/);
    });

    it('stores an article once when two workers add it at the same time', async () => {
      const store = await backend.open();
      const other = await backend.openAgain();
      try {
        const text = example('baltic-wire.txt') + '\n\nRace copy.';
        const results = await Promise.all([
          store.addArticle(input('x', text, { url: 'https://h.example/1' })),
          other.addArticle(input('y', text, { url: 'https://h.example/1?utm_source=a' })),
        ]);
        expect(results.filter((result) => result.added)).toHaveLength(1);
        expect(results[0]!.id).toBe(results[1]!.id);
      } finally {
        await other.close();
        await store.close();
      }
    });
  });
}
