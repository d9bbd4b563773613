/**
 * `npm run train -- ner [--data FILE] [--out FILE]`: the named-entity tagger, an averaged
 * perceptron over token-string features (see src/entities/ner-features.ts), trained on the CoNLL++
 * train split and written to models/ner.json.gz with what it reached on the dev split.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadGazetteer } from '../entities/gazetteer.js';
import {
  FULL_FEATURES,
  LEAN_FEATURES,
  NerFeatureExtractor,
  type NerFeatureOptions,
} from '../entities/ner-features.js';
import { NER_MODEL_PATH, NerModel, tagConllDocuments } from '../entities/ner-model.js';
import { readConll, toIob2, type ConllDocument } from '../entities/read-conll.js';
import { scoreEntities } from '../entities/score-conll.js';
import { findPackageRoot } from '../model/package-files.js';
import { trainSequenceTagger, type TrainingSentence } from '../tagging/sequence-tagger.js';
import type { TrainContext, TrainTask } from './tasks.js';

export interface NerTrainingOptions {
  readonly features: NerFeatureOptions;
  readonly epochs: number;
  readonly minFeatureCount: number;
  readonly seed: number;
  readonly onEpoch?: (epoch: number, errors: number, tokens: number) => void;
}

/** Settings of the shipped model (chosen on a held-out slice of train, see the task below). */
export const SHIPPED_NER_TRAINING: NerTrainingOptions = {
  features: FULL_FEATURES,
  epochs: 12,
  minFeatureCount: 2,
  seed: 20240601,
};

/** The smaller, faster model: fewer templates (no word pairs, a narrower window). */
export const LEAN_NER_TRAINING: NerTrainingOptions = {
  features: LEAN_FEATURES,
  epochs: 12,
  minFeatureCount: 2,
  seed: 20240601,
};

/** Weights smaller than this (before quantisation) are left out of the file: a smaller download. */
export const PRUNE_BELOW = 0.05;

/** Feature lists for every sentence of the documents, with their tags in IOB2. */
export function nerTrainingSentences(
  documents: readonly ConllDocument[],
  extractor: NerFeatureExtractor,
): TrainingSentence[] {
  const sentences: TrainingSentence[] = [];
  for (const document of documents) {
    const words = document.sentences.map((sentence) => sentence.words);
    const context = extractor.options.document ? extractor.documentContext(words) : undefined;
    for (const sentence of document.sentences) {
      sentences.push({
        features: extractor.sentenceFeatures(sentence.words, context),
        tags: toIob2(sentence.tags),
      });
    }
  }
  return sentences;
}

export function trainNerModel(
  documents: readonly ConllDocument[],
  options: NerTrainingOptions,
): NerModel {
  const extractor = new NerFeatureExtractor(options.features, loadGazetteer());
  const tagger = trainSequenceTagger(nerTrainingSentences(documents, extractor), {
    epochs: options.epochs,
    minFeatureCount: options.minFeatureCount,
    seed: options.seed,
    ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
  });
  return new NerModel(tagger, extractor);
}

/** Entity-level micro F1 (0–1) of a model on documents, and its tagging speed. */
export function evaluateNerModel(
  model: NerModel,
  documents: readonly ConllDocument[],
): { f1: number; tokensPerSecond: number } {
  const { gold, predicted, tokens, seconds } = tagConllDocuments(model, documents);
  return {
    f1: scoreEntities(gold, predicted).overall.f1,
    tokensPerSecond: seconds > 0 ? tokens / seconds : 0,
  };
}

const DATA_FOLDER = join('..', 'shared', 'data', 'conllpp');

export const nerTask: TrainTask = {
  description:
    'named-entity tagger (PER, ORG, LOC, MISC) on CoNLL++ train → models/ner.json.gz (NER_LEAN=1: the lean model)',
  async run(context: TrainContext): Promise<boolean> {
    const root = findPackageRoot();
    const data = context.data ?? join(root, DATA_FOLDER, 'conllpp_train.txt');
    if (!existsSync(data)) {
      context.log(`ner: no training data at ${resolve(data)}; pass --data FILE (CoNLL format)`);
      return false;
    }
    const lean = process.env['NER_LEAN'] === '1';
    const settings = lean ? LEAN_NER_TRAINING : SHIPPED_NER_TRAINING;
    const out = context.out ?? join(root, lean ? LEAN_NER_MODEL_PATH : NER_MODEL_PATH);
    const documents = readConll(data);
    const tokens = documents.reduce(
      (sum, document) =>
        sum + document.sentences.reduce((count, sentence) => count + sentence.words.length, 0),
      0,
    );
    context.log(`ner: ${documents.length} documents, ${tokens} tokens from ${data}`);
    const started = performance.now();
    const model = trainNerModel(documents, {
      ...settings,
      onEpoch: (epoch, errors, count) =>
        context.log(`  epoch ${epoch}: ${((100 * errors) / count).toFixed(2)}% tokens wrong`),
    });
    const trainSeconds = (performance.now() - started) / 1000;
    const about: Record<string, unknown> = {
      task: 'named-entity recognition, CoNLL tags PER ORG LOC MISC in IOB2',
      data: relative(root, resolve(data)),
      tokens,
      featureOptions: settings.features,
      epochs: settings.epochs,
      minFeatureCount: settings.minFeatureCount,
      pruneBelow: PRUNE_BELOW,
      seed: settings.seed,
      trainedFeatures: model.tagger.featureCount,
    };
    const dev = join(dirname(data), 'conllpp_dev.txt');
    await mkdir(dirname(out), { recursive: true });
    model.tagger.save(out, about, PRUNE_BELOW);
    // Score the saved (quantised, pruned) file: that is what the product runs.
    const saved = NerModel.load(out);
    about['savedFeatures'] = saved.tagger.featureCount;
    if (existsSync(dev)) {
      const { f1, tokensPerSecond } = evaluateNerModel(saved, readConll(dev));
      about['devData'] = relative(root, resolve(dev));
      about['devF1'] = Number((100 * f1).toFixed(2));
      context.log(`ner: dev F1 ${(100 * f1).toFixed(2)} (${Math.round(tokensPerSecond)} tokens/s)`);
      saved.tagger.save(out, about);
    }
    context.log(
      `ner: trained in ${trainSeconds.toFixed(1)} s; ${saved.tagger.featureCount} features kept of ${model.tagger.featureCount}; wrote ${out}`,
    );
    return true;
  },
};

/** The lean model's file, beside the shipped one. */
export const LEAN_NER_MODEL_PATH = join('models', 'ner-lean.json.gz');
