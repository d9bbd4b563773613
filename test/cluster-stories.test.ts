import { describe, expect, it } from 'vitest';
import { StoryClusterer } from '../src/cluster/cluster-stream.js';
import { analyzeInputs } from '../src/pipeline/analyze.js';
import { EXAMPLE_DIRECTORY, hasSeeds, SEEDS_DIRECTORY } from './shared-data.js';

/** Stories as the clusterer forms them from a run's articles, in input order. */
async function storiesOf(inputs: string[], published?: string): Promise<string[][]> {
  const analysis = await analyzeInputs(inputs, {
    attributionModel: 'fast',
    ...(published ? { published } : {}),
  });
  const clusterer = new StoryClusterer();
  for (const article of analysis.articles) {
    clusterer.add({
      id: article.id,
      text: article.text,
      ...(article.metadata.title ? { title: article.metadata.title } : {}),
      ...(article.metadata.published ? { published: article.metadata.published } : {}),
    });
  }
  return clusterer.stories().map((story) => [...story.articles]);
}

describe('story clustering on real and bundled reports', () => {
  it.skipIf(!hasSeeds)(
    'groups the seeds as two stories: the first two together, the third apart',
    async () => {
      expect(await storiesOf([SEEDS_DIRECTORY], '2026-01-20')).toEqual([
        ['000_3fa523ff32321f5f', '001_a58c2fd0eddb5f89'],
        ['002_8a3ad0553317b135'],
      ]);
    },
  );

  it('keeps the 2025 walkout apart from the 2026 strike in the example', async () => {
    expect(await storiesOf([EXAMPLE_DIRECTORY])).toEqual([
      ['baltic-wire', 'coastal-herald'],
      ['velmora-daily'],
    ]);
  });
});
