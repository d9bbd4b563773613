import { analyzeInputs } from '../src/pipeline/analyze.js';
import type { ReportArticle } from '../src/model/report.js';
import { buildReport } from '../src/report/build-report.js';
import { EXAMPLE_DIRECTORY } from './shared-data.js';

export const GOLDEN_DIRECTORY_NAME = 'test/fixtures/harbor-strike/expected';

/** One attribution as a reviewer reads it: who, what kind, through whom, what was said. */
interface GoldenSource {
  source: string | null;
  kind: string | null;
  count: number | null;
  affiliation: string | null;
  via: string[];
  cue: string;
  content: string;
  polarity: string;
}

/**
 * What the golden fixtures hold per article of the bundled example: the report's article entry,
 * minus `path` (it depends on where the checkout is), the entities named in it (with their
 * aliases across the story) and its sources, in a form a person can review in a diff.
 */
export async function goldenArticles(): Promise<
  Record<
    string,
    Omit<ReportArticle, 'path'> & {
      entities: { name: string; type: string; aliases: string[]; roles: string[] }[];
      sources: GoldenSource[];
    }
  >
> {
  const { articles, diagnostics, story } = await analyzeInputs([EXAMPLE_DIRECTORY]);
  const report = buildReport(articles, diagnostics, story);
  return Object.fromEntries(
    report.articles.map((article) => {
      const { path: _path, ...rest } = article;
      const entities = report.entities
        .filter((entity) => entity.mentions.some((mention) => mention.article === article.id))
        .map(({ name, type, aliases, roles }) => ({ name, type, aliases, roles }));
      const sources = report.attributions
        .filter((attribution) => attribution.article === article.id)
        .map((attribution) => ({
          source: attribution.source?.text ?? null,
          kind: attribution.source?.kind ?? null,
          count: attribution.source?.count ?? null,
          affiliation: attribution.source?.affiliation ?? null,
          via: attribution.via,
          cue: attribution.cue.text,
          content: attribution.content.text,
          polarity: attribution.polarity,
        }));
      return [article.id, { ...rest, entities, sources }];
    }),
  );
}
