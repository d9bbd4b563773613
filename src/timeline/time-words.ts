import type { DatePrecision } from '../model/story.js';
import { readPackageJson } from '../model/package-files.js';

/** One example of a rule: a text, the expression in it, and what it must come out as. */
export interface TimeWordsExample {
  readonly text: string;
  /** The published date to resolve against; `null` for an article without one. */
  readonly reference?: string | null;
  readonly expression: string;
  /** `none`: no entry may overlap the expression (the rule drops it). */
  readonly precision: DatePrecision | 'none';
  readonly date?: string;
  readonly dateEnd?: string;
  /** When another rule decides the outcome (a counterexample): its ruleId. */
  readonly ruleId?: string;
}

export interface TimeWordsRule {
  readonly id: string;
  readonly note: string;
  readonly phrases?: readonly string[];
  readonly examples: readonly TimeWordsExample[];
}

interface WordList {
  readonly note: string;
  readonly words: readonly string[];
}

interface TimeWordsFile {
  readonly reference: string;
  readonly prepositions: WordList & { readonly contextOnly: readonly string[] };
  readonly qualifiers: WordList;
  readonly directions: {
    readonly past: readonly string[];
    readonly next: readonly string[];
    readonly current: readonly string[];
  };
  readonly futureCues: WordList & { readonly reportingVerbs: readonly string[] };
  readonly determiners: WordList;
  readonly countNouns: WordList;
  readonly vagueQuantities: WordList;
  readonly ranges: { readonly openers: readonly string[]; readonly connectors: readonly string[] };
  readonly rules: readonly TimeWordsRule[];
}

export type Direction = 'past' | 'next' | 'current';

/** `lexicons/time-words.json`, with the word lists compiled to the patterns the rules use. */
export interface TimeWords {
  /** The reference date the examples are written against. */
  readonly reference: string;
  readonly rules: readonly TimeWordsRule[];
  /**
   * Every rule's phrases as one case-insensitive, whole-word pattern (one pass over a text), with
   * one capture group per rule: group `i + 1` is `phraseRuleIds[i]`.
   */
  readonly phrasePattern: RegExp;
  readonly phraseRuleIds: readonly string[];
  /** Matches, at the end of the text before an expression, the words its span takes in. */
  readonly openerBefore: RegExp;
  /** Matches, at the end of the text before a bare month or year, the words that make it a date. */
  readonly dateContextBefore: RegExp;
  /** Matches, at the end of the text before a weekday or month, a direction word (group 1). */
  readonly directionBefore: RegExp;
  directionOf(word: string): Direction | undefined;
  /** Matches, in the sentence before a weekday or month, a future cue with no reporting verb after it. */
  readonly futureBefore: RegExp;
  /** Matches, at the end of the text before a month-day or year, a determiner. */
  readonly determinerBefore: RegExp;
  /** Matches a count noun at the start of the text after a four-digit number. */
  readonly countNounAfter: RegExp;
  /** "several weeks ago", "a few days ago", "years ago": time back by a count too vague to use. */
  readonly vagueAgoPattern: RegExp;
  readonly rangeOpenerBefore: RegExp;
  /** After a year, a word connector and a second year ("… and 2021"): group 1 is that year. */
  readonly yearRangeAfter: RegExp;
  /** Matches a whole gap between two dates that joins them into a range. */
  readonly rangeConnector: RegExp;
  readonly notADate: ReadonlySet<string>;
}

let loaded: TimeWords | undefined;

/** The time-words lexicon, read once. */
export function timeWords(): TimeWords {
  if (loaded) return loaded;
  const file = readPackageJson<TimeWordsFile>('lexicons/time-words.json');
  const rulesById = new Map(file.rules.map((rule) => [rule.id, rule]));
  const phraseRules = file.rules.filter((rule) => rule.phrases?.length);
  const directionByWord = new Map<string, Direction>();
  for (const direction of ['past', 'next', 'current'] as const) {
    for (const word of file.directions[direction]) directionByWord.set(word, direction);
  }
  const prepositions = alternatives(file.prepositions.words);
  const qualifiers = alternatives(file.qualifiers.words);
  const directions = alternatives([...directionByWord.keys()]);
  loaded = {
    reference: file.reference,
    rules: file.rules,
    // ASCII word boundaries and no `u` flag: the phrases are English, and V8 scans such a pattern
    // many times faster than a Unicode-aware one.
    phrasePattern: new RegExp(
      `\\b(?:${phraseRules.map((rule) => `(${alternatives(rule.phrases!)})`).join('|')})\\b`,
      'gi',
    ),
    phraseRuleIds: phraseRules.map((rule) => rule.id),
    // Preposition, then qualifier ("in late", "since mid-"), then direction ("last", "this past").
    openerBefore: new RegExp(
      `(?<![\\p{L}])(?:(?:${prepositions})\\s+)?(?:(?:${qualifiers})(?:\\s+|-))?(?:(?:${directions})\\s+)?$`,
      'iu',
    ),
    dateContextBefore: new RegExp(
      `(?<![\\p{L}])(?:${alternatives([...file.prepositions.words, ...file.prepositions.contextOnly, ...file.qualifiers.words, ...directionByWord.keys()])})(?:\\s+|-)$`,
      'iu',
    ),
    directionBefore: new RegExp(`(?<![\\p{L}])(${directions})\\s+$`, 'iu'),
    futureBefore: new RegExp(
      `(?<![\\p{L}])(?:${alternatives(file.futureCues.words)})(?![\\p{L}])(?:(?!\\b(?:${alternatives(file.futureCues.reportingVerbs)})\\b)[^.!?])*$`,
      'iu',
    ),
    directionOf: (word) => directionByWord.get(word.toLowerCase().replace(/\s+/g, ' ')),
    determinerBefore: new RegExp(
      `(?<![\\p{L}])(?:${alternatives(file.determiners.words)})\\s+$`,
      'iu',
    ),
    countNounAfter: new RegExp(`^\\s+(?:${alternatives(file.countNouns.words)})(?![\\p{L}])`, 'iu'),
    vagueAgoPattern: new RegExp(
      `\\b(?:(?:${alternatives(file.vagueQuantities.words)})\\s+)?(?:days|weeks|months|years|decades)\\s+ago\\b`,
      'gi',
    ),
    rangeOpenerBefore: new RegExp(
      `(?<![\\p{L}])(?:${alternatives(file.ranges.openers)})\\s+$`,
      'iu',
    ),
    yearRangeAfter: new RegExp(
      `^\\s+(?:${alternatives(file.ranges.connectors.filter((word) => /^\p{L}+$/u.test(word)))})\\s+((?:1[89]|20)\\d{2})(?![\\p{L}\\p{N}])`,
      'iu',
    ),
    rangeConnector: new RegExp(`^\\s*(?:${alternatives(file.ranges.connectors)})\\s*$`, 'iu'),
    notADate: new Set(rulesById.get('not-a-date')?.phrases ?? []),
  };
  return loaded;
}

/** Regex alternatives for words and phrases, longest first so "this past" wins over "this". */
function alternatives(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}
