import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../test/article-from-text.js';
import { Story } from '../model/story.js';
import { buildTimeline } from './build-timeline.js';

describe('buildTimeline', () => {
  const first = articleFromText(
    'first',
    'On Tuesday the envoy met Hamas. He had visited in December. The Oct. 7 attack changed it. In 2011 it began.',
    { published: '2026-01-20' },
  );
  const second = articleFromText(
    'second',
    'Over the weekend, talks stalled. The committee met on Jan. 1 and again on Thursday. The 2011 deal held. The Jan. 6 riot was cited.',
    { published: '2026-01-20' },
  );
  const timeline = buildTimeline(new Story([first, second]));
  const rows = timeline.map((entry) => [
    entry.article,
    (entry.article === 'first' ? first : second).slice(entry),
    entry.date ?? null,
  ]);

  it("merges the articles' entries oldest first, unresolved last in article order", () => {
    expect(rows).toEqual([
      ['first', 'In 2011', '2011'],
      ['second', '2011', '2011'],
      ['first', 'in December', '2025-12'],
      ['second', 'on Jan. 1', '2026-01-01'],
      ['second', 'on Thursday', '2026-01-15'],
      ['second', 'Over the weekend', '2026-01-17'],
      ['first', 'On Tuesday', '2026-01-20'],
      ['first', 'Oct. 7', null],
      ['second', 'Jan. 6', null],
    ]);
  });

  it('sorts a coarser date at the start of its period, before the days in it', () => {
    const article = articleFromText(
      'a',
      'It began on Jan. 1, 2025, in January 2025 and in 2025.',
      {},
    );
    const dates = buildTimeline(new Story([article])).map((entry) => entry.date);
    expect(dates).toEqual(['2025', '2025-01', '2025-01-01']);
  });

  it('is the same however often it is built', () => {
    expect(buildTimeline(new Story([first, second]))).toEqual(timeline);
  });
});
