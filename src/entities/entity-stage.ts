import type { ArticleStage } from '../pipeline/stage.js';
import { recognizeEntities } from './recognize-entities.js';

/**
 * Named-entity mentions (person, organization, place, group, other) over the article's sentences,
 * from the shipped tagger in models/ner.json.gz (loaded once, on first use).
 */
export const entityStage: ArticleStage = {
  name: 'entities',
  requires: ['sentences', 'tokens'],
  provides: ['entityMentions'],
  run(article) {
    article.setLayer('entityMentions', recognizeEntities(article));
  },
};
