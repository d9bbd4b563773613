import { describe, expect, it } from 'vitest';
import { basilGold, basilStream, eventGrouping, type BasilClusterInput } from './basil-clusters.js';

const input = (key: string, event: string, date: string): BasilClusterInput => ({
  key,
  event,
  title: `title of ${key}`,
  date,
  outlet: 'nyt',
  text: `text of ${key}`,
});

const labels = (pairs: Record<string, string>): Map<string, string> =>
  new Map(Object.entries(pairs));

describe('basilStream', () => {
  const inputs = [
    input('x_1', 'x', '2013-05-02'),
    input('x_2', 'x', '2013-05-02'),
    input('x_3', 'x', '2013-05-02'),
    input('y_1', 'y', '2013-05-01'),
    input('y_2', 'y', '2013-05-03'),
    input('z_1', 'z', ''),
  ];

  it('orders by date, undated last, and numbers the ids by position', () => {
    const stream = basilStream(inputs, 7);
    expect(stream.map((item) => item.date)).toEqual([
      '2013-05-01',
      '2013-05-02',
      '2013-05-02',
      '2013-05-02',
      '2013-05-03',
      '',
    ]);
    expect(stream.map((item) => item.id)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
    expect(stream.map((item) => item.key).sort()).toEqual(inputs.map((item) => item.key).sort());
  });

  it('deals the same stream for the same seed and shuffles within a date across seeds', () => {
    const sameDay = (seed: number): string =>
      basilStream(inputs, seed)
        .slice(1, 4)
        .map((item) => item.key)
        .join(' ');
    expect(sameDay(3)).toBe(sameDay(3));
    const orders = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(sameDay));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('keeps ids free of the file stem and event', () => {
    for (const item of basilStream(inputs)) {
      expect(item.id).not.toContain(item.key);
      expect(item.id).not.toContain(item.event);
    }
  });
});

describe('basilGold', () => {
  it('maps each stem to its event, an article without one to an event of its own', () => {
    const gold = basilGold([
      input('x_1', 'x', ''),
      input('x_2', 'x', ''),
      input('u_1', '', ''),
      input('u_2', '', ''),
    ]);
    expect(gold.get('x_1')).toBe(gold.get('x_2'));
    expect(gold.get('u_1')).not.toBe(gold.get('u_2'));
  });
});

describe('eventGrouping', () => {
  it('counts events kept whole and stories that merge events', () => {
    const gold = labels({ a: 'x', b: 'x', c: 'y', d: 'y', e: 'z', f: 'z' });
    const grouping = eventGrouping(
      gold,
      labels({ a: 's1', b: 's1', c: 's2', d: 's3', e: 's3', f: 's3' }),
    );
    expect(grouping).toEqual({
      events: 3,
      eventsKeptTogether: 2,
      splitEvents: ['y'],
      stories: 3,
      mergingStories: ['s3'],
    });
  });

  it('treats items missing from the prediction as stories of their own', () => {
    const grouping = eventGrouping(labels({ a: 'x', b: 'x' }), labels({ a: 's1' }));
    expect(grouping.eventsKeptTogether).toBe(0);
    expect(grouping.stories).toBe(2);
    expect(grouping.mergingStories).toEqual([]);
  });
});
