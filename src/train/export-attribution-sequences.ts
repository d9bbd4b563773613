/**
 * `npm run train -- attribution-sequences [--data POLNEAR_DIR] [--out DIR]`: PolNeAR's train and
 * dev splits as JSON lines for the neural attribution tagger's Python trainer
 * (training/attribution_bilstm.py), tokenised, split into paragraphs and BIO-tagged exactly as
 * the linear tagger is trained (prepareDocuments in ./attribution.ts), with the per-token inputs
 * the TypeScript tagger computes at run time (src/attribution/neural/token-inputs.ts).
 *
 * One line per tagging sequence (a paragraph): `{ document, sequence, raw, words, shapes, cues,
 * partsOfSpeech, quotes, sentencePlaces, tags }`, written to DIR/train.jsonl and DIR/dev.jsonl
 * (default DIR: scratch/attribution-sequences, git-ignored).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadCueLexicon } from '../attribution/cue-lexicon.js';
import { tokenInputs } from '../attribution/neural/token-inputs.js';
import { readPolnearSplit } from '../attribution/read-brat.js';
import { findPackageRoot } from '../model/package-files.js';
import { prepareDocuments } from './attribution.js';
import type { TrainContext, TrainTask } from './tasks.js';

const SPLITS = ['train', 'dev'] as const;

export const attributionSequencesTask: TrainTask = {
  description:
    'PolNeAR train and dev as JSON lines (tokens, inputs, BIO tags) for training/attribution_bilstm.py',
  async run(context: TrainContext): Promise<boolean> {
    const root = findPackageRoot();
    const data = context.data ?? join(root, '..', 'shared', 'data', 'polnear');
    const out = context.out ?? join(root, 'scratch', 'attribution-sequences');
    const lexicon = loadCueLexicon();
    await mkdir(out, { recursive: true });
    for (const split of SPLITS) {
      const folder = join(data, split);
      if (!existsSync(join(folder, 'text'))) {
        context.log(
          `attribution-sequences: no data at ${resolve(folder, 'text')}; pass --data DIR`,
        );
        return false;
      }
      const documents = prepareDocuments(readPolnearSplit(folder), true);
      const lines: string[] = [];
      let tokens = 0;
      for (const document of documents) {
        document.sequences.forEach((sequence, index) => {
          const inputs = tokenInputs(document.text, sequence, lexicon);
          tokens += sequence.tokens.length;
          lines.push(
            JSON.stringify({
              document: document.name,
              sequence: index,
              ...inputs,
              tags: document.goldTags[index],
            }),
          );
        });
      }
      const path = join(out, `${split}.jsonl`);
      await writeFile(path, lines.join('\n') + '\n');
      context.log(
        `${split}: ${documents.length} articles, ${lines.length} sequences, ${tokens} tokens → ${path}`,
      );
    }
    return true;
  },
};
