import type { Article, LayerName } from '../model/article.js';
import { PipelineError } from '../model/errors.js';
import type { Story } from '../model/story.js';

/**
 * A per-article stage: what layers it reads and what it adds. Later stages (entities,
 * attributions, framing) plug in here; whole-story stages (alignment, timeline) get their own type.
 */
export interface ArticleStage {
  readonly name: string;
  readonly requires: readonly LayerName[];
  readonly provides: readonly LayerName[];
  run(article: Article): void;
}

/** Layers every article has from the moment it is built: cleaning makes paragraphs and headings. */
export const LAYERS_FROM_CLEANING: readonly LayerName[] = ['paragraphs', 'headings'];

/** Checks once, up front, that every stage's requirements are provided by an earlier stage. */
export function checkStageOrder(stages: readonly ArticleStage[]): void {
  const available = new Set<LayerName>(LAYERS_FROM_CLEANING);
  for (const stage of stages) {
    for (const layer of stage.requires) {
      if (!available.has(layer)) {
        throw new PipelineError(
          'unsatisfied-requirement',
          `stage "${stage.name}" requires "${layer}", which no earlier stage provides`,
        );
      }
    }
    for (const layer of stage.provides) available.add(layer);
  }
}

/**
 * A whole-story stage: runs once over every article of the run, after the per-article stages
 * (entity resolution across outlets, attribution chains that need resolved entities).
 */
export interface StoryStage {
  readonly name: string;
  run(story: Story): void;
}
