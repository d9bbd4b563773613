/**
 * `npm run train -- attribution`: the attribution tagger (source, cue and content spans) from
 * PolNeAR's train split. Stage 1 tags every role from the words; stage 2 tags them again knowing
 * where stage 1 put the cues. Stage 2 is trained on jackknifed stage-1 tags (each fold of the train
 * articles tagged by a stage 1 that never saw it), so it learns from the errors stage 1 really
 * makes rather than from perfect cues.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  baseFeatures,
  FeatureStrings,
  stackedFeatures,
  taggingSequences,
  type SequenceFacts,
  type TaggingSequence,
} from '../attribution/attribution-features.js';
import { loadCueLexicon } from '../attribution/cue-lexicon.js';
import { partsOfSpeech } from '../attribution/part-of-speech.js';
import {
  ATTRIBUTION_ROLES,
  plainTextParagraphs,
  readPolnearSplit,
  type AttributionRole,
  type GoldAttribution,
  type PolnearDocument,
} from '../attribution/read-brat.js';
import {
  AttributionScorer,
  normalisePieces,
  type AttributionScores,
} from '../attribution/score-attributions.js';
import {
  ATTRIBUTION_MODEL_PATH,
  ATTRIBUTION_STAGE2_PATH,
  AttributionTagger,
} from '../attribution/tag-attributions.js';
import type { Token } from '../model/article.js';
import { findPackageRoot } from '../model/package-files.js';
import type { TextRange } from '../model/span.js';
import {
  trainSequenceTagger,
  type SequenceTagger,
  type TagScheme,
} from '../tagging/sequence-tagger.js';
import { segmentText } from '../text/segment-text.js';
import type { TrainContext, TrainTask } from './tasks.js';

/**
 * Passes over the data: on a held-out tenth of train (trained on the rest), 16 beat 12 by 0.9
 * cue and 0.7 source exact F1; 20 was no better than 12.
 */
const EPOCHS = 16;
/** Features seen fewer times are dropped: rare words say little and bloat the file. */
const MIN_FEATURE_COUNT = 2;
/** Folds for the jackknifed stage-1 tags stage 2 learns from. */
const FOLDS = 5;
const SEED = 20_161;
/** Part-of-speech features (wink's tagger, run again over the text). */
const PARTS_OF_SPEECH = true;
/**
 * Weight rows whose largest magnitude is below this are left out of the files (averaged weights
 * grow with the epochs): with 16 epochs, 11 keeps both files near 2.2 MB together and cost at
 * most 0.5 F1 on any role of the held-out tenth of train.
 */
const PRUNE_BELOW = 11;

/** One train article, segmented, with its gold tags per paragraph. */
export interface PreparedDocument {
  readonly name: string;
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly TextRange[];
  readonly paragraphs: readonly TextRange[];
  readonly attributions: readonly GoldAttribution[];
  readonly sequences: readonly TaggingSequence[];
  readonly goldTags: readonly (readonly string[])[];
}

export function prepareDocuments(
  documents: readonly PolnearDocument[],
  withPartsOfSpeech: boolean,
): PreparedDocument[] {
  return documents.map((document) => {
    const paragraphs = plainTextParagraphs(document.text);
    const { tokens, sentences } = segmentText(document.text, paragraphs);
    const tags = withPartsOfSpeech ? partsOfSpeech(document.text, tokens) : undefined;
    const sequences = taggingSequences(tokens, sentences, paragraphs, tags);
    const attributions = document.attributions ?? [];
    return {
      name: document.name,
      text: document.text,
      tokens,
      sentences,
      paragraphs,
      attributions,
      sequences,
      goldTags: sequences.map((sequence) => goldTags(document.text, sequence, attributions)),
    };
  });
}

/** Where roles meet (rare), the tag of the earlier role here wins. */
const ROLE_PRIORITY: readonly AttributionRole[] = ['cue', 'source', 'content'];

/** BIO tags of one sequence from gold spans: a token takes a role when it overlaps one of its pieces. */
export function goldTags(
  text: string,
  sequence: TaggingSequence,
  attributions: readonly GoldAttribution[],
): string[] {
  const { tokens } = sequence;
  const tags = new Array<string>(tokens.length).fill('O');
  if (tokens.length === 0) return tags;
  const first = tokens[0]!.start;
  const last = tokens[tokens.length - 1]!.end;
  for (const role of [...ROLE_PRIORITY].reverse()) {
    for (const attribution of attributions) {
      for (const piece of normalisePieces(text, attribution[role])) {
        if (piece.end <= first || piece.start >= last) continue;
        let begun = false;
        for (let index = 0; index < tokens.length; index++) {
          const token = tokens[index]!;
          if (token.end <= piece.start || token.start >= piece.end) continue;
          tags[index] = (begun ? 'I-' : 'B-') + role;
          begun = true;
        }
      }
    }
  }
  return tags;
}

