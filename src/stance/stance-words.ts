import { wordsOf } from '../claims/claim-words.js';
import { readPackageJson } from '../model/package-files.js';

/** The groups of `lexicons/stance-words.json`, in the order the features count them. */
export const STANCE_WORD_GROUPS = [
  'refute',
  'hedge',
  'attribution',
  'confirm',
  'question',
] as const;
export type StanceWordGroupId = (typeof STANCE_WORD_GROUPS)[number];

export interface StanceWordGroup {
  readonly id: StanceWordGroupId;
  readonly note: string;
  readonly examples: readonly string[];
  readonly words: readonly string[];
  readonly phrases?: readonly string[];
}

interface StanceWordsFile {
  groups: StanceWordGroup[];
}

/** What the lexicon gives a text: one hit per word or phrase, with the group it belongs to. */
export interface StanceWordHit {
  readonly group: StanceWordGroupId;
  /** The word or phrase as listed. */
  readonly entry: string;
  /** Index of its first word in `wordsOf(text)`. */
  readonly index: number;
}

export class StanceWords {
  readonly groups: readonly StanceWordGroup[];
  private readonly byWord = new Map<string, StanceWordGroupId[]>();
  private readonly phrasesByFirst = new Map<
    string,
    { words: readonly string[]; entry: string; group: StanceWordGroupId }[]
  >();

  constructor(groups: readonly StanceWordGroup[]) {
    this.groups = groups;
    for (const group of groups) {
      if (!STANCE_WORD_GROUPS.includes(group.id)) {
        throw new Error(`lexicons/stance-words.json: unknown group "${group.id}"`);
      }
      for (const word of group.words) {
        const list = this.byWord.get(word) ?? [];
        if (!list.includes(group.id)) list.push(group.id);
        this.byWord.set(word, list);
      }
      for (const phrase of group.phrases ?? []) {
        const words = wordsOf(phrase);
        const list = this.phrasesByFirst.get(words[0]!) ?? [];
        list.push({ words, entry: phrase, group: group.id });
        this.phrasesByFirst.set(words[0]!, list);
      }
    }
  }

  /** Every listed word and phrase in a list of lower-case words (as `wordsOf` gives them). */
  hitsInWords(words: readonly string[]): StanceWordHit[] {
    const hits: StanceWordHit[] = [];
    for (let index = 0; index < words.length; index++) {
      const word = words[index]!;
      for (const phrase of this.phrasesByFirst.get(word) ?? []) {
        if (phrase.words.every((part, offset) => words[index + offset] === part)) {
          hits.push({ group: phrase.group, entry: phrase.entry, index });
        }
      }
      for (const group of this.byWord.get(word) ?? []) hits.push({ group, entry: word, index });
    }
    return hits;
  }

  hitsIn(text: string): StanceWordHit[] {
    return this.hitsInWords(wordsOf(text));
  }
}

let shipped: StanceWords | undefined;

/** The stance lexicon, read once from `lexicons/stance-words.json`. */
export function stanceWords(): StanceWords {
  shipped ??= new StanceWords(
    readPackageJson<StanceWordsFile>('lexicons/stance-words.json').groups,
  );
  return shipped;
}
