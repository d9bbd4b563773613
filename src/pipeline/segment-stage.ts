import { segmentText } from '../text/segment-text.js';
import type { ArticleStage } from './stage.js';

/** Sentences and tokens over the cleaned text (wink-nlp), cut at paragraph ends. */
export const segmentStage: ArticleStage = {
  name: 'segment',
  requires: ['paragraphs'],
  provides: ['sentences', 'tokens'],
  run(article) {
    const { sentences, tokens } = segmentText(article.text, article.layer('paragraphs'));
    article.setLayer('sentences', sentences);
    article.setLayer('tokens', tokens);
  },
};
