import { StoryClusterer } from '../cluster/cluster-stream.js';
import { entityStage } from '../entities/entity-stage.js';
import { namesOf } from '../stream/article-names.js';
import { analyzeInputs } from '../pipeline/analyze.js';
import { segmentStage } from '../pipeline/segment-stage.js';
import {
  cliFetchOptions,
  printDiagnostics,
  refusesToOverwrite,
  writeOutput,
} from './cli-output.js';

export interface ClusterCliOptions {
  format: 'text' | 'json';
  out?: string;
  outlet?: string;
  date?: string;
  follow: boolean;
  timeout: number;
  explain: boolean;
}

export interface ClusterStreams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** How many of a story's most named entities its summary lists. */
const STORY_ENTITIES = 8;

/**
 * `triangulate cluster`: reads every input, cleans each article and finds its names (no sources
 * or claims: this is the fast path for archives), and groups the articles into stories, one at a
 * time in input order, as a feed would deliver them.
 */
export async function clusterCommand(
  inputs: string[],
  options: ClusterCliOptions,
  streams: ClusterStreams,
): Promise<number> {
  if (refusesToOverwrite(inputs, options.out, streams.stderr)) return 2;

  const showProgress = Boolean(streams.stderr.isTTY);
  const clusterer = new StoryClusterer();
  const reasons = new Map<string, string>();
  const names = new Map<string, Map<string, number>>();
  let clustered = 0;
  // Each article is clustered as soon as it is built and then dropped: an archive of 100,000
  // articles needs memory for its stories, not for every analysed article.
  const analysis = await analyzeInputs(inputs, {
    ...(options.outlet ? { outlet: options.outlet } : {}),
    ...(options.date ? { published: options.date } : {}),
    stages: { article: [segmentStage, entityStage], story: [] },
    keepArticles: false,
    ingest: {
      follow: options.follow,
      fetch: cliFetchOptions(options.timeout),
    },
    onArticle: (article, done, total) => {
      const entities = namesOf(article);
      const assigned = clusterer.add({
        id: article.id,
        text: article.text,
        entities: [...entities.keys()],
        ...(article.metadata.title ? { title: article.metadata.title } : {}),
        ...(article.metadata.published ? { published: article.metadata.published } : {}),
      });
      clustered++;
      if (options.explain) reasons.set(article.id, assigned.reason);
      const counts = names.get(assigned.story) ?? new Map<string, number>();
      for (const name of entities.values()) counts.set(name, (counts.get(name) ?? 0) + 1);
      names.set(assigned.story, counts);
      if (showProgress && done % 100 === 0)
        streams.stderr.write(`\r\u001b[2Kclustered ${done}/${total}`);
    },
  });
  if (showProgress) streams.stderr.write('\r\u001b[2K');
  printDiagnostics(analysis.diagnostics, streams.stderr, false);
  if (clustered === 0) {
    streams.stderr.write('triangulate: no article could be read\n');
    return 2;
  }

  const stories = clusterer.stories().map((story) => ({
    id: story.id,
    articles: story.articles,
    title: story.title,
    entities: [...(names.get(story.id) ?? new Map<string, number>())]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, STORY_ENTITIES)
      .map(([name]) => name),
    span: story.span,
    ...(options.explain
      ? { reasons: Object.fromEntries(story.articles.map((id) => [id, reasons.get(id)!])) }
      : {}),
  }));

  const output =
    options.format === 'json'
      ? JSON.stringify({ stories }, null, 2) + '\n'
      : stories
          .map((story) => {
            const when = story.span.from
              ? ` (${story.span.from.slice(0, 10)}${story.span.to && story.span.to !== story.span.from ? ` to ${story.span.to.slice(0, 10)}` : ''})`
              : '';
            const lines = [`${story.id}  ${story.title}${when}`];
            if (story.entities.length) lines.push(`    names: ${story.entities.join(', ')}`);
            for (const id of story.articles) {
              lines.push(options.explain ? `    ${id}: ${reasons.get(id)}` : `    ${id}`);
            }
            return lines.join('\n');
          })
          .join('\n') + '\n';
  await writeOutput(output, options.out, streams.stdout);
  return analysis.diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? 1 : 0;
}
