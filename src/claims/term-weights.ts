import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { findPackageRoot } from '../model/package-files.js';
import { PipelineError } from '../model/errors.js';

export const TERM_WEIGHTS_PATH = 'models/term-weights.json.gz';

/** What `models/term-weights.json.gz` holds: document frequencies of stems over news text. */
export interface TermWeightsFile {
  readonly about: string;
  readonly documents: number;
  readonly frequencies: Record<string, number>;
}

/**
 * Inverse document frequency of stems, from a background of news text (`npm run train --
 * term-weights`), so a story of three articles still knows that "hama" says more than "leader".
 * A stem the background never saw weighs as if seen once: rare words and names matter most.
 */
export class TermWeights {
  private readonly frequencies: Map<string, number>;
  private readonly logDocuments: number;
  constructor(file: TermWeightsFile) {
    this.frequencies = new Map(Object.entries(file.frequencies));
    this.logDocuments = Math.log(file.documents + 1);
  }

  idf(stem: string): number {
    return this.logDocuments - Math.log((this.frequencies.get(stem) ?? 0) + 1) + 1;
  }

  /** How many background documents have the stem (0 for unseen). */
  frequency(stem: string): number {
    return this.frequencies.get(stem) ?? 0;
  }
}

let shipped: TermWeights | undefined;

export function shippedTermWeights(): TermWeights {
  if (shipped) return shipped;
  const path = join(findPackageRoot(), TERM_WEIGHTS_PATH);
  try {
    shipped = new TermWeights(JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')));
  } catch (error) {
    throw new PipelineError(
      'bad-model',
      `cannot read ${TERM_WEIGHTS_PATH}: ${(error as Error).message}`,
    );
  }
  return shipped;
}
