import type { Article, EntityMention, EntityType } from '../src/model/article.js';
import { buildArticle } from '../src/pipeline/build-article.js';
import { segmentStage } from '../src/pipeline/segment-stage.js';

/** A plain-text article, cleaned and segmented as the pipeline would, for unit tests. */
export function articleFromText(
  id: string,
  text: string,
  metadata: { outlet?: string; published?: string } = {},
): Article {
  const article = buildArticle(
    {
      input: `${id}.txt`,
      format: 'text',
      content: text,
      metadata: { ...metadata },
      idBasis: id,
      diagnostics: [],
    },
    id,
  );
  segmentStage.run(article);
  return article;
}

/** Entity mentions given by their surface text: every place each name occurs. */
export function mentionsOf(
  article: Article,
  names: Readonly<Record<string, EntityType>>,
): EntityMention[] {
  const mentions: EntityMention[] = [];
  // Longest names first, so "Haddad" inside "Izz al-Din Haddad" is not a second mention.
  const entries = Object.entries(names).sort((a, b) => b[0].length - a[0].length);
  for (const [name, type] of entries) {
    let from = 0;
    for (;;) {
      const start = article.text.indexOf(name, from);
      if (start < 0) break;
      const end = start + name.length;
      if (!mentions.some((mention) => mention.start < end && start < mention.end)) {
        mentions.push({ start, end, type, ruleId: 'test' });
      }
      from = start + name.length;
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}
