import { describe, expect, it } from 'vitest';
import {
  describePeriod,
  foldTitle,
  intersectPeriods,
  titleConstraints,
  withinPeriods,
  type Office,
} from './office-holders.js';

const TERM = { source: 'https://example.org/list', checked: '2026-11-23' };
const OFFICES: Office[] = [
  {
    id: 'ruritania-president',
    office: 'President of Ruritania',
    country: 'Ruritania',
    titles: ['president'],
    holders: [
      { name: 'Ana Vell', from: '2010-01-01', to: '2015-01-01', ...TERM },
      { name: 'Boris Tal', aliases: ['B. Tal'], from: '2015-01-01', to: '2020-01-01', ...TERM },
      { name: 'Ana Vell', from: '2020-01-01', ...TERM },
    ],
  },
];

describe('titleConstraints', () => {
  it('places a current title within the holder’s terms', () => {
    const [constraint] = titleConstraints('Ruritanian President', ['Boris Tal'], OFFICES);
    expect(constraint!.former).toBe(false);
    expect(constraint!.periods).toEqual([{ from: '2015-01-01', to: '2020-01-01' }]);
  });

  it('places "former" outside every term, after the first', () => {
    const [constraint] = titleConstraints('Former President', ['Ana Vell'], OFFICES);
    expect(constraint!.periods).toEqual([{ from: '2015-01-01', to: '2020-01-01' }]);
  });

  it('lets "then-" carry no constraint, and an unknown person none', () => {
    expect(titleConstraints('then-President', ['Boris Tal'], OFFICES)).toEqual([]);
    expect(titleConstraints('President', ['Someone Else'], OFFICES)).toEqual([]);
  });

  it('matches aliases and titles without dots or case', () => {
    expect(titleConstraints('PRESIDENT', ['B. Tal'], OFFICES)).toHaveLength(1);
    expect(foldTitle('U.S. Secretary of State')).toBe('us secretary of state');
  });
});

describe('periods', () => {
  it('intersects half-open periods, open-ended ones included', () => {
    expect(
      intersectPeriods(
        [{ from: '2010-01-01', to: '2015-01-01' }, { from: '2020-01-01' }],
        [{ from: '2014-06-01' }],
      ),
    ).toEqual([{ from: '2014-06-01', to: '2015-01-01' }, { from: '2020-01-01' }]);
    expect(
      intersectPeriods([{ from: '2010-01-01', to: '2012-01-01' }], [{ from: '2012-01-01' }]),
    ).toEqual([]);
  });

  it('tells whether a day is inside, the last day out excluded', () => {
    const periods = [{ from: '2021-01-26', to: '2025-01-20' }];
    expect(withinPeriods('2025-01-19', periods)).toBe(true);
    expect(withinPeriods('2025-01-20', periods)).toBe(false);
    expect(describePeriod(periods[0]!)).toBe('2021-01-26 to 2025-01-20');
    expect(describePeriod({ from: '2025-01-20' })).toBe('since 2025-01-20');
  });
});
