import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../model/package-files.js';
import {
  TITLE_SENTENCE,
  basilSpanRange,
  basilText,
  countSpanOverlaps,
  readBasil,
  readBasilAnnotations,
  readBasilArticle,
  spanScores,
  toBasilSpans,
} from './read-basil.js';

const folder = mkdtempSync(join(tmpdir(), 'basil-read-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const ARTICLE = {
  source: 'hpo',
  title: 'Senator Faces Harsh Criticism',
  date: '2014-03-26',
  url: 'https://example.org/a',
  'triplet-uuid': 'triplet-1',
  'main-event': 'not for the analyzer',
  'body-paragraphs': [
    ['The senator drew fierce criticism on Friday.'],
    ['He said the plan was fine.', 'Critics called it a “phony” fix.'],
  ],
};
const ANNOTATIONS = {
  'phrase-level-annotations': [
    { id: 'p0', bias: 'lex', start: 17, end: 23, quote: 'no', speaker: '', txt: 'fierce' },
    { id: 'p2', bias: 'lex', start: 20, end: 27, quote: 'yes', speaker: 'Critics', txt: '“phony”' },
    { id: 'p1', bias: 'inf', start: 0, end: 26, quote: 'no', speaker: '', txt: 'He said…' },
    { id: 'title', bias: 'inf', start: 0, end: 7, quote: 'no', speaker: '', txt: 'Senator' },
  ],
};

function writeData(root: string): void {
  mkdirSync(join(root, 'articles', '2014'), { recursive: true });
  mkdirSync(join(root, 'annotations', '2014'), { recursive: true });
  mkdirSync(join(root, 'articles', '2011'), { recursive: true });
  writeFileSync(join(root, 'articles', '2014', 'triplet-1_1.json'), JSON.stringify(ARTICLE));
  writeFileSync(
    join(root, 'annotations', '2014', 'triplet-1_1_ann.json'),
    JSON.stringify(ANNOTATIONS),
  );
  writeFileSync(
    join(root, 'articles', '2011', 'triplet-0_2.json'),
    JSON.stringify({ ...ARTICLE, source: 'FOX', date: '2011-01-02' }),
  );
}

describe('readBasil', () => {
  const root = join(folder, 'data');
  writeData(root);

  it('reads every article of the kept years, with its annotations when there are any', () => {
    const entries = readBasil(root);
    expect(entries.map((entry) => [entry.article.stem, entry.article.year])).toEqual([
      ['triplet-0_2', 2011],
      ['triplet-1_1', 2014],
    ]);
    expect(entries[0]!.annotations).toBeUndefined();
    expect(entries[0]!.article.outlet).toBe('fox');
    expect(entries[1]!.annotations).toHaveLength(4);
    expect(readBasil(root, (year) => year >= 2013).map((entry) => entry.article.stem)).toEqual([
      'triplet-1_1',
    ]);
  });

  it('keeps the metadata the analyzer may see apart from what only splitting may use', () => {
    const article = readBasilArticle(join(root, 'articles', '2014', 'triplet-1_1.json'));
    expect(article).toMatchObject({
      title: 'Senator Faces Harsh Criticism',
      date: '2014-03-26',
      outlet: 'hpo',
      tripletUuid: 'triplet-1',
    });
    expect(article.paragraphs).toHaveLength(2);
  });

  it('gives a title annotation the title’s sentence number', () => {
    const annotations = readBasilAnnotations(
      join(root, 'annotations', '2014', 'triplet-1_1_ann.json'),
    );
    expect(annotations.map((annotation) => annotation.p)).toEqual([0, 2, 1, TITLE_SENTENCE]);
    expect(annotations[1]).toMatchObject({ bias: 'lex', quote: true, speaker: 'Critics' });
  });

  it('fails with one line naming the file on bad JSON', () => {
    const bad = join(folder, 'bad.json');
    writeFileSync(bad, '{"source": "fox", ');
    expect(() => readBasilArticle(bad)).toThrow(/^bad JSON: /);
    try {
      readBasilArticle(bad);
    } catch (error) {
      expect((error as { input: string }).input).toBe(bad);
      expect((error as Error).message).not.toContain('\n');
    }
    const wrongShape = join(folder, 'shape.json');
    writeFileSync(wrongShape, JSON.stringify({ source: 'fox', 'body-paragraphs': 'text' }));
    expect(() => readBasilArticle(wrongShape)).toThrow(/body-paragraphs/);
  });

  it('says when there is no articles folder', () => {
    expect(() => readBasil(join(folder, 'nowhere'))).toThrow(/no BASIL articles\/ folder/);
  });
});

describe('basilText and BASIL offsets', () => {
  const article = readBasilArticle(join(folder, 'data', 'articles', '2014', 'triplet-1_1.json'));
  const built = basilText(article);

  it('joins paragraphs by a blank line and sentences by a space, keeping where each sentence lies', () => {
    expect(built.text).toBe(
      'The senator drew fierce criticism on Friday.\n\nHe said the plan was fine. Critics called it a “phony” fix.',
    );
    expect(built.sentences.map((range) => built.text.slice(range.start, range.end))).toEqual([
      'The senator drew fierce criticism on Friday.',
      'He said the plan was fine.',
      'Critics called it a “phony” fix.',
    ]);
  });

  it('maps annotations into the built text and ranges of it back to sentence offsets', () => {
    const range = basilSpanRange(built, { p: 2, start: 20, end: 27 })!;
    expect(built.text.slice(range.start, range.end)).toBe('“phony”');
    expect(toBasilSpans(built, range)).toEqual([{ p: 2, start: 20, end: 27 }]);
    expect(basilSpanRange(built, { p: TITLE_SENTENCE, start: 0, end: 3 })).toBeUndefined();
    // A range over a sentence end becomes one span per sentence; the separator is dropped.
    const across = { start: built.sentences[1]!.end - 5, end: built.sentences[2]!.start + 7 };
    expect(toBasilSpans(built, across)).toEqual([
      { p: 1, start: 21, end: 26 },
      { p: 2, start: 0, end: 7 },
    ]);
  });
});

describe('span scores', () => {
  it('counts predictions that overlap gold in the same sentence, and gold that is overlapped', () => {
    const gold = [
      { p: 0, start: 17, end: 23 },
      { p: 2, start: 20, end: 27 },
    ];
    const predicted = [
      { p: 0, start: 17, end: 23 },
      { p: 0, start: 20, end: 33 },
      { p: 1, start: 20, end: 27 },
      { p: 3, start: 0, end: 4 },
    ];
    const counts = countSpanOverlaps(predicted, gold);
    expect(counts).toEqual({ predicted: 4, correct: 2, gold: 2, found: 1 });
    const scores = spanScores([counts, { predicted: 0, correct: 0, gold: 2, found: 0 }]);
    expect(scores.precision).toBeCloseTo(0.5);
    expect(scores.recall).toBeCloseTo(0.25);
    expect(scores.f1).toBeCloseTo(1 / 3);
    expect(spanScores([]).f1).toBe(0);
  });
});

const SHARED_BASIL = join(findPackageRoot(), '..', 'shared', 'data', 'basil');

describe.skipIf(!existsSync(SHARED_BASIL))('the shared BASIL copy (../shared/data/basil)', () => {
  it('reads all 150 articles (50 events), and every annotation’s text is its sentence’s slice', () => {
    const entries = readBasil(SHARED_BASIL);
    expect(entries).toHaveLength(150);
    let checked = 0;
    for (const { article, annotations } of entries) {
      const built = basilText(article);
      for (const annotation of annotations ?? []) {
        if (annotation.p === TITLE_SENTENCE) continue;
        const range = basilSpanRange(built, annotation)!;
        expect(built.text.slice(range.start, range.end)).toBe(annotation.text);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(700);
  });
});
