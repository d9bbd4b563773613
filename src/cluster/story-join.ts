/**
 * The learned join decision of the story clusterer: a logistic model over a few similarities of
 * an article to one candidate story (`models/story-join.json`, fitted by `npm run train --
 * story-join` on NeuS train.source). Centroid cosine alone cannot tell "same event" from "same
 * topic" in a dense stream; how far the best story stands above the runner-up, rare names and
 * figures shared with a report, and the closest single report say more (docs/adr/0010).
 */
import { readPackageJson } from '../model/package-files.js';
import { PipelineError } from '../model/errors.js';

export const STORY_JOIN_PATH = 'models/story-join.json';

/** The features, in the order of the model's weights. */
export const STORY_JOIN_FEATURES = [
  'centroid-cosine',
  'closest-report-cosine',
  'title-cosine',
  'shared-rare-terms',
  'shared-figures',
  'margin-over-runner-up',
  'ranked-first',
] as const;
export type StoryJoinFeature = (typeof STORY_JOIN_FEATURES)[number];

/** What `models/story-join.json` holds. */
export interface StoryJoinModel {
  readonly about: string;
  readonly features: readonly string[];
  readonly weights: readonly number[];
  readonly bias: number;
  /** Least join probability that maximised B-cubed F1 on the train streams. */
  readonly threshold: number;
}

/** The similarities of an article to one candidate story, before the model weighs them. */
export interface JoinEvidence {
  /** Cosine with the story's centroid, plus the entity-overlap bonus when entities are given. */
  readonly centroidCosine: number;
  /** Best cosine with one of the story's recent reports. */
  readonly closestReportCosine: number;
  /** Best cosine of title stems with one of the story's recent reports' titles. */
  readonly titleCosine: number;
  /** Rare stems (names, places) of the article found in the story's centroid. */
  readonly sharedRareTerms: number;
  /** Figures (counts, sums, not years) the article shares with the story's recent reports. */
  readonly sharedFigures: number;
  /** Centroid cosine minus the best centroid cosine among the other candidates. */
  readonly marginOverRunnerUp: number;
  /** Whether this story has the highest centroid cosine of all candidates. */
  readonly rankedFirst: boolean;
}

/** The model's inputs: counts enter as log(1 + n) so the tenth shared name adds little. */
export function featureVector(evidence: JoinEvidence): number[] {
  return [
    evidence.centroidCosine,
    evidence.closestReportCosine,
    evidence.titleCosine,
    Math.log1p(evidence.sharedRareTerms),
    Math.log1p(evidence.sharedFigures),
    evidence.marginOverRunnerUp,
    evidence.rankedFirst ? 1 : 0,
  ];
}

export function joinProbability(model: StoryJoinModel, evidence: JoinEvidence): number {
  const features = featureVector(evidence);
  let sum = model.bias;
  for (let index = 0; index < features.length; index++) {
    sum += (model.weights[index] ?? 0) * features[index]!;
  }
  return 1 / (1 + Math.exp(-sum));
}

let shipped: StoryJoinModel | undefined;

export function shippedStoryJoinModel(): StoryJoinModel {
  if (shipped) return shipped;
  const model = readPackageJson<StoryJoinModel>(STORY_JOIN_PATH);
  const expected = STORY_JOIN_FEATURES.join(',');
  if (model.features.join(',') !== expected || model.weights.length !== model.features.length) {
    throw new PipelineError(
      'bad-model',
      `${STORY_JOIN_PATH} has features ${model.features.join(',')}, expected ${expected}`,
    );
  }
  shipped = model;
  return shipped;
}

/** A figure: digits with their separators ("853,000", "4.5"). */
const FIGURE = /\d[\d,.]*\d|\d/g;
/** Years name a period, not an event: "2020" is shared by thousands of stories. */
const YEAR = /^(?:19|20)\d\d$/;

/**
 * The figures of a text, years and single digits left out: a shared "853,000" or "$32,000" is
 * strong evidence of one event, "2020" or "3" is not.
 */
export function figuresOf(text: string): Set<string> {
  const figures = new Set<string>();
  for (const match of text.matchAll(FIGURE)) {
    const figure = match[0];
    if (figure.length > 1 && !YEAR.test(figure)) figures.add(figure);
  }
  return figures;
}
