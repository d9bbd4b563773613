/** Writing systems told apart when judging whether a line belongs to the article. */
export type Script =
  | 'latin'
  | 'greek'
  | 'cyrillic'
  | 'armenian'
  | 'hebrew'
  | 'arabic'
  | 'devanagari'
  | 'bengali'
  | 'thai'
  | 'georgian'
  | 'hangul'
  | 'kana'
  | 'han'
  | 'ethiopic'
  | 'other';

/** Code point ranges of each script's letters; anything not listed counts as no script. */
const SCRIPT_RANGES: readonly (readonly [number, number, Script])[] = [
  [0x0041, 0x005a, 'latin'],
  [0x0061, 0x007a, 'latin'],
  [0x00c0, 0x024f, 'latin'],
  [0x1e00, 0x1eff, 'latin'],
  [0x0370, 0x03ff, 'greek'],
  [0x1f00, 0x1fff, 'greek'],
  [0x0400, 0x052f, 'cyrillic'],
  [0x0530, 0x058f, 'armenian'],
  [0x0590, 0x05ff, 'hebrew'],
  [0xfb1d, 0xfb4f, 'hebrew'],
  [0x0600, 0x06ff, 'arabic'],
  [0x0750, 0x077f, 'arabic'],
  [0xfb50, 0xfdff, 'arabic'],
  [0xfe70, 0xfeff, 'arabic'],
  [0x0900, 0x097f, 'devanagari'],
  [0x0980, 0x09ff, 'bengali'],
  [0x0e00, 0x0e7f, 'thai'],
  [0x10a0, 0x10ff, 'georgian'],
  [0x1200, 0x139f, 'ethiopic'],
  [0xac00, 0xd7af, 'hangul'],
  [0x1100, 0x11ff, 'hangul'],
  [0x3040, 0x30ff, 'kana'],
  [0x4e00, 0x9fff, 'han'],
  [0x3400, 0x4dbf, 'han'],
];

function scriptOf(codePoint: number): Script | undefined {
  if (codePoint < 0x41) return undefined;
  for (const [low, high, script] of SCRIPT_RANGES) {
    if (codePoint >= low && codePoint <= high) return script;
  }
  return codePoint > 0x7f && /\p{L}/u.test(String.fromCodePoint(codePoint)) ? 'other' : undefined;
}

/** Letters per script in a text. */
export function countScripts(text: string): Map<Script, number> {
  const counts = new Map<Script, number>();
  for (const character of text) {
    const script = scriptOf(character.codePointAt(0)!);
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return counts;
}

/** The script most of a text's letters are written in, or undefined when it has no letters. */
export function dominantScript(
  text: string,
): { script: Script; share: number; letters: number } | undefined {
  const counts = countScripts(text);
  let best: Script | undefined;
  let bestCount = 0;
  let total = 0;
  for (const [script, count] of counts) {
    total += count;
    if (count > bestCount) {
      best = script;
      bestCount = count;
    }
  }
  return best ? { script: best, share: bestCount / total, letters: bestCount } : undefined;
}
