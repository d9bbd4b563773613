/**
 * Claims-stage scaling for `npm run bench`: how alignment time grows with story size. Stories of
 * 25, 50, 100 and 200 articles are built from BASIL (../shared/data/basil/articles, 150 full
 * articles on 50 events, each told by three outlets, in file order) followed by rewritten copies
 * of the same articles (their sentences in reverse order, every fourth one dropped), so the larger
 * stories hold many statements of the same claims, as a story followed over a day does. Every
 * article goes through the per-article stages once; each story then runs the story stages and the
 * claims stage, timed alone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Article } from '../src/model/article.js';
import { Story } from '../src/model/story.js';
import { ARTICLE_STAGES, STORY_STAGES } from '../src/pipeline/analyze.js';
import { buildArticle } from '../src/pipeline/build-article.js';
import { buildClaims } from '../src/claims/build-claims.js';

export const STORY_SIZES = [25, 50, 100, 200] as const;

interface BasilArticle {
  title?: string;
  'body-paragraphs': string[][];
}

function basilTexts(directory: string): string[] {
  const texts: string[] = [];
  for (const year of readdirSync(directory).sort()) {
    for (const name of readdirSync(join(directory, year)).sort()) {
      if (!name.endsWith('.json')) continue;
      const article = JSON.parse(readFileSync(join(directory, year, name), 'utf8')) as BasilArticle;
      const body = article['body-paragraphs'].map((paragraph) => paragraph.join(' ')).join('\n\n');
      texts.push(`${article.title ?? ''}\n\n${body}`);
    }
  }
  return texts;
}

function rewritten(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+/);
  return sentences
    .reverse()
    .filter((_, index) => index % 4 !== 3)
    .join(' ');
}

export function claimScaling(dataDirectory: string): string[] {
  const directory = join(dataDirectory, 'basil', 'articles');
  if (!existsSync(directory)) return [`claims scaling: skipped (${directory} not found)`];
  const originals = basilTexts(directory);
  const largest = STORY_SIZES.at(-1)!;
  const texts = [...originals, ...originals.map(rewritten)].slice(0, largest);
  const articles: Article[] = texts.map((content, index) => {
    const article = buildArticle(
      {
        input: `basil-${index}.txt`,
        format: 'text',
        content,
        metadata: {},
        idBasis: `b${index}`,
        diagnostics: [],
      },
      `b${index}`,
    );
    for (const stage of ARTICLE_STAGES) stage.run(article);
    return article;
  });
  const lines = [
    `claims stage by story size (BASIL articles, then rewritten copies; see bench/claims-scaling.ts):`,
  ];
  let previous: { size: number; ms: number } | undefined;
  for (const size of STORY_SIZES) {
    const story = new Story(articles.slice(0, size));
    for (const stage of STORY_STAGES) if (stage.name !== 'build-claims') stage.run(story);
    buildClaims(story); // warm-up: lexicons and weights load once
    const started = performance.now();
    const result = buildClaims(story);
    const ms = performance.now() - started;
    const statements = result.mentions.length;
    const growth = previous
      ? `, ×${(ms / previous.ms).toFixed(2)} for ×${size / previous.size} articles`
      : '';
    lines.push(
      `    ${String(size).padStart(3)} articles: ${ms.toFixed(0)} ms (${statements} statements, ${result.alignment.scored} pairs scored of ${((statements * (statements - 1)) / 2).toFixed(0)} possible, ${story.claims.length} claims, ${story.conflicts.length} conflicts${growth})`,
    );
    previous = { size, ms };
  }
  return lines;
}
