import type { Claim, ClaimMention, Origin, Story } from '../model/story.js';
import { alignMentions, type Alignment } from './align-claims.js';
import { findMentionDrafts, type MentionDraft } from './claim-mentions.js';
import { shippedClaimSimilarity, type ClaimSimilarity } from './claim-similarity.js';
import { findConflicts } from './find-conflicts.js';
import { relateArticles } from './relate-articles.js';
import { copyGroups, findSharedText } from './shared-text.js';
import { shippedTermWeights, type TermWeights } from './term-weights.js';
import { OriginTracer } from './trace-origins.js';

export interface ClaimOptions {
  /** Keep unattributed background sentences as claims (default true; `--no-background` drops them). */
  readonly background?: boolean;
  readonly termWeights?: TermWeights;
  readonly similarity?: ClaimSimilarity;
}

/** What the claims stage found, with the alignment kept for the benchmark and for debugging. */
export interface ClaimsResult {
  readonly mentions: readonly ClaimMention[];
  readonly alignment: Alignment;
}

/**
 * The claims stage: statements (attribution contents and unattributed sentences), their origins,
 * aligned across articles into claims; then conflicts, each claim's status, and how the articles
 * relate. Fills `story.claims`, `story.conflicts` and `story.relations`.
 */
export function buildClaims(story: Story, options: ClaimOptions = {}): ClaimsResult {
  const termWeights = options.termWeights ?? shippedTermWeights();
  const similarity = options.similarity ?? shippedClaimSimilarity();
  let drafts: MentionDraft[] = findMentionDrafts(story);
  if (options.background === false) drafts = drafts.filter((draft) => !draft.background);
  const sharedText = findSharedText(story.articles);
  story.copies = sharedText
    .filter((run) => run.copies)
    .map(({ a, b, shared, share, spanA, spanB }) => ({ a, b, shared, share, spanA, spanB }));
  const tracer = new OriginTracer({ story, copyGroup: copyGroups(story.articles, sharedText) });
  const traced = drafts.map((draft) => tracer.originOf(draft));
  const counters = new Map<string, number>();
  const mentions: ClaimMention[] = drafts.map((draft, index) => {
    const number = (counters.get(draft.article) ?? 0) + 1;
    counters.set(draft.article, number);
    return {
      id: `${draft.article}:m${number}`,
      article: draft.article,
      start: draft.start,
      end: draft.end,
      ...(draft.attribution ? { attribution: draft.attribution.id } : {}),
      chain: draft.chain.map((attribution) => attribution.id),
      origin: tracer.finalLabel(traced[index]!),
      polarity: draft.polarity,
      background: draft.background,
    };
  });
  const alignment = alignMentions(story, drafts, termWeights, similarity);
  const claimOf: string[] = new Array<string>(mentions.length);
  const likeness = summedLikeness(mentions.length, alignment);
  const claims: Claim[] = alignment.groups.map((group, index) => {
    const id = `c${index + 1}`;
    for (const member of group) claimOf[member] = id;
    const members = group.map((member) => mentions[member]!);
    const origins = new Map<string, Origin>();
    for (const mention of members)
      if (!origins.has(mention.origin.id)) origins.set(mention.origin.id, mention.origin);
    return {
      id,
      mentions: members,
      // Background ("Like Sinwar, al-Amoudi was released in 2011") never stands for a claim
      // that a report states as news.
      representative: members[representativeIndex(group, likeness, members)]!,
      origins: [...origins.values()],
      independentOrigins: origins.size,
      status: origins.size >= 2 ? 'corroborated' : 'single-origin',
      conflicts: [],
    };
  });
  const conflicts = findConflicts({
    story,
    mentions,
    terms: alignment.terms,
    pairs: alignment.pairs,
    claimOf,
  });
  const byId = new Map(claims.map((claim) => [claim.id, claim]));
  for (const conflict of conflicts) {
    for (const id of conflict.claims) {
      const claim = byId.get(id)!;
      claim.conflicts.push(conflict.id);
      if (conflict.kind === 'denial') claim.status = 'denied';
      else if (claim.status !== 'denied') claim.status = 'contested';
    }
  }
  story.claims = claims;
  story.conflicts = conflicts;
  story.relations = relateArticles(story, claims, termWeights, sharedText);
  return { mentions, alignment };
}

/** Per statement, the summed probability of its scored pairs: how like the others it is. */
function summedLikeness(count: number, alignment: Alignment): number[] {
  const totals = new Array<number>(count).fill(0);
  for (const pair of alignment.pairs) {
    totals[pair.a]! += pair.probability;
    totals[pair.b]! += pair.probability;
  }
  return totals;
}

/** The member most like the others (highest summed similarity); the first on ties. */
function representativeIndex(
  group: readonly number[],
  likeness: readonly number[],
  members: readonly ClaimMention[],
): number {
  const rank = (index: number) =>
    (members[index]!.background ? -1e6 : 0) + likeness[group[index]!]!;
  let best = 0;
  group.forEach((_, index) => {
    if (rank(index) > rank(best)) best = index;
  });
  return best;
}
