import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../src/model/package-files.js';
import { GOLDEN_DIRECTORY_NAME, goldenArticles } from './golden-report.js';

// Readability-style golden fixtures: the bundled example's cleaned text, headings, sentences,
// removals, entities and sources, reviewed by a person. After an intended change: `npm run build && npm run fixtures:update`.
describe('golden fixtures (examples/harbor-strike)', async () => {
  const directory = join(findPackageRoot(), GOLDEN_DIRECTORY_NAME);
  const actual = await goldenArticles();
  const files = readdirSync(directory).filter((name) => name.endsWith('.json'));

  it('has one fixture per article', () => {
    expect(files.map((name) => name.replace(/\.json$/, '')).sort()).toEqual(
      Object.keys(actual).sort(),
    );
  });

  for (const file of files) {
    it(`matches ${file}`, () => {
      const expected = JSON.parse(readFileSync(join(directory, file), 'utf8')) as unknown;
      expect(actual[file.replace(/\.json$/, '')]).toEqual(expected);
    });
  }
});
