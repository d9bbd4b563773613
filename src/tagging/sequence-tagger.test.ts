import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allowedTransition,
  continueFeatureHash,
  FEATURE_HASH_START,
  featureHash,
  SequenceTagger,
  trainSequenceTagger,
} from './sequence-tagger.js';

// Toy data: capitalised words after "Mr." are a person, "in" + capitalised word is a place.
function featuresOf(words: string[]): string[][] {
  return words.map((word, index) => [
    `w=${word.toLowerCase()}`,
    `cap=${/^[A-Z]/.test(word)}`,
    `prev=${(words[index - 1] ?? '<s>').toLowerCase()}`,
  ]);
}
const sentences = [
  {
    words: ['Mr.', 'Brown', 'Smith', 'lives', 'in', 'Paris'],
    tags: ['O', 'B-PER', 'I-PER', 'O', 'O', 'B-LOC'],
  },
  { words: ['Mr.', 'Green', 'went', 'to', 'Rome'], tags: ['O', 'B-PER', 'O', 'O', 'O'] },
  { words: ['We', 'met', 'in', 'Oslo'], tags: ['O', 'O', 'O', 'B-LOC'] },
  { words: ['Mr.', 'White', 'stayed', 'in', 'Lima'], tags: ['O', 'B-PER', 'O', 'O', 'B-LOC'] },
].map(({ words, tags }) => ({ features: featuresOf(words), tags }));

describe('sequence tagger', () => {
  it('learns a separable toy task and generalises to unseen words', () => {
    const tagger = trainSequenceTagger(sentences, { epochs: 10 });
    expect(tagger.tag(featuresOf(['Mr.', 'Black', 'lives', 'in', 'Bonn']))).toEqual([
      'O',
      'B-PER',
      'O',
      'O',
      'B-LOC',
    ]);
  });

  it('under BILOU, closes every span with L-X before anything else begins', () => {
    expect(allowedTransition('B-PER', 'L-PER', 'BILOU')).toBe(true);
    expect(allowedTransition('I-PER', 'O', 'BILOU')).toBe(false);
    expect(allowedTransition('B-PER', 'B-LOC', 'BILOU')).toBe(false);
    expect(allowedTransition('L-PER', 'U-LOC', 'BILOU')).toBe(true);
    expect(allowedTransition(undefined, 'L-PER', 'BILOU')).toBe(false);
    // Under BIO (the default) a span may simply stop.
    expect(allowedTransition('B-PER', 'O')).toBe(true);
    expect(allowedTransition('B-PER', 'B-LOC')).toBe(true);
  });

  it('never outputs I-X after O or after another type', () => {
    expect(allowedTransition(undefined, 'I-PER')).toBe(false);
    expect(allowedTransition('O', 'I-PER')).toBe(false);
    expect(allowedTransition('B-LOC', 'I-PER')).toBe(false);
    expect(allowedTransition('B-PER', 'I-PER')).toBe(true);
    const tagger = trainSequenceTagger(sentences, { epochs: 3 });
    const tags = tagger.tag(featuresOf(['Smith', 'Smith', 'Paris']));
    tags.forEach((tag, index) => expect(allowedTransition(tags[index - 1], tag)).toBe(true));
  });

  it('round-trips through its file with the same predictions', () => {
    const tagger = trainSequenceTagger(sentences, { epochs: 10, seed: 7 });
    const directory = mkdtempSync(join(tmpdir(), 'tagger-'));
    try {
      const path = join(directory, 'model.json.gz');
      tagger.save(path, { purpose: 'test' });
      const loaded = SequenceTagger.load(path);
      expect(loaded.about).toEqual({ purpose: 'test' });
      const probe = featuresOf(['Mr.', 'Gray', 'went', 'in', 'Kyiv']);
      expect(loaded.tag(probe)).toEqual(tagger.tag(probe));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses a model file of another format', () => {
    const file = trainSequenceTagger(sentences, { epochs: 1 }).toFile();
    expect(() => SequenceTagger.fromFile({ ...file, format: 'other/9' }, 'x.json.gz')).toThrow(
      /x\.json\.gz: format "other\/9"/,
    );
  });
});

describe('sequence tagger, hashed features', () => {
  it('tags from feature hashes exactly as from feature strings', () => {
    const tagger = trainSequenceTagger(sentences, { epochs: 10, seed: 3 });
    const words = ['Mr.', 'Black', 'lives', 'in', 'Bonn', 'with', 'Mr.', 'Brown'];
    const features = featuresOf(words);
    const offsets = Int32Array.from({ length: features.length + 1 }, (_, index) =>
      features.slice(0, index).reduce((sum, list) => sum + list.length, 0),
    );
    const hashes = Int32Array.from(features.flat(), featureHash);
    expect(tagger.tagHashed(hashes, offsets, words.length)).toEqual(tagger.tag(features));
  });

  it('hashes a feature from its parts as from the whole string', () => {
    const whole = featureHash('w-1w=said|that');
    let parts = continueFeatureHash(FEATURE_HASH_START, 'w-1w=');
    for (const part of ['said', '|', 'that']) parts = continueFeatureHash(parts, part);
    expect(parts).toBe(whole);
    expect(featureHash('a')).not.toBe(featureHash('b'));
  });
});
