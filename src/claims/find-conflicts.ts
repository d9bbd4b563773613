import type { Article } from '../model/article.js';
import type { TextRange } from '../model/span.js';
import {
  attributionRange,
  type ArticleRange,
  type ClaimMention,
  type Conflict,
  type ConflictKind,
  type Entity,
  type Story,
} from '../model/story.js';
import { claimWords, markersOf, stem, wordsOf } from './claim-words.js';
import type { StatementTerms } from './claim-similarity.js';
import type { ScoredPair } from './align-claims.js';
import { datesOf, quantitiesDisagree, quantitiesOf } from './quantities.js';

/**
 * Where the reports pull against each other. Every conflict quotes both sides. Rules:
 *  - `denial`: a deny attribution answers a statement ("denied these reports") or states the
 *    opposite of a claim's other mentions;
 *  - `number`: two mentions of one claim count the same noun incompatibly;
 *  - `date`: two mentions of one claim pin it to different weekdays, months or years;
 *  - `role`: one article calls a person "former …" while another gives the title without "former"
 *    or reports them acting as an office-holder would (vowing, ordering, approving);
 *  - `permanence`: related statements about the same action, one for good ("without return"), the
 *    other for a while ("temporarily", "before returning");
 *  - `assertion`: related statements about the same action from different sources, one asserting
 *    it and the other refusing it ("preparing to leave" / "reject leaving").
 */
export interface ConflictInput {
  readonly story: Story;
  readonly mentions: readonly ClaimMention[];
  readonly terms: readonly StatementTerms[];
  readonly pairs: readonly ScoredPair[];
  /** Mention index → claim id. */
  readonly claimOf: readonly string[];
}

const SUMMARY_QUOTE = 90;

function quote(article: Article, range: TextRange): string {
  const text = article.slice(range).replace(/\s+/g, ' ').trim();
  return `“${text.length > SUMMARY_QUOTE ? `${text.slice(0, SUMMARY_QUOTE - 1).trimEnd()}…` : text}”`;
}

function at(article: string, range: TextRange): ArticleRange {
  return { article, start: range.start, end: range.end };
}

class ConflictList {
  readonly conflicts: Conflict[] = [];
  private readonly keys = new Set<string>();
  add(kind: ConflictKind, key: string, fields: Omit<Conflict, 'id' | 'kind'>): void {
    const full = `${kind} ${key}`;
    if (this.keys.has(full)) return;
    this.keys.add(full);
    this.conflicts.push({ id: `x${this.conflicts.length + 1}`, kind, ...fields });
  }
}

function articleName(article: Article): string {
  return article.metadata.outlet ?? article.metadata.title ?? article.id;
}

export function findConflicts(input: ConflictInput): Conflict[] {
  const list = new ConflictList();
  findDenials(input, list);
  findClaimDisagreements(input, list);
  findPairTensions(input, list);
  findRoleConflicts(input.story, list);
  return list.conflicts;
}

function findDenials(input: ConflictInput, list: ConflictList): void {
  const { story, mentions, claimOf } = input;
  const byAttribution = new Map<string, number>();
  mentions.forEach((mention, index) => {
    for (const id of mention.chain) if (!byAttribution.has(id)) byAttribution.set(id, index);
  });
  for (const denial of story.attributions) {
    if (denial.polarity !== 'deny') continue;
    const article = story.article(denial.article)!;
    const who = denial.source ? article.slice(denial.source).trim() : 'a source';
    const targets: number[] = [];
    if (denial.respondsTo) {
      const target =
        byAttribution.get(denial.respondsTo) ?? mentionHolding(input, denial.respondsTo);
      if (target !== undefined) targets.push(target);
    }
    const own = byAttribution.get(denial.id);
    if (own !== undefined) {
      mentions.forEach((mention, index) => {
        if (index !== own && claimOf[index] === claimOf[own] && mention.polarity === 'assert')
          targets.push(index);
      });
    }
    for (const target of targets) {
      const mention = mentions[target]!;
      const targetArticle = story.article(mention.article)!;
      list.add('denial', `${denial.id} ${claimOf[target]}`, {
        summary: `${who} denies ${quote(targetArticle, mention)}`,
        evidence: [at(mention.article, mention), at(denial.article, attributionRange(denial))],
        claims: [claimOf[target]!],
        ruleId: denial.respondsTo ? 'denial-responds-to' : 'denial-of-claim',
        reason: denial.respondsTo
          ? `"${article.slice(denial.cue)}" answers the statement just before it`
          : `a deny attribution states the same claim as other mentions`,
      });
    }
  }
}

