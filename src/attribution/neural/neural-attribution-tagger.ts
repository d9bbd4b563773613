import { join } from 'node:path';
import type { AttributionSpans, Token } from '../../model/article.js';
import { findPackageRoot } from '../../model/package-files.js';
import type { TextRange } from '../../model/span.js';
import { loadCueLexicon, type CueLexicon } from '../cue-lexicon.js';
import { attributionsFromSequences } from '../link-attributions.js';
import { BilstmTagger } from './bilstm-tagger.js';
import { tokenInputs } from './token-inputs.js';

/** Written by training/attribution_bilstm.py; the default attribution model (`accurate`). */
export const ATTRIBUTION_BILSTM_PATH = 'models/attribution-bilstm.json.gz';

/**
 * Source, cue and content spans by the BiLSTM-CRF tagger, over the same paragraphs as the linear
 * `AttributionTagger`, linked into attributions by the same rules.
 */
export class NeuralAttributionTagger {
  constructor(
    readonly tagger: BilstmTagger,
    private readonly lexicon: CueLexicon = loadCueLexicon(),
  ) {}

  /** Whether the model embeds parts of speech (then wink's tagger runs over the text). */
  get usesPartsOfSpeech(): boolean {
    return this.tagger.featureNames.includes('partsOfSpeech');
  }

  findAttributions(
    text: string,
    tokens: readonly Token[],
    sentences: readonly TextRange[],
    paragraphs: readonly TextRange[],
  ): AttributionSpans[] {
    return attributionsFromSequences(
      text,
      tokens,
      sentences,
      paragraphs,
      this.usesPartsOfSpeech,
      (sequence) => this.tagger.tag(tokenInputs(text, sequence, this.lexicon)),
    );
  }

  static load(
    path: string = join(findPackageRoot(), ATTRIBUTION_BILSTM_PATH),
  ): NeuralAttributionTagger {
    return new NeuralAttributionTagger(BilstmTagger.load(path));
  }
}
