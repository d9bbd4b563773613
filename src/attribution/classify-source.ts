import type { SourceKind } from '../model/report.js';
import { findRoles } from '../entities/find-roles.js';
import { sourcesLexicon } from './sources-lexicon.js';

export interface SourcePhraseClass {
  readonly kind: SourceKind;
  /** The lexicon class that decided, or the entity type. */
  readonly ruleId: string;
  readonly count?: number;
  /** Character offsets of the head word in the phrase, when a lexicon head decided. */
  readonly head?: { start: number; end: number };
}

/** What entity names inside the phrase are, as offsets into the phrase. */
export interface PhraseEntity {
  readonly start: number;
  readonly end: number;
  readonly type: 'person' | 'organization' | 'place' | 'group' | 'other';
  readonly outlet?: boolean;
}

/** Post-modifiers that mark a source as someone with inside knowledge, whatever the head noun. */
const INSIDER_MARKERS =
  /\b(?:familiar with|close to|briefed on|involved in|with knowledge of|privy to)\b/i;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu;

let headKinds: Map<string, { kind: SourceKind; id: string }> | undefined;

function headKindOf(word: string): { kind: SourceKind; id: string } | undefined {
  if (!headKinds) {
    headKinds = new Map();
    for (const sourceClass of sourcesLexicon().classes) {
      for (const head of sourceClass.heads)
        headKinds.set(head, { kind: sourceClass.kind, id: sourceClass.id });
    }
  }
  return headKinds.get(word.toLowerCase());
}

/**
 * The kind of a source phrase ("three Hamas sources", "A major television outlet", "Hamas
 * spokesperson Hazem Qassem"). A person's name decides first (named); then a known outlet that is
 * the whole phrase; then the first lexicon head noun (anonymous, vague, document, outlet); then an
 * organization or place name (organization); a bare capitalised phrase is taken as a name.
 */
export function classifySourcePhrase(
  phrase: string,
  entities: readonly PhraseEntity[] = [],
): SourcePhraseClass {
  const lexicon = sourcesLexicon();
  const lower = phrase.toLowerCase().replace(/[’]/g, "'").trim();
  for (const sourceClass of lexicon.classes) {
    if (sourceClass.phrases?.some((known) => lower === known || lower.startsWith(`${known} `))) {
      return { kind: sourceClass.kind, ruleId: sourceClass.id };
    }
  }
  const words = [...phrase.matchAll(WORD)].map((match) => ({
    value: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
  // A person's name decides unless a source noun comes first: "Port workers who spoke with Jane
  // Doe" are workers, "Hamas spokesperson Hazem Qassem" is Qassem.
  const person = entities.find((entity) => entity.type === 'person');
  const firstHead = words.find(
    (word) =>
      headKindOf(word.value) !== undefined &&
      !entities.some((entity) => word.start >= entity.start && word.end <= entity.end),
  );
  // A head noun inside the person's title ("union leader Dragan Kovač") is the title, not the head.
  const inTitle =
    person !== undefined &&
    firstHead !== undefined &&
    findRoles(phrase, person).some(
      (role) => role.start <= firstHead.start && firstHead.end <= role.end,
    );
  if (person && (!firstHead || person.start < firstHead.start || inTitle)) {
    return { kind: 'named', ruleId: 'person-name' };
  }
  const outlet = entities.find((entity) => entity.outlet);
  const insideName = (index: number): boolean =>
    entities.some(
      (entity) => words[index]!.start >= entity.start && words[index]!.end <= entity.end,
    );
  for (let index = 0; index < words.length; index++) {
    if (insideName(index)) continue;
    const word = words[index]!;
    const found = headKindOf(word.value);
    if (!found) continue;
    // "one"/"another" are heads only when nothing nounlike follows ("another source" has "source").
    let kind = found.kind;
    if (kind === 'vague' && INSIDER_MARKERS.test(phrase)) kind = 'anonymous';
    if (outlet && kind === 'outlet' && index === words.length - 1 && outlet.end >= word.end) break;
    const count =
      kind === 'anonymous' ? countBefore(words.slice(0, index + 1).map((w) => w.value)) : undefined;
    return {
      kind,
      ruleId: found.id,
      head: { start: word.start, end: word.end },
      ...(count === undefined ? {} : { count }),
    };
  }
  if (outlet) return { kind: 'outlet', ruleId: 'outlet-name' };
  if (
    entities.some(
      (entity) =>
        entity.type === 'organization' || entity.type === 'place' || entity.type === 'group',
    )
  ) {
    return { kind: 'organization', ruleId: 'organization-name' };
  }
  if (words.length > 0 && words.every((word) => /^\p{Lu}/u.test(word.value))) {
    return { kind: 'named', ruleId: 'capitalised-name' };
  }
  return { kind: 'vague', ruleId: 'unclassified' };
}

/** A stated number before the head ("three", "two", "a", "3"); vague quantities give undefined. */
function countBefore(words: readonly string[]): number | undefined {
  const counts = sourcesLexicon().counts.words;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (/^\d+$/.test(lower)) return Number(lower);
    const value = counts[lower];
    if (value !== undefined) return value;
  }
  return undefined;
}
