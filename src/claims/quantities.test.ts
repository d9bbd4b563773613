import { describe, expect, it } from 'vitest';
import { datesOf, quantitiesDisagree, quantitiesOf } from './quantities.js';

describe('quantities', () => {
  it('reads counts with their noun and bounds', () => {
    const [ships] = quantitiesOf('More than 40 cargo ships are waiting');
    expect(ships).toMatchObject({ value: 40, low: 40, high: Infinity, unit: 'cargo' });
    const [euros] = quantitiesOf('lost about 20 million euros in fees');
    expect(euros).toMatchObject({ value: 20e6, unit: 'euro' });
    expect(euros!.low).toBeCloseTo(17e6);
    expect(quantitiesOf('a three-week strike')[0]).toMatchObject({ value: 3, unit: 'week' });
  });

  it('gives offsets of the number and its noun', () => {
    const text = 'Vasko said 43 vessels were waiting';
    const [vessels] = quantitiesOf(text, 100);
    expect(text.slice(vessels!.start - 100, vessels!.end - 100)).toBe('43 vessels');
  });

  it('agrees on compatible figures and disagrees on incompatible ones', () => {
    const [a] = quantitiesOf('more than 30 million euros');
    const [b] = quantitiesOf('about 20 million euros');
    const [c] = quantitiesOf('35 million euros');
    expect(quantitiesDisagree(a!, b!)).toBe(true);
    expect(quantitiesDisagree(a!, c!)).toBe(false);
    const [ships] = quantitiesOf('43 ships');
    const [crews] = quantitiesOf('20 crews');
    expect(quantitiesDisagree(ships!, crews!)).toBe(false);
  });

  it('leaves years to the date rules', () => {
    expect(quantitiesOf('in 2011 prisoners were released')).toEqual([]);
    expect(
      datesOf('released in 2011, on Tuesday, in May and Oct. 7').map((date) => date.value),
    ).toEqual(['2011', 'tuesday', 'may', 'october']);
    expect(datesOf('officials may leave')).toEqual([]);
  });
});
