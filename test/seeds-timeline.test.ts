import { describe, expect, it } from 'vitest';
import type { Article } from '../src/model/article.js';
import type { Story, TimelineEntry } from '../src/model/story.js';
import { analyzeInputs } from '../src/pipeline/analyze.js';
import { hasSeeds, SEEDS_DIRECTORY } from './shared-data.js';

/**
 * The timeline issue's acceptance on the three seed reports, read as the CLI reads them with
 * `--date 2026-01-20` (a Tuesday; the seeds carry no metadata): weekdays, bare months, month-years,
 * bare years and the weekend resolved against it; "the Oct. 7 massacre" never guessed; spans of
 * time and "now" not dated; the story timeline oldest first with the unresolved last.
 */
const FIRST = '000_3fa523ff32321f5f';
const SECOND = '001_a58c2fd0eddb5f89';
const THIRD = '002_8a3ad0553317b135';

describe.skipIf(!hasSeeds)('timeline of the seeds', async () => {
  let story: Story | undefined;
  if (hasSeeds) story = (await analyzeInputs([SEEDS_DIRECTORY], { published: '2026-01-20' })).story;
  const article = (id: string): Article => story!.article(id)!;
  const entryFor = (id: string, expression: string): TimelineEntry => {
    const found = story!.timeline.filter(
      (entry) => entry.article === id && article(id).slice(entry) === expression,
    );
    expect(found, `one entry for "${expression}" in ${id}`).toHaveLength(1);
    return found[0]!;
  };
  const dating = (entry: TimelineEntry) => ({
    date: entry.date,
    dateEnd: entry.dateEnd,
    precision: entry.precision,
  });

  it('resolves "on Tuesday" to the published Tuesday', () => {
    expect(dating(entryFor(FIRST, 'on Tuesday'))).toEqual({
      date: '2026-01-20',
      dateEnd: undefined,
      precision: 'day',
    });
  });

  it('resolves "in December" to the December before', () => {
    expect(dating(entryFor(FIRST, 'in December'))).toEqual({
      date: '2025-12',
      dateEnd: undefined,
      precision: 'month',
    });
  });

  it('reads "in October 2024" as that month', () => {
    expect(dating(entryFor(SECOND, 'in October 2024'))).toEqual({
      date: '2024-10',
      dateEnd: undefined,
      precision: 'month',
    });
  });

  it('reads the bare year "in 2011" and "the 2011 prisoner exchange"', () => {
    expect(dating(entryFor(FIRST, 'in 2011'))).toEqual({
      date: '2011',
      dateEnd: undefined,
      precision: 'year',
    });
    const exchange = entryFor(SECOND, '2011');
    expect(dating(exchange)).toEqual({ date: '2011', dateEnd: undefined, precision: 'year' });
    expect(article(SECOND).slice(exchange.event)).toMatch(/the 2011 prisoner exchange/);
  });

  it('makes "over the weekend" the Saturday and Sunday before', () => {
    expect(dating(entryFor(SECOND, 'Over the weekend'))).toEqual({
      date: '2026-01-17',
      dateEnd: '2026-01-18',
      precision: 'range',
    });
  });

  it('does not guess the year of "the Oct. 7 massacre"', () => {
    const october = entryFor(SECOND, 'Oct. 7');
    expect(october.precision).toBe('unresolved');
    expect(october.date).toBeUndefined();
    expect(october.dateEnd).toBeUndefined();
  });

  it('dates no span of time, "now" or "recent weeks"', () => {
    const undated: [string, string][] = [
      [THIRD, 'for about two months'],
      [SECOND, 'for several years'],
      [SECOND, 'at least for several years'],
      [SECOND, 'more than two years'],
      [FIRST, 'now'],
      [THIRD, 'recent weeks'],
    ];
    for (const [id, phrase] of undated) {
      const text = article(id).text;
      const pattern = new RegExp(`\\b${phrase}\\b`, 'g');
      const places = [...text.matchAll(pattern)].map((match) => match.index);
      expect(places.length, `"${phrase}" is in ${id}`).toBeGreaterThan(0);
      for (const start of places) {
        const end = start + phrase.length;
        const overlapping = story!.timeline.filter(
          (entry) => entry.article === id && entry.start < end && start < entry.end,
        );
        expect(overlapping.map((entry) => article(id).slice(entry))).toEqual([]);
      }
    }
  });

  it('gives exactly these entries, oldest first and the unresolved last', () => {
    expect(
      story!.timeline.map((entry) => [
        entry.article.slice(0, 3),
        article(entry.article).slice(entry),
        entry.date ?? null,
        entry.dateEnd ?? null,
        entry.precision,
        entry.ruleId,
      ]),
    ).toEqual([
      ['000', 'in 2011', '2011', null, 'year', 'time-words:year-after-preposition'],
      ['001', '2011', '2011', null, 'year', 'time-words:year-as-modifier'],
      ['001', 'in October 2024', '2024-10', null, 'month', 'chrono'],
      ['000', 'in December', '2025-12', null, 'month', 'time-words:bare-month'],
      ['001', 'Over the weekend', '2026-01-17', '2026-01-18', 'range', 'time-words:past-weekend'],
      ['000', 'on Tuesday', '2026-01-20', null, 'day', 'time-words:weekday'],
      ['001', 'Tuesday', '2026-01-20', null, 'day', 'time-words:weekday'],
      ['001', 'Tuesday', '2026-01-20', null, 'day', 'time-words:weekday'],
      ['001', 'Oct. 7', null, null, 'unresolved', 'time-words:month-day-as-name'],
    ]);
  });

  it('links every entry to the sentence it dates, and says what it resolved against', () => {
    for (const entry of story!.timeline) {
      const text = article(entry.article);
      expect(entry.event.article).toBe(entry.article);
      expect(entry.event.start).toBeLessThanOrEqual(entry.start);
      expect(entry.event.end).toBeGreaterThanOrEqual(entry.end);
      expect(text.layer('sentences')).toContainEqual({
        start: entry.event.start,
        end: entry.event.end,
      });
      expect(entry.reason).toContain(`'${text.slice(entry)}'`);
    }
    const tuesday = entryFor(FIRST, 'on Tuesday');
    expect(tuesday.reason).toMatch(/resolved against published 2026-01-20/);
    expect(article(FIRST).slice(tuesday.event)).toMatch(
      /^Senior leaders of the Hamas terror group/,
    );
    const said = story!.timeline.filter(
      (entry) => entry.article === SECOND && article(SECOND).slice(entry) === 'Tuesday',
    );
    expect(said.map((entry) => article(SECOND).slice(entry.event))).toEqual([
      expect.stringMatching(/according to a report published Tuesday/),
      expect.stringMatching(/^Hamas spokesperson Hazem Qassem said Tuesday/),
    ]);
  });
});
