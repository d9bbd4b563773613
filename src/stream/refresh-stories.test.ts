import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from '../../test/temporary-directory.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { refreshStories, storyDocuments } from './refresh-stories.js';

const directory = temporaryDirectory();

async function storeWithStories(path: string, count: number): Promise<Store> {
  const store = openSqliteStore(path);
  for (let n = 1; n <= count; n++) {
    const { id } = await store.addArticle({
      sourceId: `a${n}`,
      outlet: 'Harbor Desk',
      text: `Dockworkers in port ${n} walked out on Monday, the union said. Talks are set for Friday.`,
    });
    await store.clustering((session) => session.assign(id, `s${n}`, 'new story', `Port ${n}`));
  }
  return store;
}

describe('refreshStories', () => {
  it('analyses every queued story and saves its report', async () => {
    const store = await storeWithStories(join(directory, 'ok.db'), 2);
    try {
      const done = await refreshStories(store, { worker: 'w', attributionModel: 'fast' });
      expect(done.map((story) => story.id).sort()).toEqual(['s1', 's2']);
      expect((await store.story('s1'))?.report?.articles.map((article) => article.id)).toEqual([
        'a1',
      ]);
      expect(await refreshStories(store, { worker: 'w', attributionModel: 'fast' })).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('reports a story that fails, keeps it leased, and goes on with the others', async () => {
    const store = await storeWithStories(join(directory, 'failing.db'), 2);
    const failing: Store = Object.create(store) as Store;
    let failed = 0;
    failing.saveStory = async (...args) => {
      if (args[0] === 's1') throw new Error('disk on fire');
      return store.saveStory(...args);
    };
    failing.claimStory = (...args) => store.claimStory(...args);
    try {
      const errors: string[] = [];
      const done = await refreshStories(failing, {
        worker: 'w',
        attributionModel: 'fast',
        onError: (id, error) => {
          failed++;
          errors.push(`${id}: ${(error as Error).message}`);
        },
      });
      expect(errors).toEqual(['s1: disk on fire']);
      expect(failed).toBe(1);
      expect(done.map((story) => story.id)).toEqual(['s2']);
      // Still leased: not taken again until the lease runs out.
      expect(await store.claimStory('other', 60_000)).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('gives stored articles ids unique within the story', () => {
    const article = (id: number, sourceId: string) => ({
      id,
      sourceId,
      url: null,
      outlet: null,
      title: null,
      published: null,
      text: 'Text.',
      entities: [],
    });
    const { documents, articleIds } = storyDocuments([
      article(7, 'feed item/1'),
      article(9, 'feed item/1'),
      article(11, '***'),
    ]);
    expect(documents.map((document) => document.metadata.id)).toEqual([
      'feed-item-1',
      'feed-item-1-2',
      'article',
    ]);
    expect([...articleIds]).toEqual([
      ['feed-item-1', 7],
      ['feed-item-1-2', 9],
      ['article', 11],
    ]);
  });
});
