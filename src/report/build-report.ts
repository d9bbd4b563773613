import type { Article } from '../model/article.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { packageVersion } from '../model/package-files.js';
import {
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportArticle,
  type ReportDiagnostic,
} from '../model/report.js';

/**
 * The JSON export of an analysis. Later stages fill the arrays that are empty here; the span texts
 * are copies made now, for the reader: inside the program a span is offsets.
 */
export function buildReport(
  articles: readonly Article[],
  diagnostics: readonly Diagnostic[],
): Report {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'triangulate', version: packageVersion() },
    diagnostics: diagnostics.map((diagnostic) => exportDiagnostic(diagnostic, articles)),
    articles: articles.map(exportArticle),
    entities: [],
    attributions: [],
    claims: [],
    conflicts: [],
    framing: [],
    timeline: [],
    relations: [],
  };
}

function exportArticle(article: Article): ReportArticle {
  const { metadata } = article;
  return {
    id: metadata.id,
    ...(metadata.path !== undefined ? { path: metadata.path } : {}),
    ...(metadata.url !== undefined ? { url: metadata.url } : {}),
    ...(metadata.outlet !== undefined ? { outlet: metadata.outlet } : {}),
    ...(metadata.title !== undefined ? { title: metadata.title } : {}),
    ...(metadata.published !== undefined ? { published: metadata.published } : {}),
    ...(metadata.byline !== undefined ? { byline: metadata.byline } : {}),
    language: metadata.language,
    text: article.text,
    headings: article.layer('headings').map((heading) => ({
      kind: heading.kind,
      start: heading.start,
      end: heading.end,
      text: article.slice(heading),
    })),
    sentences: article.layer('sentences').map(({ start, end }) => ({ start, end })),
    removed: article.removed.map(({ text, reason, ruleId, start, end }) => ({
      text,
      reason,
      ruleId,
      start,
      end,
    })),
  };
}

function exportDiagnostic(diagnostic: Diagnostic, articles: readonly Article[]): ReportDiagnostic {
  const { input, severity, message, span } = diagnostic;
  const article = span ? articles.find((candidate) => candidate.id === span.article) : undefined;
  return {
    input,
    severity,
    message,
    ...(span
      ? {
          span: {
            article: span.article,
            start: span.start,
            end: span.end,
            text: article?.slice(span) ?? '',
          },
        }
      : {}),
  };
}
