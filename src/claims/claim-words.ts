import porter2 from 'wink-porter2-stemmer';
import { readPackageJson } from '../model/package-files.js';

/** One group of `lexicons/claim-words.json` (a predicate class or a marker). */
export interface ClaimWordGroup {
  readonly id: string;
  readonly note: string;
  readonly examples: readonly string[];
  readonly words: readonly string[];
  readonly phrases?: readonly string[];
}

export interface ClaimWords {
  readonly stopwords: ReadonlySet<string>;
  readonly predicateGroups: readonly ClaimWordGroup[];
  readonly markerGroups: readonly ClaimWordGroup[];
  /** Porter2 stem → the predicate classes it belongs to. */
  readonly predicatesByStem: ReadonlyMap<string, readonly string[]>;
  /** Lower-case word → marker ids; phrases are matched word by word from their first word. */
  readonly markersByWord: ReadonlyMap<string, readonly string[]>;
  readonly markerPhrases: ReadonlyMap<string, readonly { words: readonly string[]; id: string }[]>;
}

export type MarkerId =
  'refusal' | 'negation' | 'permanent' | 'temporary' | 'authority' | 'directive';

interface ClaimWordsFile {
  stopwords: string[];
  predicates: ClaimWordGroup[];
  markers: ClaimWordGroup[];
}

let loaded: ClaimWords | undefined;

/** The claims lexicon, read once from `lexicons/claim-words.json`. */
export function claimWords(): ClaimWords {
  if (loaded) return loaded;
  const file = readPackageJson<ClaimWordsFile>('lexicons/claim-words.json');
  const predicatesByStem = new Map<string, string[]>();
  for (const group of file.predicates) {
    for (const word of group.words) {
      const key = stem(word);
      const list = predicatesByStem.get(key) ?? [];
      if (!list.includes(group.id)) list.push(group.id);
      predicatesByStem.set(key, list);
    }
  }
  const markersByWord = new Map<string, string[]>();
  const markerPhrases = new Map<string, { words: string[]; id: string }[]>();
  for (const group of file.markers) {
    for (const word of group.words)
      markersByWord.set(word, [...(markersByWord.get(word) ?? []), group.id]);
    for (const phrase of group.phrases ?? []) {
      const words = wordsOf(phrase);
      const list = markerPhrases.get(words[0]!) ?? [];
      list.push({ words, id: group.id });
      markerPhrases.set(words[0]!, list);
    }
  }
  loaded = {
    stopwords: new Set(file.stopwords),
    predicateGroups: file.predicates,
    markerGroups: file.markers,
    predicatesByStem,
    markersByWord,
    markerPhrases,
  };
  return loaded;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-case words of a text, with "n't" split off so negation is a word of its own. */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/’/g, "'");
    if (word.endsWith("n't")) {
      words.push(word.slice(0, -3), "n't");
    } else if (word.endsWith("'s")) {
      words.push(word.slice(0, -2));
    } else words.push(word);
  }
  return words;
}

/**
 * Porter2 stems, remembered: news vocabulary repeats, and stemming was most of the cost of
 * comparing texts (stance with a new body per pair, relations over whole articles). The cache is
 * bounded so a long-running server cannot grow it without end.
 */
const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = porter2(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** The stems of a text's content words: what lexical similarity compares. */
export function contentStems(text: string, words = claimWords()): string[] {
  const stems: string[] = [];
  for (const word of wordsOf(text)) {
    if (words.stopwords.has(word) || word.length < 2) continue;
    stems.push(/^\d/.test(word) ? word : stem(word));
  }
  return stems;
}

/** The predicate classes a text's words belong to ("exit" and "leave" both give `leave`). */
export function predicateClasses(stems: readonly string[], words = claimWords()): Set<string> {
  const classes = new Set<string>();
  for (const key of stems) for (const id of words.predicatesByStem.get(key) ?? []) classes.add(id);
  return classes;
}

/** The markers (refusal, negation, permanence, temporariness) a text carries. */
export function markersOf(text: string, words = claimWords()): Set<MarkerId> {
  const found = new Set<MarkerId>();
  const list = wordsOf(text);
  for (let index = 0; index < list.length; index++) {
    const word = list[index]!;
    for (const phrase of words.markerPhrases.get(word) ?? []) {
      if (phrase.words.every((part, offset) => list[index + offset] === part)) {
        found.add(phrase.id as MarkerId);
      }
    }
    for (const id of words.markersByWord.get(word) ?? []) found.add(id as MarkerId);
  }
  return found;
}
