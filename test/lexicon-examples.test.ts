import { describe, expect, it } from 'vitest';
import { loadBoilerplateRules, ruleMatches } from '../src/text/boilerplate-lexicon.js';

// Every lexicon entry proves itself: each example must match and each counterexample must not.
describe('boilerplate lexicon examples', () => {
  for (const rule of loadBoilerplateRules()) {
    const test = (text: string): boolean => ruleMatches(rule, text);
    it(`${rule.id} has a note and at least one example`, () => {
      expect(rule.note.length).toBeGreaterThan(10);
      expect(rule.examples.length).toBeGreaterThan(0);
    });
    for (const example of rule.examples) {
      it(`${rule.id} matches ${JSON.stringify(example)}`, () => expect(test(example)).toBe(true));
    }
    for (const counterexample of rule.counterexamples) {
      it(`${rule.id} leaves ${JSON.stringify(counterexample)} alone`, () =>
        expect(test(counterexample)).toBe(false));
    }
  }
});
