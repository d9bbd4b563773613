import { foldName } from '../entities/name-keys.js';
import type { Article } from '../model/article.js';

/** The article's names, keyed by their folded form ("Kovač" and "Kovac" are one), as written first. */
export function namesOf(article: Article): Map<string, string> {
  const names = new Map<string, string>();
  for (const mention of article.layer('entityMentions')) {
    const written = article.slice(mention);
    const key = foldName(written);
    if (key.length > 1 && !names.has(key)) names.set(key, written);
  }
  return names;
}