/** BIO tags as BILOU: a span's last token `L-`, a one-token span `U-`. */
export function bilouTags(tags: readonly string[]): string[] {
  return tags.map((tag, index) => {
    if (tag === 'O') return tag;
    const role = tag.slice(2);
    const continued = tags[index + 1] === 'I-' + role;
    if (tag.startsWith('B-')) return (continued ? 'B-' : 'U-') + role;
    return (continued ? 'I-' : 'L-') + role;
  });
}

export interface AttributionTrainingOptions {
  readonly epochs: number;
  readonly stages: 1 | 2;
  readonly folds: number;
  readonly seed: number;
  readonly minFeatureCount: number;
  readonly partsOfSpeech: boolean;
  /** Tag encoding learnt (BIO as gold, or BILOU). */
  readonly scheme?: TagScheme;
  readonly log: (line: string) => void;
}

/** Stage-1 features of every sequence, computed once; identical strings share one copy. */
interface FeatureCache {
  readonly features: string[][][][];
  readonly facts: SequenceFacts[][];
}

function cacheFeatures(documents: readonly PreparedDocument[]): FeatureCache {
  const lexicon = loadCueLexicon();
  const interned = new Map<string, string>();
  const intern = (feature: string): string => {
    const known = interned.get(feature);
    if (known !== undefined) return known;
    interned.set(feature, feature);
    return feature;
  };
  const features: string[][][][] = [];
  const facts: SequenceFacts[][] = [];
  for (const document of documents) {
    const documentFeatures: string[][][] = [];
    const documentFacts: SequenceFacts[] = [];
    for (const sequence of document.sequences) {
      const sink = new FeatureStrings();
      documentFacts.push(baseFeatures(document.text, sequence, lexicon, sink));
      documentFeatures.push(sink.tokens.map((list) => list.map(intern)));
    }
    features.push(documentFeatures);
    facts.push(documentFacts);
  }
  return { features, facts };
}

function trainingSentences(
  documents: readonly PreparedDocument[],
  indices: readonly number[],
  featuresOf: (document: number, sequence: number) => readonly (readonly string[])[],
  scheme: TagScheme,
): { features: readonly (readonly string[])[]; tags: readonly string[] }[] {
  const sentences = [];
  for (const document of indices) {
    const prepared = documents[document]!;
    for (let sequence = 0; sequence < prepared.sequences.length; sequence++) {
      sentences.push({
        features: featuresOf(document, sequence),
        tags:
          scheme === 'BILOU'
            ? bilouTags(prepared.goldTags[sequence]!)
            : prepared.goldTags[sequence]!,
      });
    }
  }
  return sentences;
}