/** The mention whose span holds an attribution that is not a mention itself ("are expected to …"). */
function mentionHolding(input: ConflictInput, attributionId: string): number | undefined {
  const attribution = input.story.attributions.find((candidate) => candidate.id === attributionId);
  const first = attribution?.content[0];
  if (!attribution || !first) return undefined;
  const index = input.mentions.findIndex(
    (mention) =>
      mention.article === attribution.article &&
      mention.start <= first.start &&
      mention.end >= first.start,
  );
  if (index >= 0) return index;
  // Else the statement just before it in the same article ("… who now oversee key portfolios").
  let before: number | undefined;
  input.mentions.forEach((mention, position) => {
    if (mention.article === attribution.article && mention.start < first.start) before = position;
  });
  return before;
}

function findClaimDisagreements(input: ConflictInput, list: ConflictList): void {
  const { story, mentions, claimOf } = input;
  const byClaim = new Map<string, number[]>();
  claimOf.forEach((claim, index) => byClaim.set(claim, [...(byClaim.get(claim) ?? []), index]));
  for (const [claim, indices] of byClaim) {
    for (let i = 0; i < indices.length; i++) {
      for (let j = i + 1; j < indices.length; j++) {
        const a = mentions[indices[i]!]!;
        const b = mentions[indices[j]!]!;
        // The same speaker quoted differently by two outlets is a conflict too: one misreports.
        if (a.article === b.article) continue;
        const articleA = story.article(a.article)!;
        const articleB = story.article(b.article)!;
        const quantitiesA = quantitiesOf(articleA.slice(a), a.start);
        const quantitiesB = quantitiesOf(articleB.slice(b), b.start);
        for (const x of quantitiesA) {
          const y = quantitiesB.find((other) => quantitiesDisagree(x, other));
          if (!y) continue;
          list.add('number', `${claim} ${x.unit}`, {
            summary: `${articleName(articleA)} says ${quote(articleA, x)}, ${articleName(articleB)} says ${quote(articleB, y)}`,
            evidence: [at(a.article, x), at(b.article, y)],
            claims: [claim],
            ruleId: 'number-mismatch',
            reason: `two mentions of one claim count "${x.unit}" differently (${x.value} vs ${y.value})`,
          });
        }
        const datesA = datesOf(articleA.slice(a), a.start);
        const datesB = datesOf(articleB.slice(b), b.start);
        for (const kind of ['weekday', 'month', 'year'] as const) {
          const valuesA = datesA.filter((date) => date.kind === kind);
          const valuesB = datesB.filter((date) => date.kind === kind);
          if (valuesA.length === 0 || valuesB.length === 0) continue;
          if (valuesA.some((x) => valuesB.some((y) => y.value === x.value))) continue;
          list.add('date', `${claim} ${kind}`, {
            summary: `${articleName(articleA)} dates it ${quote(articleA, valuesA[0]!)}, ${articleName(articleB)} ${quote(articleB, valuesB[0]!)}`,
            evidence: [at(a.article, valuesA[0]!), at(b.article, valuesB[0]!)],
            claims: [claim],
            ruleId: 'date-mismatch',
            reason: `two mentions of one claim give different ${kind}s`,
          });
        }
      }
    }
  }
}

/** Words between a refusal and what is refused: "refused to leave", "reject leaving", "will not leave". */
const REFUSAL_FILLER = new Set(['to', 'not', 'never', 'be', 'even', 'ever']);

/** Whether a refusal word governs a word of the predicate class (its first content word after). */
function refuses(text: string, predicate: string): boolean {
  const words = wordsOf(text);
  const lexicon = claimWords();
  const refusal = new Set(lexicon.markerGroups.find((group) => group.id === 'refusal')!.words);
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const phrase =
      (word === 'will' || word === 'would') &&
      (words[index + 1] === 'not' || words[index + 1] === 'never');
    if (!refusal.has(word) && !phrase) continue;
    let next = index + 1;
    while (next < words.length && (REFUSAL_FILLER.has(words[next]!) || words[next]!.endsWith('ly')))
      next++;
    const governed = words[next];
    if (governed && lexicon.predicatesByStem.get(stem(governed))?.includes(predicate)) return true;
  }
  return false;
}

