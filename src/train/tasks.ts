import { attributionTrainTask } from './attribution.js';
import { attributionSequencesTask } from './export-attribution-sequences.js';
import { loadedLanguageTask } from './loaded-language.js';
import { nerTask } from './ner.js';
import { stanceTask } from './stance.js';
import { termWeightsTask } from './term-weights.js';
import { claimSimilarityTask } from './claim-similarity.js';
import { storyJoinTask } from './story-join.js';

/** A training job: reads its data, fits a model, writes the weights file the product loads. */
export interface TrainContext {
  /** `--data`, or undefined for the task's default under ../shared/data. */
  readonly data: string | undefined;
  /** `--out`, or undefined for the model's shipped path under models/. */
  readonly out: string | undefined;
  readonly log: (line: string) => void;
}

export interface TrainTask {
  readonly description: string;
  run(context: TrainContext): Promise<boolean>;
}

export const TRAIN_TASKS: Readonly<Record<string, TrainTask>> = {
  ner: nerTask,
  attribution: attributionTrainTask,
  'attribution-sequences': attributionSequencesTask,
  'term-weights': termWeightsTask,
  stance: stanceTask,
  'claim-similarity': claimSimilarityTask,
  'loaded-language': loadedLanguageTask,
  'story-join': storyJoinTask,
};
