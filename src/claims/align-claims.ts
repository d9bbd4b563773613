import type { TextRange } from '../model/span.js';
import type { Story } from '../model/story.js';
import type { MentionDraft } from './claim-mentions.js';
import {
  rescaled,
  statementTerms,
  type ClaimSimilarity,
  type StatementTerms,
} from './claim-similarity.js';
import { contentStems } from './claim-words.js';
import type { TermWeights } from './term-weights.js';

/**
 * Which statements say the same thing. Candidate pairs come from an index of each statement's
 * rarest terms (blocking), never from all pairs, so cost grows with the number of statements that
 * share a rare term rather than with the square of the story; terms shared by too many statements
 * ("Gaza" in a Gaza story) do not make candidates. Candidates are scored by the trained similarity
 * and joined greedily, best pair first, into claims.
 */

/** Each statement is looked up by this many of its rarest terms. */
const BLOCKING_TERMS = 6;
/** A term in more statements than this does not make candidates (it says little on its own). */
const MAX_POSTINGS = 60;
/**
 * Pairs kept for conflict rules: looser than "the same claim", since conflicts are about tension;
 * pairs that share an action (a predicate class) are kept whatever their score.
 */
export const RELATED_PROBABILITY = 0.2;

export interface ScoredPair {
  readonly a: number;
  readonly b: number;
  readonly probability: number;
}

export interface Alignment {
  readonly terms: readonly StatementTerms[];
  /** Candidate pairs scored at or above RELATED_PROBABILITY (same article included). */
  readonly pairs: readonly ScoredPair[];
  /** Statement indices per claim, in first-appearance order. */
  readonly groups: readonly (readonly number[])[];
  /** How many candidate pairs were scored (for the benchmark). */
  readonly scored: number;
}

/**
 * A name weighs what its words weigh in the background (the mean of their inverse document
 * frequencies), so "Qatar" counts as a known place rather than as a never-seen word.
 */
/** Terms that stand for a resolved entity rather than a word. */
const ENTITY_TERM_PREFIX = 'ent:';

export function entityWeights(story: Story, termWeights: TermWeights): Map<string, number> {
  const weights = new Map<string, number>();
  for (const entity of story.entities) {
    const stems = contentStems(entity.name);
    const mean =
      stems.reduce((sum, stem) => sum + termWeights.idf(stem), 0) / Math.max(1, stems.length);
    weights.set(
      `${ENTITY_TERM_PREFIX}${entity.id}`,
      stems.length > 0 ? mean : termWeights.idf(`${ENTITY_TERM_PREFIX}${entity.id}`),
    );
  }
  return weights;
}

function entityTermsOf(story: Story): Map<string, { start: number; end: number; term: string }[]> {
  const byArticle = new Map<string, { start: number; end: number; term: string }[]>();
  for (const entity of story.entities) {
    if (entity.outlet) continue;
    for (const mention of entity.mentions) {
      const list = byArticle.get(mention.article) ?? [];
      list.push({
        start: mention.start,
        end: mention.end,
        term: `${ENTITY_TERM_PREFIX}${entity.id}`,
      });
      byArticle.set(mention.article, list);
    }
  }
  return byArticle;
}

function inside(range: TextRange, parts: readonly TextRange[]): boolean {
  return parts.some((part) => range.start >= part.start && range.end <= part.end);
}

/**
 * Within one story, the words every report repeats ("Hamas", "Gaza", "leaders" in a Gaza story)
 * tell its statements apart less than the background says: a term's weight is scaled by how few
 * of the story's statements have it (1 for a term in one or two, falling towards 0.1 for a term
 * in most of them).
 */
export function storySpecific(terms: readonly StatementTerms[]): StatementTerms[] {
  const frequency = new Map<string, number>();
  for (const statement of terms) {
    for (const term of statement.weights.keys())
      frequency.set(term, (frequency.get(term) ?? 0) + 1);
  }
  const total = terms.length;
  if (total < 8) return [...terms];
  const top = Math.log((total + 1) / 2.5);
  const scale = (term: string) =>
    Math.max(0.1, Math.min(1, Math.log((total + 1) / ((frequency.get(term) ?? 1) + 0.5)) / top));
  return terms.map((statement) => rescaled(statement, scale));
}

export function termsOfMentions(
  story: Story,
  drafts: readonly MentionDraft[],
  termWeights: TermWeights,
): StatementTerms[] {
  const entityTerms = entityTermsOf(story);
  const nameWeights = entityWeights(story, termWeights);
  return drafts.map((draft) => {
    const article = story.article(draft.article)!;
    const names = (entityTerms.get(draft.article) ?? []).filter((name) =>
      inside(name, draft.parts),
    );
    const text = draft.parts.map((part) => article.slice(part)).join(' ');
    // The words of a name become its entity's term, so they are not counted twice.
    let masked = '';
    for (const part of draft.parts) {
      let cursor = part.start;
      for (const name of names.filter((item) => item.start >= part.start && item.end <= part.end)) {
        masked += article.text.slice(cursor, name.start) + ' ';
        cursor = Math.max(cursor, name.end);
      }
      masked += article.text.slice(cursor, part.end) + ' ';
    }
    const entities = [...new Set(names.map((name) => name.term))];
    return statementTerms(text, termWeights, entities, masked, nameWeights);
  });
}