/** Trains stage 1 (and, with `stages: 2`, stage 2 on jackknifed stage-1 tags). */
export function trainAttributionTagger(
  documents: readonly PreparedDocument[],
  options: AttributionTrainingOptions,
): AttributionTagger {
  const cache = cacheFeatures(documents);
  const all = documents.map((_, index) => index);
  const baseOf = (document: number, sequence: number): string[][] =>
    cache.features[document]![sequence]!;
  const fit = (
    indices: readonly number[],
    featuresOf: typeof baseOf,
    label: string,
  ): SequenceTagger => {
    const started = performance.now();
    const tagger = trainSequenceTagger(
      trainingSentences(documents, indices, featuresOf, options.scheme ?? 'BIO'),
      {
        epochs: options.epochs,
        minFeatureCount: options.minFeatureCount,
        seed: options.seed,
      },
    );
    options.log(
      `${label}: ${tagger.featureCount} features, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    return tagger;
  };
  const first = fit(all, baseOf, 'stage 1');
  if (options.stages === 1) return new AttributionTagger(first, undefined, options.partsOfSpeech);

  const jackknifed: string[][][] = documents.map(() => []);
  for (let fold = 0; fold < options.folds; fold++) {
    const inFold = (index: number): boolean => index % options.folds === fold;
    const tagger = fit(
      all.filter((index) => !inFold(index)),
      baseOf,
      `stage 1, fold ${fold + 1}/${options.folds}`,
    );
    for (const index of all.filter(inFold)) {
      jackknifed[index] = cache.features[index]!.map((features) => tagger.tag(features));
    }
  }
  const stackedOf = (document: number, sequence: number): string[][] => {
    const base = cache.features[document]![sequence]!;
    const extra = new FeatureStrings();
    stackedFeatures(
      documents[document]!.sequences[sequence]!,
      cache.facts[document]![sequence]!,
      jackknifed[document]![sequence]!,
      extra,
    );
    return base.map((list, index) => list.concat(extra.tokens[index]!));
  };
  const second = fit(all, stackedOf, 'stage 2');
  return new AttributionTagger(first, second, options.partsOfSpeech);
}

/** Scores a tagger on prepared documents; also returns articles per second of tagging. */
export function scoreAttributionTagger(
  tagger: AttributionTagger,
  documents: readonly PreparedDocument[],
): { scores: AttributionScores; articlesPerSecond: number } {
  const scorer = new AttributionScorer();
  let elapsed = 0;
  for (const document of documents) {
    const started = performance.now();
    const predicted = tagger.findAttributions(
      document.text,
      document.tokens,
      document.sentences,
      document.paragraphs,
    );
    elapsed += performance.now() - started;
    scorer.add(document.text, predicted, document.attributions);
  }
  return { scores: scorer.scores(), articlesPerSecond: documents.length / (elapsed / 1000) };
}

/** One line of figures: exact and overlap F1 per role, and whole-triple F1. */
export function formatScores(scores: AttributionScores): string {
  const percent = (value: number): string => (100 * value).toFixed(1);
  const roles = ATTRIBUTION_ROLES.map(
    (role) =>
      `${role} ${percent(scores[role].exact.f1)} (P ${percent(scores[role].exact.precision)} R ${percent(scores[role].exact.recall)}, overlap ${percent(scores[role].overlap.f1)})`,
  );
  return `${roles.join('; ')}; triple ${percent(scores.triple.f1)}`;
}

export const attributionTrainTask: TrainTask = {
  description: 'attribution tagger (source, cue, content) from PolNeAR train',
  async run(context: TrainContext): Promise<boolean> {
    const data =
      context.data ?? join(findPackageRoot(), '..', 'shared', 'data', 'polnear', 'train');
    if (!existsSync(join(data, 'text'))) {
      context.log(
        `attribution: no data at ${resolve(data, 'text')}; pass --data DIR (PolNeAR train)`,
      );
      return false;
    }
    const started = performance.now();
    const documents = prepareDocuments(readPolnearSplit(data), PARTS_OF_SPEECH);
    context.log(`attribution: ${documents.length} articles from ${resolve(data)}`);
    const tagger = trainAttributionTagger(documents, {
      epochs: EPOCHS,
      stages: 2,
      folds: FOLDS,
      seed: SEED,
      minFeatureCount: MIN_FEATURE_COUNT,
      partsOfSpeech: PARTS_OF_SPEECH,
      log: context.log,
    });
    // Figures on the dev split beside train (never tuned on), recorded in the files.
    const figures: Record<string, unknown> = {};
    const dev = join(data, '..', 'dev');
    if (existsSync(join(dev, 'text'))) {
      const devDocuments = prepareDocuments(readPolnearSplit(dev), PARTS_OF_SPEECH);
      const variants = {
        stage1: new AttributionTagger(tagger.first, undefined, PARTS_OF_SPEECH),
        ...(tagger.second ? { stage2: tagger } : {}),
      };
      for (const [name, variant] of Object.entries(variants)) {
        const { scores, articlesPerSecond } = scoreAttributionTagger(variant, devDocuments);
        context.log(
          `dev, ${name}: ${formatScores(scores)}; ${articlesPerSecond.toFixed(0)} articles/s`,
        );
        figures[name] = roundedFigures(scores);
      }
    }
    const out = context.out ?? join(findPackageRoot(), ATTRIBUTION_MODEL_PATH);
    const secondOut = context.out
      ? context.out.replace(/(\.json\.gz)?$/, '-stage2.json.gz')
      : join(findPackageRoot(), ATTRIBUTION_STAGE2_PATH);
    const about = {
      task: 'attribution spans (PolNeAR roles source, cue, content), BIO tags per paragraph',
      data: 'PolNeAR train split (first annotator per article)',
      articles: documents.length,
      epochs: EPOCHS,
      minFeatureCount: MIN_FEATURE_COUNT,
      partsOfSpeech: PARTS_OF_SPEECH,
      seed: SEED,
      folds: FOLDS,
      trainedSeconds: Math.round((performance.now() - started) / 1000),
      devFigures: figures,
    };
    tagger.first.save(
      out,
      { ...about, stage: 1, features: tagger.first.featureCount },
      PRUNE_BELOW,
    );
    tagger.second?.save(
      secondOut,
      { ...about, stage: 2, features: tagger.second.featureCount },
      PRUNE_BELOW,
    );
    context.log(`wrote ${out}${tagger.second ? ` and ${secondOut}` : ''}`);
    return true;
  },
};

/** Exact and overlap F1 per role and triple F1, in percent with one decimal, for `about`. */
function roundedFigures(scores: AttributionScores): Record<string, number> {
  const percent = (value: number): number => Math.round(1000 * value) / 10;
  const figures: Record<string, number> = {};
  for (const role of ATTRIBUTION_ROLES) {
    figures[`${role}ExactF1`] = percent(scores[role].exact.f1);
    figures[`${role}OverlapF1`] = percent(scores[role].overlap.f1);
  }
  figures['tripleF1'] = percent(scores.triple.f1);
  return figures;
}
