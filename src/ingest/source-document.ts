import type { Diagnostic } from '../model/diagnostic.js';

/** Metadata an input itself supplies (sidecar, feed item, JSONL fields, HTML meta tags). */
export interface SourceMetadata {
  id?: string;
  path?: string;
  url?: string;
  outlet?: string;
  title?: string;
  published?: string;
  byline?: string;
}

/**
 * One article's raw material, before cleaning: decoded text in one of two formats. Every input kind
 * (file, URL, feed item, JSONL line, stdin) is reduced to these.
 */
export interface SourceDocument {
  /** The input as the user would recognise it: a path, a URL, `-`, `feed.xml#3`, `file.jsonl:12`. */
  readonly input: string;
  readonly format: 'text' | 'html';
  readonly content: string;
  readonly metadata: SourceMetadata;
  /** What the article id is made from when the input names none (a file stem, a URL). */
  readonly idBasis: string;
  /** True when `content` is an HTML fragment (a feed item's body), not a whole page. */
  readonly fragment?: boolean;
  readonly diagnostics: readonly Diagnostic[];
}