export function candidatePairs(terms: readonly StatementTerms[]): [number, number][] {
  const postings = new Map<string, number[]>();
  const keys = terms.map((statement) => [
    ...[...statement.weights]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, BLOCKING_TERMS)
      .map(([term]) => term),
    // Paraphrases share an action, not always a word: "without return" / "leave temporarily".
    ...[...statement.predicates].map((predicate) => `pred:${predicate}`),
  ]);
  keys.forEach((list, index) => {
    for (const term of list) {
      const posting = postings.get(term);
      if (posting) posting.push(index);
      else postings.set(term, [index]);
    }
  });
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const width = terms.length;
  for (const posting of postings.values()) {
    if (posting.length < 2 || posting.length > MAX_POSTINGS) continue;
    for (let i = 0; i < posting.length; i++) {
      for (let j = i + 1; j < posting.length; j++) {
        const key = posting[i]! * width + posting[j]!;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push([posting[i]!, posting[j]!]);
      }
    }
  }
  return pairs;
}

export function alignMentions(
  story: Story,
  drafts: readonly MentionDraft[],
  termWeights: TermWeights,
  similarity: ClaimSimilarity,
): Alignment {
  const terms = storySpecific(termsOfMentions(story, drafts, termWeights));
  const candidates = candidatePairs(terms);
  // Names the tagger missed in one statement are plain stems there ("qatar"): still only names.
  const nameStems = new Set(
    story.entities.flatMap((entity) =>
      [entity.name, ...entity.aliases].flatMap((name) => contentStems(name)),
    ),
  );
  const pairs: ScoredPair[] = [];
  for (const [a, b] of candidates) {
    // A request ("urged leaders to depart") never confirms a statement of fact, nor the reverse.
    if (drafts[a]!.directive !== drafts[b]!.directive) continue;
    const probability = similarity.score(terms[a]!, terms[b]!);
    const sharesAction = [...terms[a]!.predicates].some((predicate) =>
      terms[b]!.predicates.has(predicate),
    );
    // Two statements that share only names ("Qatar", "Turkey") and no word or action say
    // different things about the same actors: within one story, a rare name alone is no evidence.
    if (!sharesAction && !sharesWord(terms[a]!, terms[b]!, nameStems)) continue;
    if (probability >= RELATED_PROBABILITY || sharesAction) pairs.push({ a, b, probability });
  }
  pairs.sort((x, y) => y.probability - x.probability || x.a - y.a || x.b - y.b);
  const groups = joinGroups(drafts, pairs, similarity);
  return { terms, pairs, groups, scored: candidates.length };
}

/** Whether two statements share a content word, not only entities and the words of names. */
function sharesWord(a: StatementTerms, b: StatementTerms, nameStems: ReadonlySet<string>): boolean {
  for (const term of a.weights.keys()) {
    if (term.startsWith(ENTITY_TERM_PREFIX) || nameStems.has(term)) continue;
    if (b.weights.has(term)) return true;
  }
  return false;
}

/**
 * Greedy single-link joining of cross-article pairs, best first, with one guard against chaining:
 * two groups that both hold statements from the same article join only if those statements were
 * themselves scored as the same claim.
 */
function joinGroups(
  drafts: readonly MentionDraft[],
  pairs: readonly ScoredPair[],
  similarity: ClaimSimilarity,
): number[][] {
  const same = new Set<string>();
  for (const pair of pairs) if (similarity.same(pair.probability)) same.add(`${pair.a} ${pair.b}`);
  const isSame = (a: number, b: number) => same.has(a < b ? `${a} ${b}` : `${b} ${a}`);
  const groupOf = drafts.map((_, index) => index);
  const members = new Map<number, number[]>(drafts.map((_, index) => [index, [index]]));
  for (const pair of pairs) {
    if (!similarity.same(pair.probability)) break;
    if (drafts[pair.a]!.article === drafts[pair.b]!.article) continue;
    const [left, right] = [groupOf[pair.a]!, groupOf[pair.b]!];
    if (left === right) continue;
    const leftMembers = members.get(left)!;
    const rightMembers = members.get(right)!;
    const clash = leftMembers.some((x) =>
      rightMembers.some((y) => drafts[x]!.article === drafts[y]!.article && !isSame(x, y)),
    );
    if (clash) continue;
    for (const member of rightMembers) groupOf[member] = left;
    leftMembers.push(...rightMembers);
    members.delete(right);
  }
  return [...members.values()]
    .map((list) => list.sort((a, b) => a - b))
    .sort((a, b) => a[0]! - b[0]!);
}
