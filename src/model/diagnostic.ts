import type { TextRange } from './span.js';

export type Severity = 'error' | 'warning' | 'info';

/** An expected problem with an input, with the input it concerns and, where known, a position. */
export interface Diagnostic {
  readonly input: string;
  readonly severity: Severity;
  readonly message: string;
  /** Offsets into the article's cleaned text, when the problem is inside an article. */
  readonly span?: TextRange & { readonly article: string };
}
