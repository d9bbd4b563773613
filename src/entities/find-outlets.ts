import { sourcesLexicon, type OutletEntry } from '../attribution/sources-lexicon.js';
import type { TextRange } from '../model/span.js';

export interface OutletMention extends TextRange {
  readonly outlet: OutletEntry;
}

let pattern: RegExp | undefined;
let byFolded: Map<string, OutletEntry> | undefined;

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Known outlet names in a text (lexicons/sources.json). Acronyms ("CNN", "AP") match only in
 * capitals, so "ap" or "kan" in running text is no outlet; other names match in any case after a
 * capital first letter ("Asharq Al-Awsat" for "Asharq al-Awsat"), and lowercase names as written
 * ("ynet"). The longest name wins ("The Times of Israel" over "The Times").
 */
export function findOutlets(text: string): OutletMention[] {
  if (!pattern || !byFolded) {
    byFolded = new Map();
    const names: string[] = [];
    for (const entry of sourcesLexicon().outlets.entries) {
      for (const name of [entry.name, ...(entry.aliases ?? [])]) {
        byFolded.set(name.toLowerCase(), entry);
        names.push(name);
      }
    }
    names.sort((a, b) => b.length - a.length);
    pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${names.map(escape).join('|')})(?![\\p{L}\\p{N}])`,
      'giu',
    );
  }
  const found: OutletMention[] = [];
  for (const match of text.matchAll(pattern)) {
    const value = match[0];
    const entry = byFolded.get(value.toLowerCase());
    if (!entry) continue;
    const listed = [entry.name, ...(entry.aliases ?? [])].find(
      (name) => name.toLowerCase() === value.toLowerCase(),
    )!;
    const isAcronym = listed.length <= 4 && listed === listed.toUpperCase();
    if (isAcronym && value !== listed) continue;
    if (!isAcronym && /^\p{Lu}/u.test(listed) !== /^\p{Lu}/u.test(value)) continue;
    found.push({ start: match.index, end: match.index + value.length, outlet: entry });
  }
  return found;
}
