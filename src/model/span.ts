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

/** Whether the two ranges share at least one position. */
export function rangesOverlap(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Whether `range` lies wholly within `container`. */
export function rangeWithin(range: TextRange, container: TextRange): boolean {
  return range.start >= container.start && range.end <= container.end;
}

/** The smallest range covering all of them. */
export function rangeHull(ranges: readonly TextRange[]): TextRange {
  return {
    start: Math.min(...ranges.map((range) => range.start)),
    end: Math.max(...ranges.map((range) => range.end)),
  };
}
