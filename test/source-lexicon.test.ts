import { describe, expect, it } from 'vitest';
import { classifySourcePhrase } from '../src/attribution/classify-source.js';
import { sourcesLexicon } from '../src/attribution/sources-lexicon.js';

// Every example in lexicons/sources.json is a test: the phrase classifies to the stated kind and count.
describe('source lexicon examples', () => {
  for (const sourceClass of sourcesLexicon().classes) {
    it(`${sourceClass.id} has a note, heads and examples`, () => {
      expect(sourceClass.note.length).toBeGreaterThan(10);
      expect(sourceClass.heads.length).toBeGreaterThan(0);
      expect(sourceClass.examples.length).toBeGreaterThan(0);
    });
    for (const example of sourceClass.examples) {
      it(`${JSON.stringify(example.text)} is ${example.kind}${example.count ? ` ×${example.count}` : ''}`, () => {
        const found = classifySourcePhrase(example.text);
        expect(found.kind).toBe(example.kind);
        expect(found.count).toBe(example.count);
      });
    }
  }

  it('a person name makes a source named, even with a title head', () => {
    const phrase = 'Hamas spokesperson Hazem Qassem';
    const start = phrase.indexOf('Hazem');
    expect(classifySourcePhrase(phrase, [{ start, end: phrase.length, type: 'person' }]).kind).toBe(
      'named',
    );
  });

  it('an outlet name is an outlet, and "CNN sources" are anonymous', () => {
    expect(
      classifySourcePhrase('CNN', [{ start: 0, end: 3, type: 'organization', outlet: true }]).kind,
    ).toBe('outlet');
    expect(
      classifySourcePhrase('CNN sources', [
        { start: 0, end: 3, type: 'organization', outlet: true },
      ]).kind,
    ).toBe('anonymous');
  });

  it('an organization name is an organization', () => {
    expect(
      classifySourcePhrase('the White House', [{ start: 4, end: 15, type: 'organization' }]).kind,
    ).toBe('organization');
  });
});
