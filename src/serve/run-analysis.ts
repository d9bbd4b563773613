import type { AttributionModelName } from '../attribution/tag-attributions.js';
import { isHttpUrl, type FetchOptions } from '../ingest/fetch-url.js';
import { DEFAULT_INGEST_OPTIONS, readInputs, slugify } from '../ingest/read-inputs.js';
import type { SourceDocument, SourceMetadata } from '../ingest/source-document.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { InputError } from '../model/errors.js';
import type { Report } from '../model/report.js';
import { analyzeDocuments } from '../pipeline/analyze.js';
import { buildReport } from '../report/build-report.js';
import { HttpError } from './http-error.js';
import type { AnalyzeRequest, ArticleItem } from './parse-analyze-request.js';
import { formatBytes } from './read-body.js';

export interface AnalysisSettings {
  /** Per-URL fetch options, with the address check; each timeout is cut to what the request has left. */
  readonly fetch: FetchOptions;
  /** Most articles one request may analyse, feed items included. */
  readonly maxArticles: number;
  /** Most bytes fetched for one request, over all its URLs. */
  readonly maxFetchedBytes: number;
  readonly attributionModel?: AttributionModelName;
  /** Aborts at the request's deadline (or when the client goes away). */
  readonly signal: AbortSignal;
  /** When the request must be done by (epoch ms), to cut fetch timeouts. */
  readonly deadline: number;
}

/**
 * One request's articles to a report: pasted text and HTML become documents directly, URLs are
 * fetched (a feed gives one document per item), then the whole set goes through the pipeline.
 * A URL that fails is a diagnostic in the report, as on the command line; a request where no
 * article could be read is a 422.
 */
export async function runAnalysis(
  request: AnalyzeRequest,
  settings: AnalysisSettings,
): Promise<Report> {
  const documents: SourceDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  let fetchedBytes = 0;
  for (const [index, item] of request.articles.entries()) {
    settings.signal.throwIfAborted();
    const label = `articles[${index}]`;
    if (documents.length >= settings.maxArticles) {
      diagnostics.push({
        input: label,
        severity: 'warning',
        message: `skipped: the request already has ${settings.maxArticles} articles, the most analysed at once`,
      });
      continue;
    }
    if (item.kind !== 'url') {
      documents.push(pastedDocument(item, index));
      continue;
    }
    if (fetchedBytes >= settings.maxFetchedBytes) {
      diagnostics.push({
        input: item.content,
        severity: 'error',
        message: `not fetched: the request's URLs already brought ${formatBytes(settings.maxFetchedBytes)}, the most fetched for one request`,
      });
      continue;
    }
    const fetched = await fetchItem(item, settings);
    diagnostics.push(...fetched.diagnostics);
    const room = settings.maxArticles - documents.length;
    if (fetched.documents.length > room) {
      diagnostics.push({
        input: item.content,
        severity: 'warning',
        message: `${fetched.documents.length} articles found; only the first ${room} analysed (at most ${settings.maxArticles} per request)`,
      });
    }
    for (const document of fetched.documents.slice(0, room)) {
      fetchedBytes += document.content.length;
      documents.push(document);
    }
  }
  settings.signal.throwIfAborted();
  const analysis = await analyzeDocuments(documents, {
    signal: settings.signal,
    ...(settings.attributionModel ? { attributionModel: settings.attributionModel } : {}),
  });
  const allDiagnostics = [...diagnostics, ...analysis.diagnostics];
  if (analysis.articles.length === 0) {
    const problems = allDiagnostics
      .filter((diagnostic) => diagnostic.severity === 'error')
      .slice(0, 3)
      .map((diagnostic) => `${diagnostic.input}: ${diagnostic.message}`);
    throw new HttpError(
      422,
      `no article could be read${problems.length ? ` (${problems.join('; ')})` : ''}`,
    );
  }
  return buildReport(analysis.articles, allDiagnostics, analysis.story);
}

function pastedDocument(item: ArticleItem, index: number): SourceDocument {
  const label = `articles[${index}]`;
  return {
    input: item.id ? `${label} (${item.id})` : label,
    format: item.kind === 'html' ? 'html' : 'text',
    content: item.content,
    metadata: itemMetadata(item),
    // Pasted text has no file name: the outlet names it best, else its place in the request.
    idBasis: item.outlet ? slugify(item.outlet) : `article-${index + 1}`,
    diagnostics: [],
  };
}

function itemMetadata(item: ArticleItem): SourceMetadata {
  return {
    ...(item.id ? { id: item.id } : {}),
    ...(item.outlet ? { outlet: item.outlet } : {}),
    ...(item.title ? { title: item.title } : {}),
    ...(item.published ? { published: item.published } : {}),
  };
}

/**
 * A URL item through the same reading as the CLI (`readInputs`: pages, feeds, JSONL, encodings),
 * never following feed items. The outlet given with the URL applies to every article it yields;
 * id, title and date only when it yields one article (a feed's items keep their own).
 */
async function fetchItem(
  item: ArticleItem,
  settings: AnalysisSettings,
): Promise<{ documents: SourceDocument[]; diagnostics: Diagnostic[] }> {
  // parseAnalyzeRequest already insists on http(s); readInputs would read anything else as a path.
  if (!isHttpUrl(item.content)) throw new HttpError(400, `not an http(s) URL: ${item.content}`);
  const remaining = Math.max(1, settings.deadline - Date.now());
  const result = await readInputs([item.content], {
    ...DEFAULT_INGEST_OPTIONS,
    follow: false,
    fetch: { ...settings.fetch, timeoutMs: Math.min(settings.fetch.timeoutMs, remaining) },
    readStdin: () => Promise.reject(new InputError('unreadable', '-', 'no standard input')),
  });
  const single = result.documents.length === 1;
  const documents = result.documents.map((document) => ({
    ...document,
    metadata: single
      ? { ...document.metadata, ...itemMetadata(item) }
      : { ...document.metadata, ...(item.outlet ? { outlet: item.outlet } : {}) },
  }));
  return { documents, diagnostics: result.diagnostics };
}

/**
 * Refuses the whole request (400) when a URL's host is not one the server may fetch from, before it
 * waits for its turn: a clear answer for the person who sent it. The same check runs again inside
 * the fetch for the connection and for every redirect hop.
 */
export async function checkItemAddresses(
  request: AnalyzeRequest,
  checkAddress: ((url: URL) => Promise<void>) | undefined,
): Promise<void> {
  if (!checkAddress) return;
  for (const [index, item] of request.articles.entries()) {
    if (item.kind !== 'url') continue;
    try {
      await checkAddress(new URL(item.content));
    } catch (error) {
      throw new HttpError(400, `articles[${index}].url: ${(error as Error).message}`);
    }
  }
}