function findPairTensions(input: ConflictInput, list: ConflictList): void {
  const { story, mentions, terms, pairs, claimOf } = input;
  for (const pair of pairs) {
    const [a, b] = [mentions[pair.a]!, mentions[pair.b]!];
    const [termsA, termsB] = [terms[pair.a]!, terms[pair.b]!];
    const shared = [...termsA.predicates].filter((predicate) => termsB.predicates.has(predicate));
    if (shared.length === 0) continue;
    const articleA = story.article(a.article)!;
    const articleB = story.article(b.article)!;
    const claims = [...new Set([claimOf[pair.a]!, claimOf[pair.b]!])];
    const permanentFirst = termsA.markers.has('permanent') && termsB.markers.has('temporary');
    const temporaryFirst = termsA.markers.has('temporary') && termsB.markers.has('permanent');
    if (
      (permanentFirst || temporaryFirst) &&
      !(termsA.markers.has('permanent') && termsA.markers.has('temporary'))
    ) {
      const [forGood, forNow] = permanentFirst ? [a, b] : [b, a];
      list.add('permanence', [...claims].sort().join(' '), {
        summary: `For good or for a while: ${quote(story.article(forGood.article)!, forGood)} vs ${quote(story.article(forNow.article)!, forNow)}`,
        evidence: [at(forGood.article, forGood), at(forNow.article, forNow)],
        claims,
        ruleId: 'permanence-vs-temporary',
        reason: `statements about the same action (${shared.join(', ')}), one permanent, one temporary`,
      });
    }
    if (a.attribution === b.attribution || !a.attribution || !b.attribution) continue;
    for (const predicate of shared) {
      const textA = articleA.slice(a);
      const textB = articleB.slice(b);
      const refusesA = refuses(textA, predicate);
      const refusesB = refuses(textB, predicate);
      if (refusesA === refusesB) continue;
      const [asserting, refusing] = refusesA ? [b, a] : [a, b];
      if (mentionHasNegation(terms[refusesA ? pair.b : pair.a]!)) continue;
      // One conflict per refusal: against the statement it is most like (pairs come best first).
      list.add('assertion', refusesA ? `${pair.a}` : `${pair.b}`, {
        summary: `One source says ${quote(story.article(asserting.article)!, asserting)}; another refuses: ${quote(story.article(refusing.article)!, refusing)}`,
        evidence: [at(asserting.article, asserting), at(refusing.article, refusing)],
        claims,
        ruleId: 'assert-vs-refuse',
        reason: `both are about "${predicate}"; one refuses what the other asserts`,
      });
      break;
    }
  }
}

function mentionHasNegation(terms: StatementTerms): boolean {
  return terms.markers.has('refusal') || terms.markers.has('negation');
}

interface RoleMention extends ArticleRange {
  readonly role: string;
  readonly former: boolean;
}

const FORMER = /\b(?:former|ex-|erstwhile|one-time|onetime|then-)/i;

/** Titles written right before a person's name ("Former Israeli Prime Minister Benjamin Netanyahu"). */
function roleMentions(story: Story, entity: Entity): RoleMention[] {
  const found: RoleMention[] = [];
  for (const mention of entity.mentions) {
    const article = story.article(mention.article)!;
    const before = article.text.slice(Math.max(0, mention.start - 80), mention.start);
    for (const role of entity.roles) {
      const index = before.toLowerCase().lastIndexOf(role.toLowerCase());
      if (index < 0 || before.slice(index + role.length).trim() !== '') continue;
      const start = mention.start - before.length + index;
      found.push({
        article: mention.article,
        start,
        end: start + role.length,
        role,
        former: FORMER.test(role),
      });
    }
  }
  return found;
}

function findRoleConflicts(story: Story, list: ConflictList): void {
  for (const entity of story.entities) {
    if (entity.type !== 'person' || entity.roles.length === 0) continue;
    const roles = roleMentions(story, entity);
    for (const former of roles.filter((role) => role.former)) {
      const office = former.role.replace(FORMER, '').trim().toLowerCase();
      const formerArticle = story.article(former.article)!;
      const current = roles.find(
        (role) =>
          !role.former &&
          role.article !== former.article &&
          role.role.toLowerCase().includes(office),
      );
      if (current) {
        const currentArticle = story.article(current.article)!;
        list.add('role', `${entity.id} ${former.article} ${current.article}`, {
          summary: `${articleName(formerArticle)} calls ${entity.name} ${quote(formerArticle, former)}, ${articleName(currentArticle)} ${quote(currentArticle, current)}: check the title and the date`,
          evidence: [at(former.article, former), at(current.article, current)],
          claims: [],
          ruleId: 'former-vs-current-title',
          reason: 'one article gives the title with "former", another without',
        });
        continue;
      }
      const calledFormer = new Set(roles.filter((role) => role.former).map((role) => role.article));
      const acts = story.attributions.filter(
        (attribution) =>
          attribution.source?.entity === entity.id &&
          !calledFormer.has(attribution.article) &&
          markersOf(story.article(attribution.article)!.slice(attribution.cue)).has('authority'),
      );
      const act = acts[0];
      if (!act) continue;
      const actArticle = story.article(act.article)!;
      list.add('role', `${entity.id} ${former.article} ${act.article}`, {
        summary: `${articleName(formerArticle)} calls ${entity.name} ${quote(formerArticle, former)}, while ${articleName(actArticle)} reports ${quote(actArticle, attributionRange(act))}, as an office-holder would: check the title and the date`,
        evidence: [at(former.article, former), at(act.article, attributionRange(act))],
        claims: [],
        ruleId: 'former-but-acting',
        reason: `"${actArticle.slice(act.cue)}" is an act of office; the other article says "former"`,
      });
    }
  }
}
