import { readPackageJson } from '../model/package-files.js';
import type { TextRange } from '../model/span.js';
import type { FramingCategory } from '../model/story.js';

/** One entry of `lexicons/framing.json`. */
export interface FramingEntry {
  readonly id: string;
  readonly category: FramingCategory;
  /** The head shown to the reader ("terror / terrorist"). */
  readonly term: string;
  readonly patterns: readonly string[];
  readonly note: string;
  /** Whole words only, no inflections ("entire" but not "entirety"). */
  readonly exact?: boolean;
  /** Match the letters' case as written ("may" but not the month "May"). */
  readonly caseSensitive?: boolean;
  /** Words that, right after a match, make it something else ("fighter jets"). */
  readonly notBefore?: readonly string[];
  readonly examples: readonly { text: string; matches: string[] }[];
  readonly counterexamples?: readonly string[];
}

/** One match of an entry in a text. */
export interface FramingMatch extends TextRange {
  readonly entry: FramingEntry;
}

interface FramingFile {
  entries: FramingEntry[];
}

/** A pattern word, or a gap of one to five words (`...` in the lexicon). */
type PatternWord = { readonly word: string } | { readonly gap: true };
interface CompiledPattern {
  readonly entry: FramingEntry;
  readonly words: readonly PatternWord[];
  /** Number of real words, for "the longest match wins". */
  readonly length: number;
}

const GAP_MAX = 5;
/** Words, with inner hyphens and apostrophes ("so-called", "port's") and digit groups ("2,000"). */
const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+|(?<=\p{N})[,.](?=\p{N})\p{N}+)*/gu;
/** A gap must stay inside one sentence. */
const SENTENCE_BREAK = /[.!?;:]\s/;

interface WordAt extends TextRange {
  readonly lower: string;
  readonly asWritten: string;
}

/**
 * Forms a pattern word may be the base of: the word itself, and what regular inflection adds
 * (-s, -es, -ed, -d, -ing, a doubled final consonant before -ed/-ing, y→ies/ied). Checked from the
 * text's side: each base the token could come from.
 */
function basesOf(token: string): string[] {
  const bases = [token];
  const strip = (suffix: string): string | undefined =>
    token.length > suffix.length + 2 && token.endsWith(suffix)
      ? token.slice(0, -suffix.length)
      : undefined;
  for (const suffix of ['s', 'es', 'ed', 'd', 'ing']) {
    const base = strip(suffix);
    if (base) bases.push(base);
  }
  for (const suffix of ['ed', 'ing']) {
    const base = strip(suffix);
    // "slammed" → "slamm" → "slam"
    if (base && base.at(-1) === base.at(-2)) bases.push(base.slice(0, -1));
  }
  for (const suffix of ['ies', 'ied']) {
    const base = strip(suffix);
    if (base) bases.push(`${base}y`);
  }
  return bases;
}

export class FramingLexicon {
  /** First pattern word → patterns that start with it; keys are lower case unless case-sensitive. */
  private readonly byFirstWord = new Map<string, CompiledPattern[]>();

  constructor(readonly entries: readonly FramingEntry[]) {
    for (const entry of entries) {
      for (const pattern of entry.patterns) {
        const words: PatternWord[] = pattern
          .split(/\s+/)
          .map((word) =>
            word === '...'
              ? { gap: true }
              : { word: entry.caseSensitive ? word : word.toLowerCase() },
          );
        const first = words[0];
        if (!first || !('word' in first)) continue;
        const compiled = { entry, words, length: words.filter((word) => 'word' in word).length };
        const list = this.byFirstWord.get(first.word) ?? [];
        list.push(compiled);
        this.byFirstWord.set(first.word, list);
      }
    }
  }

  /** Every match in `text`, left to right; the longest pattern wins and matches never overlap. */
  match(text: string): FramingMatch[] {
    const words: WordAt[] = [];
    for (const found of text.matchAll(WORD)) {
      const start = found.index;
      words.push({
        start,
        end: start + found[0].length,
        lower: found[0].toLowerCase(),
        asWritten: found[0],
      });
    }
    const matches: FramingMatch[] = [];
    for (let index = 0; index < words.length;) {
      const best = this.longestAt(text, words, index);
      if (best) {
        matches.push({ start: words[index]!.start, end: words[best.last]!.end, entry: best.entry });
        index = best.last + 1;
      } else {
        index++;
      }
    }
    return matches;
  }

  private longestAt(
    text: string,
    words: readonly WordAt[],
    index: number,
  ): { entry: FramingEntry; last: number } | undefined {
    const token = words[index]!;
    const candidates = new Set<CompiledPattern>();
    for (const key of new Set([...basesOf(token.lower), ...basesOf(token.asWritten)])) {
      for (const pattern of this.byFirstWord.get(key) ?? []) candidates.add(pattern);
    }
    let best: { entry: FramingEntry; last: number; length: number } | undefined;
    for (const pattern of candidates) {
      const last = this.matchFrom(text, words, index, pattern, 0);
      if (last === undefined) continue;
      const after = words[last + 1];
      if (after && pattern.entry.notBefore?.includes(after.lower)) continue;
      if (
        !best ||
        pattern.length > best.length ||
        (pattern.length === best.length && last > best.last)
      ) {
        best = { entry: pattern.entry, last, length: pattern.length };
      }
    }
    return best;
  }

  /** Index of the last text word when `pattern` from word `part` on matches at `index`. */
  private matchFrom(
    text: string,
    words: readonly WordAt[],
    index: number,
    pattern: CompiledPattern,
    part: number,
  ): number | undefined {
    const element = pattern.words[part];
    if (!element) return index - 1;
    if ('gap' in element) {
      for (let skip = 1; skip <= GAP_MAX; skip++) {
        const next = index + skip;
        if (next >= words.length) return undefined;
        if (SENTENCE_BREAK.test(text.slice(words[index - 1]!.end, words[next]!.start))) {
          return undefined;
        }
        const last = this.matchFrom(text, words, next, pattern, part + 1);
        if (last !== undefined) return last;
      }
      return undefined;
    }
    const token = words[index];
    if (!token || !this.wordMatches(token, element.word, pattern.entry)) return undefined;
    if (
      index > 0 &&
      part > 0 &&
      SENTENCE_BREAK.test(text.slice(words[index - 1]!.end, token.start))
    ) {
      return undefined;
    }
    return this.matchFrom(text, words, index + 1, pattern, part + 1);
  }

  private wordMatches(token: WordAt, word: string, entry: FramingEntry): boolean {
    const written = entry.caseSensitive ? token.asWritten : token.lower;
    if (entry.exact) return written === word;
    return basesOf(written).includes(word);
  }
}

let shipped: FramingLexicon | undefined;

/** The framing lexicon, read once from `lexicons/framing.json`. */
export function framingLexicon(): FramingLexicon {
  shipped ??= new FramingLexicon(readPackageJson<FramingFile>('lexicons/framing.json').entries);
  return shipped;
}
