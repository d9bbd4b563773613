import { readPackageJson } from '../model/package-files.js';

/** One list of `lexicons/entity-gazetteers.json`. */
export interface GazetteerList {
  readonly id: string;
  /** A CoNLL label, `cue-PER` / `cue-ORG`, or `O` (capitalised words that are not names). */
  readonly label: string;
  readonly note: string;
  readonly entries: readonly string[];
}

export const GAZETTEER_PATH = 'lexicons/entity-gazetteers.json';

/**
 * The features one match gives a token: on the token itself, on the token after it (`before`: the
 * match is before that token) and on the token before it (`after`).
 */
export interface GazetteerHit {
  readonly own: string;
  readonly before: string;
  readonly after: string;
}

/** One entry's tokens, as the index stores them, with the hits of its first and later tokens. */
export interface GazetteerEntry {
  readonly tokens: readonly string[];
  readonly begin: GazetteerHit;
  readonly inside: GazetteerHit;
}

function hit(feature: string): GazetteerHit {
  return { own: feature, before: `-${feature}`, after: `+${feature}` };
}

/**
 * Multi-token lookup of the gazetteer lists over a sentence's tokens. Every match marks its first
 * token `g:<list>=B` and the rest `g:<list>=I`; overlapping matches from different lists all count
 * (the tagger weighs them). Entries match as written, in capitals, or capitalised when lower case.
 */
export class Gazetteer {
  /** Entries by their first token (in each written form), longest first. */
  private readonly byFirstToken = new Map<string, GazetteerEntry[]>();
  readonly lists: readonly GazetteerList[];
  /** Lower-cased single-word entries of each list, for quick membership questions. */
  private readonly lowerEntries = new Map<string, Set<string>>();

  constructor(lists: readonly GazetteerList[]) {
    this.lists = lists;
    for (const list of lists) {
      const begin = hit(`g:${list.id}=B`);
      const inside = hit(`g:${list.id}=I`);
      const lower = new Set<string>();
      for (const entry of list.entries) {
        lower.add(entry.toLowerCase());
        const forms = new Set([entry, entry.toUpperCase()]);
        if (/^\p{Ll}/u.test(entry)) forms.add(entry[0]!.toUpperCase() + entry.slice(1));
        for (const form of forms) {
          const tokens = form.split(/\s+/).filter((token) => token !== '');
          if (tokens.length === 0) continue;
          let bucket = this.byFirstToken.get(tokens[0]!);
          if (!bucket) {
            bucket = [];
            this.byFirstToken.set(tokens[0]!, bucket);
          }
          bucket.push({ tokens, begin, inside });
        }
      }
      this.lowerEntries.set(list.id, lower);
    }
    for (const bucket of this.byFirstToken.values()) {
      bucket.sort((a, b) => b.tokens.length - a.tokens.length);
    }
  }

  /** Whether `text` (any case) is an entry of the list `listId`. */
  has(listId: string, text: string): boolean {
    return this.lowerEntries.get(listId)?.has(text.toLowerCase()) ?? false;
  }

  /** The entries whose first token is `word`, longest first. */
  entriesStartingWith(word: string): readonly GazetteerEntry[] | undefined {
    return this.byFirstToken.get(word);
  }

  /**
   * The hits on each token of a sentence, or undefined when nothing matches. `entriesAt` may give
   * the entries starting at a token when the caller has them at hand (the default looks them up).
   */
  match(
    words: readonly string[],
    entriesAt: (index: number) => readonly GazetteerEntry[] | undefined = (index) =>
      this.byFirstToken.get(words[index]!),
  ): (readonly GazetteerHit[])[] | undefined {
    let found: (readonly GazetteerHit[])[] | undefined;
    for (let start = 0; start < words.length; start++) {
      const bucket = entriesAt(start);
      if (!bucket) continue;
      for (const entry of bucket) {
        const length = entry.tokens.length;
        if (start + length > words.length) continue;
        let matches = true;
        for (let offset = 1; offset < length; offset++) {
          if (words[start + offset] !== entry.tokens[offset]) {
            matches = false;
            break;
          }
        }
        if (!matches) continue;
        found ??= new Array<readonly GazetteerHit[]>(words.length).fill(NONE);
        for (let offset = 0; offset < length; offset++) {
          const hit = offset === 0 ? entry.begin : entry.inside;
          const current = found[start + offset]!;
          if (!current.includes(hit)) found[start + offset] = [...current, hit];
        }
      }
    }
    return found;
  }
}

const NONE: readonly GazetteerHit[] = [];

let shipped: Gazetteer | undefined;

/** The gazetteer shipped in `lexicons/`, read once. */
export function loadGazetteer(): Gazetteer {
  shipped ??= new Gazetteer(readPackageJson<{ lists: GazetteerList[] }>(GAZETTEER_PATH).lists);
  return shipped;
}
