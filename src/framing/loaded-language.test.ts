import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../test/article-from-text.js';
import {
  LoadedLanguageModel,
  candidateWords,
  findLoadedLanguage,
  loadedSpans,
  quotationWords,
  shippedLoadedLanguageModel,
  stemOf,
  type LoadedLanguageModelFile,
  type LoadedLanguageTables,
} from './loaded-language.js';

function wordsAt(
  text: string,
  counts: Int32Array,
  tokens: readonly { start: number; end: number }[],
) {
  return tokens
    .map((token, index) => [text.slice(token.start, token.end), counts[index]!] as const)
    .filter(([, count]) => count > 0);
}

describe('quotationWords', () => {
  it('counts the words of the quotation each token stands in', () => {
    const article = articleFromText(
      'q',
      'Critics called it a “phony” fix. He said, "This plan will never work for anyone."',
    );
    const tokens = article.layer('tokens');
    const counts = quotationWords(article.text, tokens, article.layer('paragraphs'));
    expect(wordsAt(article.text, counts, tokens)).toEqual([
      ['phony', 1],
      ['This', 7],
      ['plan', 7],
      ['will', 7],
      ['never', 7],
      ['work', 7],
      ['for', 7],
      ['anyone', 7],
      ['.', 7],
    ]);
  });

  it('runs a quotation left open to its paragraph’s end, and no further', () => {
    const article = articleFromText('q', '“We will fight on, he said\n\nThe vote is on Monday.');
    const tokens = article.layer('tokens');
    const counts = quotationWords(article.text, tokens, article.layer('paragraphs'));
    const quoted = wordsAt(article.text, counts, tokens).map(([word]) => word);
    expect(quoted).toContain('fight');
    expect(quoted).not.toContain('vote');
  });
});

const TABLES: LoadedLanguageTables = {
  sentiment: new Map([['phony', -1]]),
  neutralisation: new Map([[stemOf('slammed'), [0.8, 0.95, 0.6] as const]]),
  groups: new Map([
    [stemOf('phony'), 'judgement-adjective'],
    [stemOf('slammed'), 'attack-verb'],
  ]),
};

describe('candidateWords', () => {
  const article = articleFromText(
    'c',
    'Senator Vane slammed the plan on Friday. Critics called it a “phony” fix.',
  );
  const candidates = candidateWords(article, TABLES);
  const features = (word: string): Map<string, number> =>
    new Map(candidates.find((candidate) => article.slice(candidate) === word)!.features);

  it('scores content words only: no names, function words or punctuation', () => {
    const words = candidates.map((candidate) => article.slice(candidate));
    expect(words).toContain('slammed');
    expect(words).toContain('phony');
    expect(words).not.toContain('Vane');
    expect(words).not.toContain('the');
  });

  it('describes a word by its part of speech, tables, seed group, stem, quotation and context', () => {
    const slammed = features('slammed');
    expect(slammed.get('bias')).toBe(1);
    expect(slammed.get('pos:VERB')).toBe(1);
    expect(slammed.get('neus:z')).toBe(0.8);
    expect(slammed.get('neus:drop')).toBe(0.95);
    expect(slammed.get('group:attack-verb')).toBe(1);
    expect(slammed.get(`w:${stemOf('slammed')}`)).toBe(1);
    expect(slammed.get('first-sentence')).toBe(1);
    expect(slammed.has('quote')).toBe(false);

    const phony = features('phony');
    expect(phony.get('sentiment')).toBe(1);
    expect(phony.get('sentiment:negative')).toBe(1);
    expect(phony.get('quote:short')).toBe(1);
    expect(phony.get('neus:unseen')).toBe(1);
    expect(phony.get('sentence-position')).toBeCloseTo(1 / 30);
  });
});

describe('LoadedLanguageModel', () => {
  const file: LoadedLanguageModelFile = {
    about: {},
    weights: { bias: -2, group: 3 },
    threshold: 0,
    sentiment: {},
    neutralisation: {},
    groups: { [stemOf('fierce')]: 'judgement-adjective', [stemOf('phony')]: 'judgement-adjective' },
  };
  const model = new LoadedLanguageModel(file);

  it('returns the words that reach the threshold, with their scores', () => {
    const article = articleFromText('m', 'The senator drew fierce criticism for a phony fix.');
    expect(model.find(article).map(({ word, score }) => [word, score])).toEqual([
      ['fierce', 1],
      ['phony', 1],
    ]);
  });

  it('joins words next to each other into one phrase', () => {
    const article = articleFromText('m', 'It was a fierce, phony and fierce phony campaign.');
    expect(model.find(article).map((word) => word.word)).toEqual([
      'fierce',
      'phony',
      'fierce phony',
    ]);
  });

  it('keeps a joined phrase’s higher score', () => {
    const text = 'fierce phony';
    const candidates = [
      { start: 0, end: 6, token: 0, features: [] },
      { start: 7, end: 12, token: 1, features: [] },
    ];
    expect(loadedSpans(text, candidates, [0.5, 2], 0)).toEqual([
      { start: 0, end: 12, word: 'fierce phony', score: 2 },
    ]);
    expect(loadedSpans(text, candidates, [0.5, -1], 0)).toEqual([
      { start: 0, end: 6, word: 'fierce', score: 0.5 },
    ]);
  });
});

describe('the shipped model (models/loaded-language.json.gz)', () => {
  it('is loaded once', () => {
    expect(shippedLoadedLanguageModel()).toBe(shippedLoadedLanguageModel());
    expect(shippedLoadedLanguageModel().file.about['crossValidation']).toBeDefined();
  });

  it('finds loaded word choice and leaves plain reporting alone', () => {
    const loaded = articleFromText(
      'l',
      'Republicans slammed the phony scheme as a disgraceful stunt. ' +
        'The furious senator railed against the outrageous giveaway in a blistering tirade.',
    );
    const found = findLoadedLanguage(loaded);
    expect(found.length).toBeGreaterThan(0);
    for (const word of found) {
      expect(loaded.text.slice(word.start, word.end)).toBe(word.word);
      expect(word.score).toBeGreaterThanOrEqual(shippedLoadedLanguageModel().threshold - 0.001);
    }
    const plain = articleFromText(
      'p',
      'The city council voted on Tuesday to close the bridge for repairs. ' +
        'The bridge, built in 1932, will stay closed for six weeks, the council said.',
    );
    expect(findLoadedLanguage(plain)).toEqual([]);
  });
});
