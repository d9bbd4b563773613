/**
 * A half-open range `[start, end)` of UTF-16 code units (JavaScript string indices) in one text.
 * Findings never store their text: it is always `text.slice(start, end)`, so it cannot drift.
 */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export function rangeText(text: string, range: TextRange): string {
  return text.slice(range.start, range.end);
}

export function rangeLength(range: TextRange): number {
  return range.end - range.start;
}
