import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../test/article-from-text.js';
import { findDates } from './find-dates.js';
import { timeWords } from './time-words.js';

// Every rule of lexicons/time-words.json proves itself: each example comes out as it says.
describe('time-words lexicon examples', () => {
  const words = timeWords();
  for (const rule of words.rules) {
    it(`${rule.id} has a note and at least one example`, () => {
      expect(rule.note.length).toBeGreaterThan(10);
      expect(rule.examples.length).toBeGreaterThan(0);
    });
    for (const example of rule.examples) {
      const reference = example.reference === undefined ? words.reference : example.reference;
      const outcome =
        example.precision === 'none'
          ? 'no entry'
          : [example.date, example.dateEnd, example.precision].filter(Boolean).join(' ');
      it(`${rule.id}: "${example.expression}" in "${example.text}" → ${outcome} (published ${reference ?? 'unknown'})`, () => {
        const article = articleFromText(
          'example',
          example.text,
          reference ? { published: reference } : {},
        );
        const entries = findDates(article);
        const start = example.text.indexOf(example.expression);
        expect(start, 'the expression is in the text').toBeGreaterThanOrEqual(0);
        const end = start + example.expression.length;
        if (example.precision === 'none') {
          const overlapping = entries.filter((entry) => entry.start < end && start < entry.end);
          expect(overlapping.map((entry) => article.slice(entry))).toEqual([]);
          return;
        }
        const entry = entries.find((candidate) => candidate.start === start);
        expect(entry && article.slice(entry)).toBe(example.expression);
        expect({
          date: entry!.date,
          dateEnd: entry!.dateEnd,
          precision: entry!.precision,
          ruleId: entry!.ruleId,
        }).toEqual({
          date: example.date,
          dateEnd: example.dateEnd,
          precision: example.precision,
          ruleId: example.ruleId ?? `time-words:${rule.id}`,
        });
      });
    }
  }
});
