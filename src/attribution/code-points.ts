/**
 * Offsets in code points (Python string indices, as brat files use them) against UTF-16 code units
 * (JavaScript string indices, as every layer uses them). They differ only after characters outside
 * the Basic Multilingual Plane (emoji, some CJK), which take two UTF-16 units and one code point.
 */
export class CodePointOffsets {
  /** UTF-16 index of each astral character (the index of its high surrogate), ascending. */
  private readonly astral: number[] = [];

  constructor(text: string) {
    for (let index = 0; index < text.length - 1; index++) {
      const unit = text.charCodeAt(index);
      if (unit >= 0xd800 && unit <= 0xdbff) {
        const next = text.charCodeAt(index + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          this.astral.push(index);
          index++;
        }
      }
    }
  }

  /** Code point index of a UTF-16 index (an index inside a surrogate pair counts as after it). */
  toCodePoint(utf16: number): number {
    return utf16 - this.countBelow((position) => position < utf16 - 1);
  }

  /** UTF-16 index of a code point index. */
  toUtf16(codePoint: number): number {
    return codePoint + this.countBelow((position, rank) => position - rank < codePoint);
  }

  /** How many astral characters satisfy `before` (a predicate that holds for a prefix of them). */
  private countBelow(before: (position: number, rank: number) => boolean): number {
    let low = 0;
    let high = this.astral.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (before(this.astral[middle]!, middle)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
