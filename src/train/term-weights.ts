/**
 * `npm run train -- term-weights [--data DIR] [--out FILE]`: document frequencies of content-word
 * stems over news text from the train splits only (NeuS `train.source` snippets and the FNC-1 train
 * bodies outside the report split), written to models/term-weights.json.gz. DIR is the shared data
 * folder (default ../shared/data).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentStems } from '../claims/claim-words.js';
import { readNeus } from '../claims/read-neus.js';
import { TERM_WEIGHTS_PATH, type TermWeightsFile } from '../claims/term-weights.js';
import { findPackageRoot } from '../model/package-files.js';
import { isFncReportBody, readFncBodies } from '../stance/read-fnc.js';
import type { TrainContext, TrainTask } from './tasks.js';

/** Stems in fewer background documents than this are left out: they weigh as unseen anyway. */
const MIN_FREQUENCY = 2;

export function countDocumentFrequencies(texts: Iterable<string>): TermWeightsFile {
  const frequencies = new Map<string, number>();
  let documents = 0;
  for (const text of texts) {
    documents++;
    for (const stem of new Set(contentStems(text)))
      frequencies.set(stem, (frequencies.get(stem) ?? 0) + 1);
  }
  const kept = [...frequencies]
    .filter(([, count]) => count >= MIN_FREQUENCY)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    about: `document frequencies of Porter2 stems of content words over ${documents} news texts (NeuS train snippets, FNC-1 train bodies outside the Body ID mod 5 = 0 report split); stems in fewer than ${MIN_FREQUENCY} documents left out`,
    documents,
    frequencies: Object.fromEntries(kept),
  };
}

function* backgroundTexts(dataDirectory: string): Iterable<string> {
  for (const event of readNeus(join(dataDirectory, 'neus', 'train.source'))) {
    for (const snippet of event.snippets) yield `${snippet.title}\n${snippet.text}`;
  }
  for (const [bodyId, body] of readFncBodies(join(dataDirectory, 'fnc1', 'train_bodies.csv'))) {
    if (!isFncReportBody(bodyId)) yield body;
  }
}

export const termWeightsTask: TrainTask = {
  description: 'document frequencies of stems (NeuS + FNC-1 train) → models/term-weights.json.gz',
  async run(context: TrainContext): Promise<boolean> {
    const root = findPackageRoot();
    const data = resolve(context.data ?? join(root, '..', 'shared', 'data'));
    if (!existsSync(join(data, 'neus')) || !existsSync(join(data, 'fnc1'))) {
      context.log(`term-weights: ${data} has no neus/ and fnc1/ folders`);
      return false;
    }
    const file = countDocumentFrequencies(backgroundTexts(data));
    const out = resolve(context.out ?? join(root, TERM_WEIGHTS_PATH));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, gzipSync(JSON.stringify(file), { level: 9 }));
    context.log(
      `term-weights: ${file.documents} documents, ${Object.keys(file.frequencies).length} stems → ${relative(process.cwd(), out)}`,
    );
    return true;
  },
};
