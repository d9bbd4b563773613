import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../test/article-from-text.js';
import { Story, type SharedText } from '../model/story.js';
import { findStaleness, STALE_AFTER_DAYS } from './find-staleness.js';

const TEXT = 'The port reopened on Friday after a two-day walkout. Crews returned to the cranes.';

function storyOf(dates: Record<string, string | undefined>, copies: SharedText[] = []): Story {
  const story = new Story(
    Object.entries(dates).map(([id, published]) =>
      articleFromText(id, TEXT, published ? { published } : {}),
    ),
  );
  story.copies = copies;
  return story;
}

const copy = (a: string, b: string): SharedText => ({
  a,
  b,
  shared: 40,
  share: 0.9,
  spanA: { start: 0, end: 52 },
  spanB: { start: 0, end: 52 },
});

describe('findStaleness', () => {
  it(`flags a report dated more than ${STALE_AFTER_DAYS} days before the newest`, () => {
    const conflicts = findStaleness(
      storyOf({ a: '2026-03-10', b: '2026-03-09', old: '2025-06-14' }),
    );
    expect(conflicts.map((conflict) => [conflict.kind, conflict.ruleId])).toEqual([
      ['stale', 'date-before-others'],
    ]);
    expect(conflicts[0]!.summary).toMatch(/^old is dated 2025-06-14, 269 days before/);
    expect(conflicts[0]!.evidence[0]!.article).toBe('old');
  });

  it('leaves reports a few days apart, and undated ones, alone', () => {
    expect(findStaleness(storyOf({ a: '2026-03-10', b: '2026-03-01', c: undefined }))).toEqual([]);
  });

  it('calls a copy published on another day recycled, and a same-day copy syndication', () => {
    const recycled = findStaleness(storyOf({ a: '2026-03-10', b: '2026-03-04' }, [copy('a', 'b')]));
    expect(recycled.map((conflict) => conflict.kind)).toEqual(['recycled']);
    expect(recycled[0]!.summary).toMatch(
      /^a shares 90% of its text with b, published 6 days apart/,
    );
    expect(recycled[0]!.evidence.map((span) => span.article)).toEqual(['a', 'b']);
    expect(findStaleness(storyOf({ a: '2026-03-10', b: '2026-03-10' }, [copy('a', 'b')]))).toEqual(
      [],
    );
    const undated = findStaleness(storyOf({ a: '2026-03-10', b: undefined }, [copy('a', 'b')]));
    expect(undated[0]!.summary).toMatch(/undated/);
  });

  it('gives an article stale by its titles no second, date-based stale finding', () => {
    const old = articleFromText('old', 'U.S. Secretary of State Antony Blinken met the envoys.', {
      published: '2024-06-01',
    });
    const today = articleFromText('today', 'U.S. President Donald Trump met the envoys.', {
      published: '2026-01-20',
    });
    const story = new Story([old, today]);
    const titleOf = (article: typeof old, name: string, title: string) => {
      const start = article.text.indexOf(title);
      const at = article.text.indexOf(name);
      story.entities.push({
        id: name,
        name,
        type: 'person',
        aliases: [],
        roles: [title],
        mentions: [{ article: article.id, start: at, end: at + name.length, ruleId: 'test' }],
      });
      story.labels.push({
        entity: name,
        article: article.id,
        label: title.toLowerCase(),
        span: { article: article.id, start, end: start + title.length },
        how: 'title',
      });
    };
    titleOf(old, 'Antony Blinken', 'U.S. Secretary of State');
    titleOf(today, 'Donald Trump', 'U.S. President');
    const stale = findStaleness(story).filter((conflict) => conflict.kind === 'stale');
    expect(stale.map((conflict) => conflict.ruleId)).toEqual(['titles-vs-other-reports']);
    expect(stale[0]!.summary).toMatch(/^old's titles/);
  });

  it('numbers its conflicts after the ones already in the story', () => {
    const story = storyOf({ a: '2026-03-10', old: '2025-01-01' });
    story.conflicts.push({
      id: 'x1',
      kind: 'denial',
      summary: '',
      evidence: [],
      claims: [],
      ruleId: 'test',
      reason: 'test',
    });
    expect(findStaleness(story).map((conflict) => conflict.id)).toEqual(['x2']);
  });
});
