import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { PipelineError } from '../model/errors.js';
import { findPackageRoot } from '../model/package-files.js';
import { readTaggerFile, SequenceTagger, type TaggerFile } from '../tagging/sequence-tagger.js';
import { loadGazetteer } from './gazetteer.js';
import { NerDecoder } from './ner-decoder.js';
import {
  NerFeatureExtractor,
  type DocumentContext,
  type NerFeatureOptions,
} from './ner-features.js';

/** The shipped model, relative to the package root; `npm run train -- ner` writes it. */
export const NER_MODEL_PATH = join('models', 'ner.json.gz');

/** A sequence tagger together with the feature templates it was trained with. */
export class NerModel {
  private readonly decoder: NerDecoder;

  constructor(
    readonly tagger: SequenceTagger,
    readonly extractor: NerFeatureExtractor,
    /** The tagger's weights as saved (quantised); made from `tagger` when not given. */
    file: TaggerFile = tagger.toFile(),
  ) {
    this.decoder = new NerDecoder(file, extractor);
  }

  /** CoNLL tags (`B-PER`, `I-ORG`, `O`, …) for every sentence of one document. */
  tagDocument(sentences: readonly (readonly string[])[]): string[][] {
    return this.decoder.tagDocument(sentences);
  }

  /** The same through `SequenceTagger.tag` on feature strings: slower, the reference. */
  tagDocumentWithStrings(sentences: readonly (readonly string[])[]): string[][] {
    const document = this.documentContext(sentences);
    return sentences.map((words) =>
      this.tagger.tag(this.extractor.sentenceFeatures(words, document)),
    );
  }

  private documentContext(sentences: readonly (readonly string[])[]): DocumentContext | undefined {
    return this.extractor.options.document ? this.extractor.documentContext(sentences) : undefined;
  }

  static load(path: string): NerModel {
    const file = readTaggerFile(path);
    const tagger = SequenceTagger.fromFile(file, path);
    const options = featureOptionsOf(tagger.about, path);
    return new NerModel(tagger, new NerFeatureExtractor(options, loadGazetteer()), file);
  }
}

/** Tags every sentence of CoNLL documents, one document at a time (document features need it). */
export function tagConllDocuments(
  model: NerModel,
  documents: readonly {
    sentences: readonly { words: readonly string[]; tags: readonly string[] }[];
  }[],
): { gold: (readonly string[])[]; predicted: string[][]; tokens: number; seconds: number } {
  const gold: (readonly string[])[] = [];
  const predicted: string[][] = [];
  let tokens = 0;
  const started = performance.now();
  for (const document of documents) {
    const tags = model.tagDocument(document.sentences.map((sentence) => sentence.words));
    document.sentences.forEach((sentence, index) => {
      gold.push(sentence.tags);
      predicted.push(tags[index]!);
      tokens += sentence.words.length;
    });
  }
  return { gold, predicted, tokens, seconds: (performance.now() - started) / 1000 };
}

/** The feature templates a model file records in `about.featureOptions`. */
function featureOptionsOf(about: Record<string, unknown>, path: string): NerFeatureOptions {
  const options = about['featureOptions'] as Partial<NerFeatureOptions> | undefined;
  if (
    !options ||
    typeof options.window !== 'number' ||
    typeof options.shapeWindow !== 'number' ||
    typeof options.affixLength !== 'number' ||
    typeof options.pairs !== 'boolean' ||
    typeof options.gazetteer !== 'boolean' ||
    typeof options.document !== 'boolean'
  ) {
    throw new PipelineError('bad-model', `${path}: no NER feature options in the model's "about"`);
  }
  return options as NerFeatureOptions;
}

let shipped: NerModel | undefined;

/** The model under `models/`, loaded on first use and kept. */
export function loadShippedNerModel(): NerModel {
  shipped ??= NerModel.load(join(findPackageRoot(), NER_MODEL_PATH));
  return shipped;
}
