import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../test/article-from-text.js';
import type { Article } from '../model/article.js';
import { findDates } from './find-dates.js';

const PUBLISHED = '2026-01-20';

function datesOf(article: Article, reference?: string) {
  return findDates(article, reference).map((entry) => ({
    text: article.slice(entry),
    date: entry.date,
    dateEnd: entry.dateEnd,
    precision: entry.precision,
  }));
}

describe('findDates', () => {
  it('pins each expression to the text and links it to the sentence it dates', () => {
    const article = articleFromText(
      'a',
      'The envoy left Cairo. On Tuesday, he met the committee in Doha. It ended in 2011.',
      { published: PUBLISHED },
    );
    const entries = findDates(article);
    expect(entries.map((entry) => article.slice(entry))).toEqual(['On Tuesday', 'in 2011']);
    expect(entries.map((entry) => article.slice(entry.event))).toEqual([
      'On Tuesday, he met the committee in Doha.',
      'It ended in 2011.',
    ]);
    expect(entries[0]).toMatchObject({ article: 'a', ruleId: 'time-words:weekday' });
    expect(entries[0]!.reason).toBe(
      "'On Tuesday' resolved against published 2026-01-20: the latest Tuesday on or before it",
    );
  });

  it('resolves against a given reference before the published date', () => {
    const article = articleFromText('a', 'The talks began on Tuesday.', { published: PUBLISHED });
    expect(datesOf(article, '2026-01-09')[0]!.date).toBe('2026-01-06');
  });

  it('takes the day of a published date-time', () => {
    const article = articleFromText('a', 'The talks began on Monday.', {
      published: '2026-01-20T23:30:00.000Z',
    });
    expect(datesOf(article)[0]!.date).toBe('2026-01-19');
  });

  it('leaves relative expressions unresolved without a published date, absolute ones not', () => {
    const article = articleFromText(
      'a',
      'He left on Tuesday, last month and yesterday. He returned in October 2024 and in 2011.',
    );
    expect(datesOf(article)).toEqual([
      { text: 'on Tuesday', date: undefined, dateEnd: undefined, precision: 'unresolved' },
      { text: 'last month', date: undefined, dateEnd: undefined, precision: 'unresolved' },
      { text: 'yesterday', date: undefined, dateEnd: undefined, precision: 'unresolved' },
      { text: 'in October 2024', date: '2024-10', dateEnd: undefined, precision: 'month' },
      { text: 'in 2011', date: '2011', dateEnd: undefined, precision: 'year' },
    ]);
    expect(findDates(article)[0]!.reason).toMatch(/needs a published date/);
  });

  it('treats a published value that is no date as none', () => {
    const article = articleFromText('a', 'He left on Tuesday.', { published: 'last spring' });
    expect(datesOf(article)[0]!.precision).toBe('unresolved');
  });

  it('reads the days, months and years chrono counts from the published date', () => {
    const article = articleFromText(
      'a',
      'He spoke today, left yesterday, arrived two days ago, met last month, voted last year and will return next year.',
      { published: PUBLISHED },
    );
    expect(datesOf(article).map((entry) => [entry.text, entry.date, entry.precision])).toEqual([
      ['today', '2026-01-20', 'day'],
      ['yesterday', '2026-01-19', 'day'],
      ['two days ago', '2026-01-18', 'day'],
      ['last month', '2025-12', 'month'],
      ['last year', '2025', 'year'],
      ['next year', '2027', 'year'],
    ]);
  });

  it('joins a month to the year it is "of"', () => {
    const article = articleFromText('a', 'The talks began in January of last year.', {
      published: PUBLISHED,
    });
    expect(datesOf(article)).toEqual([
      { text: 'in January of last year', date: '2025-01', dateEnd: undefined, precision: 'month' },
    ]);
  });

  it('makes a range of two days without a year only within the published year', () => {
    const article = articleFromText(
      'a',
      'Talks ran Jan. 3 to Jan. 5 in Doha. Earlier rounds ran Dec. 28 - Jan. 2 in Cairo.',
      { published: PUBLISHED },
    );
    expect(datesOf(article)).toEqual([
      { text: 'Jan. 3 to Jan. 5', date: '2026-01-03', dateEnd: '2026-01-05', precision: 'range' },
      { text: 'Dec. 28 - Jan. 2', date: undefined, dateEnd: undefined, precision: 'unresolved' },
    ]);
  });

  it('keeps commas and possessives out of the expression', () => {
    const article = articleFromText(
      'a',
      'Tuesday, officials met. Voters in last night’s debate were split.',
      { published: PUBLISHED },
    );
    expect(datesOf(article).map((entry) => entry.text)).toEqual(['Tuesday', 'last night']);
  });

  it('reads "this morning" as the published day and drops clock times alone', () => {
    const article = articleFromText(
      'a',
      'He landed this morning and spoke at 10 a.m. for an hour.',
      {
        published: PUBLISHED,
      },
    );
    expect(datesOf(article)).toEqual([
      { text: 'this morning', date: '2026-01-20', dateEnd: undefined, precision: 'day' },
    ]);
  });

  it('reads a decade and a range of years after a preposition', () => {
    const article = articleFromText(
      'a',
      'Founded in the 1980s, it ruled from 2007 to 2017, then again in 2019-2021.',
      { published: PUBLISHED },
    );
    expect(datesOf(article)).toEqual([
      { text: 'in the 1980s', date: '1980', dateEnd: '1989', precision: 'range' },
      { text: 'from 2007 to 2017', date: '2007', dateEnd: '2017', precision: 'range' },
      { text: 'in 2019-2021', date: '2019', dateEnd: '2021', precision: 'range' },
    ]);
  });

  it('takes no number for a year outside a year’s place', () => {
    const article = articleFromText(
      'a',
      'The 2011 fighters fled. They paid $2011 for 2011.5 tonnes; 1999 votes were cast in 2016-10-03.',
      { published: PUBLISHED },
    );
    expect(datesOf(article).map((entry) => entry.text)).toEqual(['in 2016-10-03']);
  });
});
