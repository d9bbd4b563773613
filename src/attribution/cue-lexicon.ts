import { readPackageJson } from '../model/package-files.js';

/** One group of `lexicons/cue-words.json`: word forms or whole phrases, lower case. */
export interface CueGroup {
  readonly id: string;
  readonly category: 'verb' | 'phrase';
  readonly note: string;
  readonly examples: readonly string[];
  readonly words?: readonly string[];
  readonly phrases?: readonly string[];
}

export interface CueLexicon {
  readonly groups: readonly CueGroup[];
  /** Word form → the ids of the groups that list it, joined with `+`. */
  readonly words: ReadonlyMap<string, string>;
  /** First word of a phrase → the phrases (as word lists) that start with it, longest first. */
  readonly phrases: ReadonlyMap<string, readonly (readonly string[])[]>;
}

let loaded: CueLexicon | undefined;

/** The cue lexicon, read once from `lexicons/cue-words.json`. */
export function loadCueLexicon(): CueLexicon {
  if (loaded) return loaded;
  const { groups } = readPackageJson<{ groups: CueGroup[] }>('lexicons/cue-words.json');
  loaded = buildCueLexicon(groups);
  return loaded;
}

export function buildCueLexicon(groups: readonly CueGroup[]): CueLexicon {
  const words = new Map<string, string>();
  const phrases = new Map<string, string[][]>();
  for (const group of groups) {
    for (const word of group.words ?? []) {
      const known = words.get(word);
      words.set(word, known ? `${known}+${group.id}` : group.id);
    }
    for (const phrase of group.phrases ?? []) {
      const parts = phrase.split(' ');
      const list = phrases.get(parts[0]!) ?? [];
      list.push(parts);
      list.sort((a, b) => b.length - a.length);
      phrases.set(parts[0]!, list);
    }
  }
  return { groups, words, phrases };
}

/**
 * Lexicon hits over lower-cased words: per word, the group ids of a single-word hit, or `phrase`
 * (`phrase-in` after its first word) where a whole phrase matches; `''` where nothing does.
 */
export function findCueWords(lexicon: CueLexicon, words: readonly string[]): string[] {
  const hits = new Array<string>(words.length).fill('');
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const candidates = lexicon.phrases.get(word);
    if (candidates) {
      const phrase = candidates.find((parts) =>
        parts.every((part, offset) => words[index + offset] === part),
      );
      if (phrase) {
        hits[index] = 'phrase';
        for (let offset = 1; offset < phrase.length; offset++) hits[index + offset] = 'phrase-in';
        index += phrase.length - 1;
        continue;
      }
    }
    hits[index] = lexicon.words.get(word) ?? '';
  }
  return hits;
}
