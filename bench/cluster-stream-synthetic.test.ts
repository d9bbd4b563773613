import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/stance/train-network.js';
import {
  DAY_MS,
  MAX_ARTICLES_PER_EVENT,
  nameVariant,
  rewriteArticle,
  syntheticStream,
  withEventNames,
  type RealEvent,
} from './cluster-stream-synthetic.js';

const article = {
  title: 'Police said Zorvana flooded',
  text: 'Police said the river Zorvana flooded the town. Officials announced an investigation. Lawmakers met on Monday. Residents were evacuated overnight.',
};

const events: RealEvent[] = withEventNames([
  {
    source: 'made-up',
    articles: [article, { title: 'Zorvana floods', text: 'The Zorvana rose.' }],
    names: [],
  },
  {
    source: 'made-up',
    articles: [{ title: 'Quake hits Belmora', text: 'A quake hit Belmora. Nobody was hurt.' }],
    names: [],
  },
  {
    source: 'made-up',
    articles: [{ title: 'Budget vote', text: 'The council passed a budget. Police praised it.' }],
    names: [],
  },
]);

describe('nameVariant', () => {
  it('changes a name past its first letter, as transliterations differ', () => {
    expect(nameVariant('Stephens')).toBe('Stefens');
    expect(nameVariant('Muhammad')).toBe('Mohammad');
    expect(nameVariant('Xyz')).toBe('Xyz');
  });
});

describe('withEventNames', () => {
  it('keeps the names few events share, so a variant never links two events', () => {
    const shared: RealEvent[] = withEventNames([
      { source: 'x', articles: [{ title: 'Trump visits', text: 'Trump met Alvaro.' }], names: [] },
      { source: 'x', articles: [{ title: 'Trump speaks', text: 'Trump spoke.' }], names: [] },
      { source: 'x', articles: [{ title: 'Trump signs', text: 'Trump signed.' }], names: [] },
    ]);
    expect(shared[0]!.names).toEqual(['Alvaro']);
    expect(shared[1]!.names).toEqual([]);
  });
});

describe('rewriteArticle', () => {
  it('keeps at least one sentence, only sentences of the original, and is reproducible', () => {
    const sentences = article.text.split(/(?<=\.)\s+/);
    for (let seed = 1; seed <= 20; seed++) {
      const rewrite = rewriteArticle(article, seededRandom(seed));
      expect(rewrite.text.length).toBeGreaterThan(0);
      expect(rewriteArticle(article, seededRandom(seed))).toEqual(rewrite);
      const normalise = (text: string): string =>
        text.replace(
          /\b(stated|said|declared|announced|probe|investigation|legislators|lawmakers|officers|police)\b/gi,
          'W',
        );
      const originals = new Set(sentences.map(normalise));
      for (const sentence of rewrite.text.split(/(?<=\.)\s+/)) {
        expect(originals.has(normalise(sentence))).toBe(true);
      }
    }
  });

  it('varies words and names across rewrites', () => {
    const rewrites = new Set<string>();
    const random = seededRandom(3);
    for (let k = 0; k < 30; k++) {
      const rewrite = rewriteArticle(article, random, ['Zorvana']);
      rewrites.add(`${rewrite.title}\n${rewrite.text}`);
    }
    expect(rewrites.size).toBeGreaterThan(10);
    expect([...rewrites].some((text) => text.includes('Zurvana') || text.includes('Zorvana'))).toBe(
      true,
    );
    expect([...rewrites].some((text) => /stated/i.test(text))).toBe(true);
  });
});

describe('syntheticStream', () => {
  const options = { articles: 60, eventsPerDay: 4, seed: 5, start: Date.UTC(2020, 0, 1) };
  const stream = [...syntheticStream(events, options)];

  it('delivers the asked number of articles in date order under positional ids', () => {
    expect(stream).toHaveLength(60);
    expect(stream.map((item) => item.id)).toEqual(stream.map((_, index) => `a${index}`));
    const times = stream.map((item) => Date.parse(item.published));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps each event within its size and three days', () => {
    const byEvent = new Map<number, number[]>();
    for (const item of stream) {
      byEvent.set(item.event, [...(byEvent.get(item.event) ?? []), Date.parse(item.published)]);
    }
    for (const times of byEvent.values()) {
      expect(times.length).toBeLessThanOrEqual(MAX_ARTICLES_PER_EVENT);
      expect(Math.max(...times) - Math.min(...times)).toBeLessThan(3 * DAY_MS);
    }
  });

  it('repeats no title and text, though three real events make twenty', () => {
    const texts = new Set(stream.map((item) => `${item.title}\n${item.text}`));
    expect(texts.size).toBe(stream.length);
  });

  it('is the same stream for the same seed', () => {
    expect([...syntheticStream(events, options)]).toEqual(stream);
  });
});
