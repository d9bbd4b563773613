/**
 * Maps offsets in an article's cleaned text back to the text it was cleaned from (the decoded
 * file, or the readable text of an HTML page). Cleaning only ever keeps runs of the original
 * verbatim and puts separators between them, so the map is a sorted list of aligned runs.
 */
export interface AlignedRun {
  /** Where the run starts in the cleaned text. */
  readonly cleanStart: number;
  /** Where the same characters start in the original. */
  readonly originalStart: number;
  readonly length: number;
}

export class OffsetMap {
  constructor(private readonly runs: readonly AlignedRun[]) {}

  /** The original offset of a cleaned-text offset. Offsets inside an inserted separator map to the end of the run before it. */
  toOriginal(cleanOffset: number): number {
    const run = this.runAt(cleanOffset);
    if (!run) return 0;
    const delta = Math.min(cleanOffset - run.cleanStart, run.length);
    return run.originalStart + delta;
  }

  /** The original range of a cleaned-text range (end is exclusive, so it maps via the last character). */
  rangeToOriginal(start: number, end: number): { start: number; end: number } {
    if (end <= start) {
      const at = this.toOriginal(start);
      return { start: at, end: at };
    }
    return { start: this.toOriginal(start), end: this.toOriginal(end - 1) + 1 };
  }

  get alignedRuns(): readonly AlignedRun[] {
    return this.runs;
  }

  private runAt(cleanOffset: number): AlignedRun | undefined {
    let low = 0;
    let high = this.runs.length - 1;
    let found: AlignedRun | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const run = this.runs[middle]!;
      if (run.cleanStart <= cleanOffset) {
        found = run;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found ?? this.runs[0];
  }
}
