/**
 * Keys under which two spellings of one name meet. `foldName` is for spellings that differ only in
 * case, marks, apostrophes, hyphens, a leading "the" or a possessive ("Asharq al-Awsat" /
 * "Asharq Al-Awsat"); `soundKey` also meets transliteration variants ("Schalit" / "Shalit",
 * "Mashaal" / "Meshaal") and is only trusted together with a small edit distance.
 */

const APOSTROPHES = /[’'`ʼ‘]/g;

/** Lower case, no marks, apostrophes and dots dropped ("U.S." = "US"), hyphens as spaces, no leading "the", no possessive. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/(?:’s|'s|’|')$/u, '')
    .replace(APOSTROPHES, '')
    .replace(/\./g, '')
    .replace(/[-‐–—]/g, ' ')
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Spelling rules that transliterations of Arabic and Hebrew names commonly differ by. */
const SOUND_RULES: readonly [RegExp, string][] = [
  [/sch/g, 'sh'],
  [/ch/g, 'c'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/kh/g, 'h'],
  [/dh/g, 'd'],
  [/th/g, 't'],
  [/(.)\1+/g, '$1'],
];

/** One key per word: the folded word with its spelling rules applied and its inner vowels dropped. */
export function soundKey(name: string): string {
  return foldName(name)
    .split(' ')
    .map((word) => {
      let key = word;
      for (const [pattern, replacement] of SOUND_RULES) key = key.replace(pattern, replacement);
      return key[0] === undefined ? '' : key[0] + key.slice(1).replace(/[aeiouy]/g, '');
    })
    .join(' ');
}

/** Levenshtein distance, for the final check on a sound-key match. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Most edits per character two folded spellings may differ by and still be one name. */
const MAX_EDITS_PER_CHARACTER = 0.2;

/** Whether two spellings are transliteration variants of one name. */
export function isSpellingVariant(a: string, b: string): boolean {
  const foldedA = foldName(a);
  const foldedB = foldName(b);
  if (foldedA === foldedB) return true;
  if (Math.min(foldedA.length, foldedB.length) < 4) return false;
  if (soundKey(a) !== soundKey(b)) return false;
  return (
    editDistance(foldedA, foldedB) <=
    Math.max(1, Math.floor(MAX_EDITS_PER_CHARACTER * Math.max(foldedA.length, foldedB.length)))
  );
}
