import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Article, AttributionSpans, Token } from '../model/article.js';
import { findPackageRoot } from '../model/package-files.js';
import { rangeWithin, type TextRange } from '../model/span.js';
import type { ArticleStage } from '../pipeline/stage.js';
import { SequenceTagger } from '../tagging/sequence-tagger.js';
import {
  baseFeatures,
  FeatureHashes,
  stackedFeatures,
  type TaggingSequence,
} from './attribution-features.js';
import { loadCueLexicon, type CueLexicon } from './cue-lexicon.js';
import { attributionsFromSequences } from './link-attributions.js';
import { NeuralAttributionTagger } from './neural/neural-attribution-tagger.js';

/** Stage 1 (every role from words, lexicon and quotes), as `npm run train -- attribution` writes it. */
export const ATTRIBUTION_MODEL_PATH = 'models/attribution.json.gz';
/** Stage 2 (every role again, seeing where stage 1 put the cues); optional. */
export const ATTRIBUTION_STAGE2_PATH = 'models/attribution-stage2.json.gz';

/**
 * Source, cue and content spans tagged over paragraphs (BIO tags of the three roles: in PolNeAR
 * they never overlap), by one tagger or by two stacked ones, then linked into attributions.
 */
export class AttributionTagger {
  constructor(
    readonly first: SequenceTagger,
    readonly second: SequenceTagger | undefined,
    /** Whether the models were trained with part-of-speech features (wink's tagger). */
    readonly usesPartsOfSpeech: boolean,
    private readonly lexicon: CueLexicon = loadCueLexicon(),
  ) {}

  /** The tags of one sequence: stage 1's, or stage 2's given stage 1's. */
  tagSequence(text: string, sequence: TaggingSequence): string[] {
    const length = sequence.tokens.length;
    const base = new FeatureHashes();
    const facts = baseFeatures(text, sequence, this.lexicon, base);
    const firstTags = this.first.tagHashed(base.hashes, base.offsets(), length);
    if (!this.second) return firstTags;
    const extra = new FeatureHashes();
    stackedFeatures(sequence, facts, firstTags, extra);
    const { hashes, offsets } = base.concat(extra);
    return this.second.tagHashed(hashes, offsets, length);
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
      (sequence) => this.tagSequence(text, sequence),
    );
  }

  /** The shipped tagger, with stage 2 when its file is there. */
  static loadShipped(): AttributionTagger {
    const root = findPackageRoot();
    const first = SequenceTagger.load(join(root, ATTRIBUTION_MODEL_PATH));
    const secondPath = join(root, ATTRIBUTION_STAGE2_PATH);
    const second = existsSync(secondPath) ? SequenceTagger.load(secondPath) : undefined;
    return new AttributionTagger(first, second, first.about['partsOfSpeech'] === true);
  }
}

let shipped: AttributionTagger | undefined;

/** The shipped model, loaded on first use. */
export function shippedAttributionTagger(): AttributionTagger {
  shipped ??= AttributionTagger.loadShipped();
  return shipped;
}

/**
 * The shipped attribution models: `fast`, the linear two-stage tagger; `neural`, the BiLSTM-CRF;
 * `accurate` (the default), the BiLSTM-CRF's attributions plus the linear tagger's that sit inside
 * one of their contents ("X reported that sources told Y that …": one BIO sequence cannot hold
 * both, and the two taggers keep different ones).
 */
export type AttributionModelName = 'accurate' | 'neural' | 'fast';
export const ATTRIBUTION_MODEL_NAMES: readonly AttributionModelName[] = [
  'accurate',
  'neural',
  'fast',
];

/** What both taggers offer: attributions from an article's text and layers. */
export interface AttributionModel {
  findAttributions(
    text: string,
    tokens: readonly Token[],
    sentences: readonly TextRange[],
    paragraphs: readonly TextRange[],
  ): AttributionSpans[];
}

let neural: AttributionModel | undefined;
let accurate: AttributionModel | undefined;

/** A shipped model by name, loaded on first use. */
export function shippedAttributionModel(name: AttributionModelName): AttributionModel {
  if (name === 'fast') return shippedAttributionTagger();
  neural ??= NeuralAttributionTagger.load();
  if (name === 'neural') return neural;
  accurate ??= new CombinedAttributionModel(neural, shippedAttributionTagger());
  return accurate;
}

/**
 * The first model's attributions, and those of the second that sit inside one of the first's
 * contents with a cue that overlaps none of the first's.
 */
export class CombinedAttributionModel implements AttributionModel {
  constructor(
    private readonly primary: AttributionModel,
    private readonly secondary: AttributionModel,
  ) {}

  findAttributions(
    text: string,
    tokens: readonly Token[],
    sentences: readonly TextRange[],
    paragraphs: readonly TextRange[],
  ): AttributionSpans[] {
    const first = this.primary.findAttributions(text, tokens, sentences, paragraphs);
    const second = this.secondary.findAttributions(text, tokens, sentences, paragraphs);
    // Only attributions nested inside another's content: what one BIO sequence cannot hold.
    const extra = second.filter(
      (candidate) =>
        !first.some(
          (kept) => kept.cue.start < candidate.cue.end && candidate.cue.start < kept.cue.end,
        ) &&
        first.some((kept) =>
          kept.content.some(
            (content) =>
              rangeWithin(candidate.cue, content) &&
              (!candidate.source || rangeWithin(candidate.source, content)),
          ),
        ),
    );
    return [...first, ...extra].sort((a, b) => a.cue.start - b.cue.start);
  }
}

/** Attributions in an article (its `tokens` and `sentences`, and `paragraphs` when it has them). */
export function tagAttributions(
  article: Article,
  model: AttributionModelName = 'accurate',
): AttributionSpans[] {
  const sentences = article.layer('sentences');
  const paragraphs = article.hasLayer('paragraphs') ? article.layer('paragraphs') : sentences;
  return shippedAttributionModel(model).findAttributions(
    article.text,
    article.layer('tokens'),
    sentences,
    paragraphs,
  );
}

/** Source, cue and content spans of every attribution, as a layer, by the named model. */
export function attributionStage(model: AttributionModelName = 'accurate'): ArticleStage {
  return {
    name: 'attribution-spans',
    requires: ['sentences', 'tokens'],
    provides: ['attributionSpans'],
    run(article) {
      article.setLayer('attributionSpans', tagAttributions(article, model));
    },
  };
}

/** The default attribution stage (the accurate model). */
export const attributionSpansStage: ArticleStage = attributionStage('accurate');
