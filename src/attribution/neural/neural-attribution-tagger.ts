import { join } from 'node:path';
import type { AttributionSpans, Token } from '../../model/article.js';
import { findPackageRoot } from '../../model/package-files.js';
import type { TextRange } from '../../model/span.js';
import { taggingSequences } from '../attribution-features.js';
import { loadCueLexicon, type CueLexicon } from '../cue-lexicon.js';
import {
  linkAttributions,
  markQuoted,
  spansFromTags,
  type RoleSpan,
} from '../link-attributions.js';
import { partsOfSpeech } from '../part-of-speech.js';
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

  findSpans(
    text: string,
    tokens: readonly Token[],
    sentences: readonly TextRange[],
    paragraphs: readonly TextRange[],
  ): RoleSpan[] {
    const spans: RoleSpan[] = [];
    const tags = this.usesPartsOfSpeech ? partsOfSpeech(text, tokens) : undefined;
    taggingSequences(tokens, sentences, paragraphs, tags).forEach((sequence, paragraph) => {
      const predicted = this.tagger.tag(tokenInputs(text, sequence, this.lexicon));
      const sentenceOf = (token: number): number =>
        sequence.firstToken + sequence.sentenceStart[token - sequence.firstToken]!;
      spans.push(
        ...spansFromTags(predicted, sequence.tokens, sequence.firstToken, sentenceOf, paragraph),
      );
    });
    return spans;
  }

  findAttributions(
    text: string,
    tokens: readonly Token[],
    sentences: readonly TextRange[],
    paragraphs: readonly TextRange[],
  ): AttributionSpans[] {
    return linkAttributions(markQuoted(text, this.findSpans(text, tokens, sentences, paragraphs)));
  }

  static load(
    path: string = join(findPackageRoot(), ATTRIBUTION_BILSTM_PATH),
  ): NeuralAttributionTagger {
    return new NeuralAttributionTagger(BilstmTagger.load(path));
  }
}
