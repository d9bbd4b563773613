// Public API: the article model, the report contract, and the functions the CLI is built from.
export { Article } from './model/article.js';
export type {
  ArticleMetadata,
  Heading,
  LayerName,
  LayerTypes,
  RemovedText,
  Token,
} from './model/article.js';
export type { Diagnostic, Severity } from './model/diagnostic.js';
export { InputError, PipelineError } from './model/errors.js';
export { OffsetMap } from './model/offset-map.js';
export type * from './model/report.js';
export type { TextRange } from './model/span.js';
export { analyzeDocuments, analyzeInputs } from './pipeline/analyze.js';
export type { AnalyzeOptions, Analysis } from './pipeline/analyze.js';
export { buildReport } from './report/build-report.js';
export { htmlPage, renderHtml } from './report/render-html.js';
export { renderMarkdown } from './report/render-markdown.js';
export { renderText } from './report/render-text.js';
export { StoryClusterer } from './cluster/cluster-stream.js';
export type {
  StoryAssignment,
  StoryClustererOptions,
  StorySummary,
  StreamArticle,
} from './cluster/cluster-stream.js';
export { defaultStoreLocation, openStore } from './store/open-store.js';
export { StoreError } from './store/store-error.js';
export type * from './store/store.js';
export { watchFeeds } from './stream/watch-feeds.js';
export type { FeedOutcome, RoundSummary, WatchOptions } from './stream/watch-feeds.js';
