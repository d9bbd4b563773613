import type { Article } from '../model/article.js';
import type { TextRange } from '../model/span.js';

/** A word or phrase the trained scorer judges lexically loaded. */
export interface LoadedWord extends TextRange {
  readonly word: string;
  readonly score: number;
}

/** Loaded language found by the trained model. (Being written: issue 5.) */
export function findLoadedLanguage(article: Article): LoadedWord[] {
  void article;
  return [];
}
