import { analyzeInputs } from '../src/pipeline/analyze.js';
import type { ReportArticle } from '../src/model/report.js';
import { buildReport } from '../src/report/build-report.js';
import { EXAMPLE_DIRECTORY } from './shared-data.js';

export const GOLDEN_DIRECTORY_NAME = 'test/fixtures/harbor-strike/expected';

/**
 * What the golden fixtures hold per article of the bundled example: the report's article entry,
 * minus `path` (it depends on where the checkout is).
 */
export async function goldenArticles(): Promise<Record<string, Omit<ReportArticle, 'path'>>> {
  const { articles, diagnostics } = await analyzeInputs([EXAMPLE_DIRECTORY]);
  const report = buildReport(articles, diagnostics);
  return Object.fromEntries(
    report.articles.map((article) => {
      const { path: _path, ...rest } = article;
      return [article.id, rest];
    }),
  );
}
