import type {
  ArticleRelation,
  Claim,
  RelationEvidence,
  RelationKind,
  Story,
} from '../model/story.js';
import { entityWeights } from './align-claims.js';
import { contentStems } from './claim-words.js';
import type { TermWeights } from './term-weights.js';
import type { SharedRun } from './shared-text.js';

/**
 * For every pair of articles: the same event, a related one (same actors or topic, another event
 * or time), or unrelated. The score mixes what the pair shares: claims (statements aligned across
 * them), named entities (weighted by how rare their names' words are in the background) and
 * words. Published
 * dates far apart cap a pair at `related`.
 */
export const SAME_EVENT_SCORE = 0.5;
export const RELATED_SCORE = 0.15;
/** Reports of one event are published within this many days of each other. */
const SAME_EVENT_DAYS = 4;
/** Shared claims that make a pair one event on their own. */
const SAME_EVENT_CLAIMS = 3;

interface Vector {
  readonly weights: ReadonlyMap<string, number>;
  readonly norm: number;
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small.weights) {
    const other = large.weights.get(term);
    if (other !== undefined) dot += weight * other;
  }
  return a.norm > 0 && b.norm > 0 ? dot / (a.norm * b.norm) : 0;
}

function daysApart(a: string | undefined, b: string | undefined): number | undefined {
  if (!a || !b) return undefined;
  const [timeA, timeB] = [Date.parse(a), Date.parse(b)];
  if (Number.isNaN(timeA) || Number.isNaN(timeB)) return undefined;
  return Math.abs(timeA - timeB) / 86_400_000;
}

export function relateArticles(
  story: Story,
  claims: readonly Claim[],
  termWeights: TermWeights,
  sharedText: readonly SharedRun[],
): ArticleRelation[] {
  const vectors = new Map<string, Vector>();
  for (const article of story.articles) {
    const counts = new Map<string, number>();
    for (const stem of contentStems(article.text)) counts.set(stem, (counts.get(stem) ?? 0) + 1);
    const weights = new Map<string, number>();
    let norm = 0;
    for (const [stem, count] of counts) {
      const weight = (1 + Math.log(count)) * termWeights.idf(stem);
      weights.set(stem, weight);
      norm += weight * weight;
    }
    vectors.set(article.id, { weights, norm: Math.sqrt(norm) });
  }
  const nameWeights = entityWeights(story, termWeights);
  const entitiesOf = new Map(story.articles.map((article) => [article.id, new Set<string>()]));
  for (const entity of story.entities) {
    if (entity.outlet) continue;
    for (const mention of entity.mentions) entitiesOf.get(mention.article)!.add(entity.id);
  }
  // Shared claims per pair of articles, from each claim's own articles: no claim × pair scan.
  const sharedByPair = new Map<string, Claim[]>();
  for (const claim of claims) {
    const ids = [...new Set(claim.mentions.map((mention) => mention.article))];
    for (let i = 0; i < ids.length; i++) {
      for (let j = 0; j < ids.length; j++) {
        if (i === j) continue;
        const key = `${ids[i]} ${ids[j]}`;
        const list = sharedByPair.get(key);
        if (list) list.push(claim);
        else sharedByPair.set(key, [claim]);
      }
    }
  }
  const relations: ArticleRelation[] = [];
  const articles = story.articles;
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      const [a, b] = [articles[i]!, articles[j]!];
      const evidence: RelationEvidence[] = [];
      const sharedClaims = sharedByPair.get(`${a.id} ${b.id}`) ?? [];
      for (const claim of sharedClaims) {
        evidence.push({
          kind: 'shared-claim',
          claim: claim.id,
          detail: story
            .article(claim.representative.article)!
            .slice(claim.representative)
            .slice(0, 120),
        });
      }
      const entitiesA = entitiesOf.get(a.id)!;
      const entitiesB = entitiesOf.get(b.id)!;
      const sharedEntities = [...entitiesA].filter((id) => entitiesB.has(id));
      let sharedWeight = 0;
      let allWeight = 0;
      for (const id of new Set([...entitiesA, ...entitiesB])) {
        const weight = nameWeights.get(`ent:${id}`) ?? 1;
        allWeight += weight;
        if (entitiesA.has(id) && entitiesB.has(id)) sharedWeight += weight;
      }
      const entityOverlap = allWeight > 0 ? sharedWeight / allWeight : 0;
      for (const id of sharedEntities)
        evidence.push({ kind: 'shared-entity', entity: id, detail: story.entity(id)!.name });
      const textSimilarity = cosine(vectors.get(a.id)!, vectors.get(b.id)!);
      evidence.push({
        kind: 'text-similarity',
        value: round(textSimilarity),
        detail: 'cosine of weighted word stems',
      });
      const copy = sharedText.find(
        (run) => (run.a === a.id && run.b === b.id) || (run.a === b.id && run.b === a.id),
      );
      if (copy?.copies)
        evidence.push({
          kind: 'shared-text',
          value: copy.shared,
          detail: `${copy.shared} shared runs of 8 words`,
        });
      const claimShare = Math.min(1, sharedClaims.length / SAME_EVENT_CLAIMS);
      let score = 0.45 * claimShare + 0.3 * textSimilarity + 0.25 * entityOverlap;
      const days = daysApart(a.metadata.published, b.metadata.published);
      if (days !== undefined)
        evidence.push({
          kind: 'dates',
          value: round(days),
          detail: `published ${round(days)} days apart`,
        });
      let relation: RelationKind =
        score >= SAME_EVENT_SCORE || (copy?.copies ?? false)
          ? 'same-event'
          : score >= RELATED_SCORE || sharedEntities.length >= 2
            ? 'related'
            : 'unrelated';
      if (relation === 'same-event' && days !== undefined && days > SAME_EVENT_DAYS) {
        relation = 'related';
        score = Math.min(score, SAME_EVENT_SCORE - 0.01);
      }
      relations.push({ a: a.id, b: b.id, relation, score: round(score), evidence });
    }
  }
  return relations;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
