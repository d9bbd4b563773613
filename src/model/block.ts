import type { TextRange } from './span.js';

/** What the markup (or the layout of a text file) says a block is, before any rule looks at its words. */
export type BlockHint = 'caption' | 'heading' | 'list-item' | 'quote' | 'byline';

/**
 * A paragraph-sized piece of an input's readable text, the unit boilerplate rules judge: a line
 * of a text file, a block element of an HTML page. `start`/`end` index the readable text.
 */
export interface Block extends TextRange {
  readonly hint?: BlockHint;
  /** Ranges inside `[start, end)` to keep, when a block is several pieces (hard-wrapped lines). */
  readonly pieces?: readonly TextRange[];
}

/** The readable text of an input and its blocks. For a text file, `text` is the file itself. */
export interface ReadableText {
  readonly text: string;
  readonly blocks: readonly Block[];
}
