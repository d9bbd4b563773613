import { readPackageJson } from '../model/package-files.js';
import type { TextRange } from '../model/span.js';

interface RolesLexicon {
  titleWords: { words: string[] };
  titleModifiers: { words: string[] };
  groupDescriptions: { phrases: string[] };
  examples: { text: string; name: string; roles: string[] }[];
}

let lexicon: RolesLexicon | undefined;
export function rolesLexicon(): RolesLexicon {
  lexicon ??= readPackageJson<RolesLexicon>('lexicons/roles.json');
  return lexicon;
}

let titleWords: Set<string> | undefined;
let modifierWords: Set<string> | undefined;

/** A word with its offsets; "U.S." and "Hamas’" stay whole. */
interface Word extends TextRange {
  readonly value: string;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}.’'-]*/gu;
/** Words this far before a name are never part of its title. */
const MAX_TITLE_WORDS = 7;
/** An appositive role ("…, head of Hamas' military wing") longer than this is a clause, not a role. */
const MAX_APPOSITIVE_WORDS = 8;

function bare(value: string): string {
  return value.toLowerCase().replace(/(?:’s|'s|’|')$/u, '');
}

function isCapitalised(value: string): boolean {
  return /^\p{Lu}/u.test(value);
}

/**
 * Titles and roles around a person's name: the run of title words, modifiers and proper names
 * right before it ("Former Israeli Prime Minister"), and an appositive after it that starts with a
 * title word (", head of Hamas' military wing"). The run must hold a title word, so "Gaza" before
 * a name is never taken for a title.
 */
export function findRoles(text: string, name: TextRange): TextRange[] {
  const lexicon = rolesLexicon();
  titleWords ??= new Set(lexicon.titleWords.words);
  modifierWords ??= new Set(lexicon.titleModifiers.words);
  const roles: TextRange[] = [];

  // Before the name: walk back over words separated only by spaces.
  const lineStart = Math.max(0, text.lastIndexOf('\n', name.start - 1) + 1);
  const before = text.slice(Math.max(lineStart, name.start - 120), name.start);
  const offset = name.start - before.length;
  const words: Word[] = [...before.matchAll(WORD)].map((match) => ({
    value: match[0],
    start: offset + match.index,
    end: offset + match.index + match[0].length,
  }));
  const run: Word[] = [];
  let expectedEnd = name.start;
  for (let index = words.length - 1; index >= 0 && run.length < MAX_TITLE_WORDS; index--) {
    const word = words[index]!;
    if (!/^\s+$/.test(text.slice(word.end, expectedEnd)) && word.end !== expectedEnd) break;
    const value = bare(word.value.replace(/[.]$/, '')) + (word.value.endsWith('.') ? '.' : '');
    const lower = bare(word.value);
    const known =
      titleWords.has(lower) ||
      titleWords.has(value) ||
      modifierWords.has(lower) ||
      modifierWords.has(value);
    if (!known && !isCapitalised(word.value)) break;
    // "of" belongs to a title only after a title word ("Secretary of State"), never in
    // "Phase II of US President".
    if (lower === 'of') {
      const left = words[index - 1];
      if (!left || !titleWords.has(bare(left.value))) break;
    }
    run.unshift(word);
    expectedEnd = word.start;
  }
  while (run.length > 0 && ['the', 'of', 'and', 'a', 'an'].includes(bare(run[0]!.value)))
    run.shift();
  const hasTitle = run.some((word) => titleWords!.has(bare(word.value)));
  const last = run[run.length - 1];
  if (hasTitle && last && !['of', 'the', 'and'].includes(bare(last.value))) {
    roles.push({ start: run[0]!.start, end: last.end });
  }

  // After the name: ", head of …" up to the next comma, stop or clause.
  const after =
    /^,\s+(?:(?:the|a|an)\s+)?([^,.;:()\n]+?)(?=[,.;:()\n]|\s+(?:who|which|that)\b|$)/u.exec(
      text.slice(name.end, name.end + 200),
    );
  if (after) {
    const phrase = after[1]!;
    const first = bare(phrase.split(/\s+/)[0] ?? '');
    const wordCount = phrase.split(/\s+/).length;
    const startsWithTitle = titleWords.has(first) || (modifierWords.has(first) && first !== 'the');
    if (startsWithTitle && wordCount <= MAX_APPOSITIVE_WORDS) {
      const start = name.end + after[0].length - phrase.length;
      roles.push({ start, end: start + phrase.length });
    }
  }
  return roles;
}
