import { describe, expect, it } from 'vitest';
import { officeHolders } from '../src/timeline/office-holders.js';

// The office-holder table is data a reader must be able to trust: every row has a source and a
// review date, terms are real days in order, and one office never has two holders at once.
describe('office-holder table', () => {
  const offices = officeHolders();
  const isDay = (value: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

  it('has unique office ids with titles', () => {
    expect(new Set(offices.map((office) => office.id)).size).toBe(offices.length);
    for (const office of offices) expect(office.titles.length, office.id).toBeGreaterThan(0);
  });

  for (const office of offices) {
    it(`${office.id}: every term has a source, a checked date and real days, in order, without overlap`, () => {
      let previousEnd: string | undefined = '0000-00-00';
      for (const term of office.holders) {
        expect(term.source, term.name).toMatch(/^https:\/\//);
        expect(isDay(term.checked), term.name).toBe(true);
        expect(isDay(term.from), term.name).toBe(true);
        if (term.to) {
          expect(isDay(term.to), term.name).toBe(true);
          expect(term.from < term.to, term.name).toBe(true);
        }
        // Only the last holder may still be in office, and a term starts after the last ended.
        expect(previousEnd, `${term.name} follows an open term`).toBeDefined();
        expect(term.from >= previousEnd!, term.name).toBe(true);
        previousEnd = term.to;
      }
    });
  }
});
