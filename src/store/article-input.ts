import type { Article } from '../model/article.js';
import type { ArticleInput } from './store.js';

/** What the store keeps of an analysed article: its cleaned text, metadata and names. */
export function articleInputOf(
  article: Article,
  extra: { entities?: readonly string[]; feedUrl?: string } = {},
): ArticleInput {
  const { metadata } = article;
  return {
    sourceId: article.id,
    url: metadata.url,
    outlet: metadata.outlet,
    title: metadata.title,
    published: metadata.published,
    text: article.text,
    ...extra,
  };
}
