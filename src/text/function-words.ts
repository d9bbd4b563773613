import { readPackageJson } from '../model/package-files.js';

/** A line with at least this many of its article language's function words is in that language. */
const MIN_FUNCTION_WORDS = 2;

let cached: Map<string, RegExp> | undefined;

/** One regex per language, matching any of its function words as a whole word. */
function functionWordPatterns(): Map<string, RegExp> {
  if (!cached) {
    const lexicon = readPackageJson<{ languages: Record<string, string[]> }>(
      'lexicons/function-words.json',
    );
    cached = new Map(
      Object.entries(lexicon.languages).map(([language, words]) => [
        language,
        new RegExp(`(?<![\\p{L}])(?:${words.join('|')})(?![\\p{L}])`, 'giu'),
      ]),
    );
  }
  return cached;
}

let languagesByWord: Map<string, string[]> | undefined;

/** For each function word, the languages whose list has it. */
function languagesOfWords(): Map<string, string[]> {
  if (!languagesByWord) {
    languagesByWord = new Map();
    const lexicon = readPackageJson<{ languages: Record<string, string[]> }>(
      'lexicons/function-words.json',
    );
    for (const [language, words] of Object.entries(lexicon.languages)) {
      for (const word of words)
        languagesByWord.set(word, [...(languagesByWord.get(word) ?? []), language]);
    }
  }
  return languagesByWord;
}

/** Function words per language in a list of lower-case words, in one pass. */
export function countFunctionWordsByLanguage(words: readonly string[]): Map<string, number> {
  const table = languagesOfWords();
  const counts = new Map<string, number>();
  for (const word of words) {
    const languages = table.get(word);
    if (languages)
      for (const language of languages) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  return counts;
}

/** How many of a language's function words a text uses, counting up to `limit`. */
export function countFunctionWords(language: string, text: string, limit = Infinity): number {
  const pattern = functionWordPatterns().get(language);
  if (!pattern) return 0;
  pattern.lastIndex = 0;
  let found = 0;
  while (found < limit && pattern.exec(text)) found++;
  return found;
}

/**
 * True when a line plainly is in `language` because it uses enough of its function words: a cheap
 * check that spares the per-line language id for almost every body line.
 */
export function hasFunctionWordsOf(language: string, line: string): boolean {
  return countFunctionWords(language, line, MIN_FUNCTION_WORDS) >= MIN_FUNCTION_WORDS;
}
