#!/usr/bin/env node
// `npm run fixtures:update`: rewrites the golden fixtures from the current code. Review the diff.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findPackageRoot } from '../src/model/package-files.js';
import { GOLDEN_DIRECTORY_NAME, goldenArticles } from './golden-report.js';

const directory = join(findPackageRoot(), GOLDEN_DIRECTORY_NAME);
await mkdir(directory, { recursive: true });
for (const [id, article] of Object.entries(await goldenArticles())) {
  await writeFile(join(directory, `${id}.json`), JSON.stringify(article, null, 2) + '\n');
  process.stdout.write(`wrote ${join(GOLDEN_DIRECTORY_NAME, `${id}.json`)}\n`);
}
