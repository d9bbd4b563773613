import type { Block, ReadableText } from '../model/block.js';
import type { TextRange } from '../model/span.js';

/**
 * Hard-wrapped paragraphs (e-mail, plain-text wire copy) have lines of near-equal length; a run of
 * at least this many such lines is joined into one block. Shorter runs stay line by line, because
 * in captured articles a new line is far more often a new paragraph or a caption.
 */
const MIN_WRAPPED_LINES = 3;
const MIN_WRAPPED_LINE_LENGTH = 55;
const MAX_WRAPPED_LINE_LENGTH = 100;
/** Wrapped lines differ by at most this much in length (apart from the paragraph's last line). */
const MAX_WRAPPED_LENGTH_SPREAD = 30;

/**
 * A plain-text article's blocks: one per non-empty line (split on newlines first, so caption lines
 * never merge into sentences), except that hard-wrapped paragraphs are joined back.
 */
export function splitTextBlocks(text: string): ReadableText {
  const lines: TextRange[] = [];
  const linePattern = /[^\r\n]+/g;
  for (let match = linePattern.exec(text); match; match = linePattern.exec(text)) {
    const raw = match[0];
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = match.index + leading;
    lines.push({ start, end: start + trimmed.length });
  }
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const runEnd = wrappedRunEnd(text, lines, index);
    if (
      runEnd - index >= MIN_WRAPPED_LINES &&
      !mostLinesEndSentences(text, lines.slice(index, runEnd - 1))
    ) {
      const pieces = lines.slice(index, runEnd);
      blocks.push({ start: pieces[0]!.start, end: pieces[pieces.length - 1]!.end, pieces });
      index = runEnd;
    } else {
      blocks.push(lines[index]!);
      index++;
    }
  }
  return { text, blocks };
}

/** Lines that end sentences are paragraphs of their own, not a wrapped paragraph's inner lines. */
function mostLinesEndSentences(text: string, lines: readonly TextRange[]): boolean {
  const ending = lines.filter((line) =>
    /[.!?:]["'”’)]?$/.test(text.slice(line.start, line.end)),
  ).length;
  return ending * 2 > lines.length;
}

/** The end (exclusive) of the run of wrapped lines starting at `first`: consecutive lines, no blank line between. */
function wrappedRunEnd(text: string, lines: readonly TextRange[], first: number): number {
  let shortest = Infinity;
  let longest = 0;
  let index = first;
  while (index < lines.length) {
    const line = lines[index]!;
    const length = line.end - line.start;
    if (length < MIN_WRAPPED_LINE_LENGTH || length > MAX_WRAPPED_LINE_LENGTH) break;
    shortest = Math.min(shortest, length);
    longest = Math.max(longest, length);
    if (longest - shortest > MAX_WRAPPED_LENGTH_SPREAD) break;
    const next = lines[index + 1];
    if (!next || /\n[ \t]*\r?\n/.test(text.slice(line.end, next.start))) {
      index++;
      return index;
    }
    index++;
  }
  // The paragraph's last line is usually short: take it when the run before it was wrapped.
  const last = lines[index];
  if (
    index > first &&
    last &&
    !/\n[ \t]*\r?\n/.test(text.slice(lines[index - 1]!.end, last.start))
  ) {
    return index + 1;
  }
  return index;
}
