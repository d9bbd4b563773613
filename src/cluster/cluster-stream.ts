/**
 * Online story clustering: each article, as it arrives, joins the active story whose centroid is
 * nearest (cosine of IDF-weighted stem vectors, plus shared entities) or starts a new story.
 * Only stories active within a window (a time span when articles carry dates, else the last N
 * stories touched) are compared, through an inverted index from rare terms to stories, so memory
 * and time per article stay bounded however long the stream runs.
 */
import { claimWords, contentStems, type ClaimWords } from '../claims/claim-words.js';
import { shippedTermWeights, type TermWeights } from '../claims/term-weights.js';

/** One article of the stream. `published` is an ISO date or date-time. */
export interface StreamArticle {
  readonly id: string;
  readonly title?: string;
  readonly text: string;
  readonly published?: string;
  readonly entities?: readonly string[];
}

export interface StoryAssignment {
  /** The story id (`s1`, `s2`, … in order of creation). */
  readonly story: string;
  /** Why: the join's cosine and shared terms, or the best match that fell below the threshold. */
  readonly reason: string;
}

export interface StorySummary {
  readonly id: string;
  readonly articles: readonly string[];
  /** The title of the story's first article (or the start of its text). */
  readonly title: string;
  /** Earliest and latest `published` of its articles, undefined when none had a date. */
  readonly span: { readonly from: string | undefined; readonly to: string | undefined };
}

export interface StoryClustererOptions {
  /**
   * Least similarity to join a story. 0.35 maximised B-cubed F1 on NeuS train.source (0.689; see
   * `npm run eval -- neus --data ../shared/data/neus/train.source`).
   */
  readonly threshold?: number;
  /** Stories whose last article is older than this (ms) before the newest article seen are closed. */
  readonly windowMs?: number;
  /** Without dates: how many of the most recently touched stories stay open. */
  readonly windowStories?: number;
  /** How many times a title stem counts against a body stem (default TITLE_WEIGHT). */
  readonly titleWeight?: number;
  /** IDF is raised to this power: above 1 sharpens rare names against topic words. */
  readonly idfPower?: number;
  readonly termWeights?: TermWeights;
  readonly words?: ClaimWords;
  /**
   * Names a new story. Default `s1`, `s2`, … in order of creation; a store that several
   * workers share hands out its own ids.
   */
  readonly newStoryId?: () => string;
  /**
   * Keep closed stories for {@link StoryClusterer.stories} (default true). A long-running
   * stream (watch, a 100,000-article archive written out as it goes) sets false, so memory is
   * bounded by the window alone.
   */
  readonly retainClosed?: boolean;
}

/** Tuned on NeuS train.source (B-cubed F1); see StoryClustererOptions.threshold. */
export const DEFAULT_JOIN_THRESHOLD = 0.35;
/** Three days: follow-ups of an event come within days; older stories are another event. */
export const DEFAULT_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;
/** Without dates, roughly a few days of a large feed's stories. */
export const DEFAULT_WINDOW_STORIES = 2000;
/** A title names the event in a few words; its stems count this many times a body's. */
const TITLE_WEIGHT = 3;
/** IDF exponent: 1 is plain TF-IDF; 1.5 and 2 did no better on NeuS train.source. */
const IDF_POWER = 1;
/** Centroids keep their heaviest terms only: the tail adds little to cosines and costs memory. */
const CENTROID_TERMS = 200;
/** An article looks stories up by this many of its heaviest terms (rare names, places, topics). */
const LOOKUP_TERMS = 8;
/** Terms this common (IDF below) are not used to look stories up: "said" would reach them all. */
const MIN_LOOKUP_IDF = 4;
/** Each shared entity (by Jaccard over the article's and story's entities) adds up to this much. */
const ENTITY_WEIGHT = 0.15;
/** How many shared terms a reason names. */
const REASON_TERMS = 3;

type Vector = Map<string, number>;

interface OpenStory {
  readonly summary: MutableSummary;
  /** Sum of its articles' unit vectors, truncated to CENTROID_TERMS. */
  centroid: Vector;
  norm: number;
  readonly entities: Map<string, number>;
  lastTime: number | undefined;
  /** Earliest `published` of its articles (ms), for articles that arrive late. */
  firstTime: number | undefined;
}

interface MutableSummary {
  readonly id: string;
  readonly articles: string[];
  readonly title: string;
  span: { from: string | undefined; to: string | undefined };
}

export class StoryClusterer {
  private readonly threshold: number;
  private readonly windowMs: number;
  private readonly windowStories: number;
  private readonly weights: TermWeights;
  private readonly titleWeight: number;
  private readonly idfPower: number;
  private readonly words: ClaimWords;
  private readonly idfCache = new Map<string, number>();
  /** Open stories, least recently touched first (Map keeps insertion order; touching re-inserts). */
  private readonly open = new Map<string, OpenStory>();
  /** Term → open stories whose centroid holds it. */
  private readonly index = new Map<string, Set<string>>();
  private readonly all: MutableSummary[] = [];
  private readonly retainClosed: boolean;
  private readonly newStoryId: () => string;
  private created = 0;
  private newestTime: number | undefined;

  constructor(options: StoryClustererOptions = {}) {
    this.threshold = options.threshold ?? DEFAULT_JOIN_THRESHOLD;
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.windowStories = options.windowStories ?? DEFAULT_WINDOW_STORIES;
    this.weights = options.termWeights ?? shippedTermWeights();
    this.titleWeight = options.titleWeight ?? TITLE_WEIGHT;
    this.idfPower = options.idfPower ?? IDF_POWER;
    this.words = options.words ?? claimWords();
    this.retainClosed = options.retainClosed ?? true;
    this.newStoryId = options.newStoryId ?? (() => `s${this.created}`);
  }

  /**
   * Replays an assignment made earlier (by this process before a restart, or by another worker
   * sharing the store): the article joins `storyId`, opened if need be, without being scored.
   */
  restore(article: StreamArticle, storyId: string): void {
    const time = timeOf(article.published);
    if (time !== undefined) {
      this.newestTime = this.newestTime === undefined ? time : Math.max(this.newestTime, time);
    }
    const vector = this.vectorOf(article);
    const entities = new Set(article.entities ?? []);
    const story = this.open.get(storyId);
    if (story) this.join(story, article, vector, entities, time);
    else this.create(article, vector, entities, time, storyId);
    this.evict();
  }

  add(article: StreamArticle): StoryAssignment {
    const time = timeOf(article.published);
    if (time !== undefined) {
      this.newestTime = this.newestTime === undefined ? time : Math.max(this.newestTime, time);
    }
    this.evict();
    const vector = this.vectorOf(article);
    const entities = new Set(article.entities ?? []);

    let best: OpenStory | undefined;
    let bestScore = 0;
    let bestCosine = 0;
    let outOfWindow = 0;
    for (const story of this.candidates(vector)) {
      // An article that arrives late (an old report in today's feed) is another event, however
      // alike: its date must fall within the window of the story's own dates.
      if (time !== undefined && !this.withinStoryWindow(story, time)) {
        outOfWindow++;
        continue;
      }
      const cosine = dot(vector, story.centroid) / story.norm;
      const score = cosine + ENTITY_WEIGHT * entityOverlap(entities, story.entities);
      if (
        score > bestScore ||
        (score === bestScore && best && story.summary.id < best.summary.id)
      ) {
        best = story;
        bestScore = score;
        bestCosine = cosine;
      }
    }

    if (best && bestScore >= this.threshold) {
      const shared = sharedTerms(vector, best.centroid);
      this.join(best, article, vector, entities, time);
      const entityNote =
        entities.size > 0 ? `, entity overlap ${round(bestScore - bestCosine)}` : '';
      return {
        story: best.summary.id,
        reason: `joined ${best.summary.id}: cosine ${round(bestCosine)} with its centroid${entityNote}, shared terms: ${shared.join(', ')}`,
      };
    }
    const story = this.create(article, vector, entities, time);
    const why = best
      ? `best match ${round(bestScore)} (${best.summary.id}) below ${this.threshold}`
      : outOfWindow > 0
        ? `the ${outOfWindow} open ${outOfWindow === 1 ? 'story' : 'stories'} sharing its rare terms ${outOfWindow === 1 ? 'is' : 'are'} dated more than the window from it`
        : 'no story shares a rare term';
    return {
      story: story.summary.id,
      reason: `new story: ${why}`,
    };
  }

  private withinStoryWindow(story: OpenStory, time: number): boolean {
    if (story.firstTime === undefined || story.lastTime === undefined) return true;
    return time >= story.firstTime - this.windowMs && time <= story.lastTime + this.windowMs;
  }

  /** Every story so far (only the open ones when `retainClosed` is false), in order of creation. */
  stories(): StorySummary[] {
    const summaries = this.retainClosed
      ? this.all
      : [...this.open.values()]
          .map((story) => story.summary)
          .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    return summaries.map((summary) => ({
      id: summary.id,
      articles: [...summary.articles],
      title: summary.title,
      span: { ...summary.span },
    }));
  }

  /** How many stories are still compared with new articles. */
  openStories(): number {
    return this.open.size;
  }

  private idf(term: string): number {
    let value = this.idfCache.get(term);
    if (value === undefined) {
      value = this.weights.idf(term);
      if (this.idfCache.size > 200_000) this.idfCache.clear();
      this.idfCache.set(term, value);
    }
    return value;
  }

  /** Unit vector of (1 + log tf) × IDF over title (weighted up) and text stems. */
  private vectorOf(article: StreamArticle): Vector {
    const counts = new Map<string, number>();
    if (article.title) {
      for (const term of contentStems(article.title, this.words)) {
        counts.set(term, (counts.get(term) ?? 0) + this.titleWeight);
      }
    }
    for (const term of contentStems(article.text, this.words)) {
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    const vector: Vector = new Map();
    let squares = 0;
    for (const [term, count] of counts) {
      const weight = (1 + Math.log(count)) * this.idf(term) ** this.idfPower;
      vector.set(term, weight);
      squares += weight * weight;
    }
    const norm = Math.sqrt(squares);
    if (norm > 0) for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  }

  private candidates(vector: Vector): OpenStory[] {
    const lookup = [...vector]
      .filter(([term]) => this.idf(term) >= MIN_LOOKUP_IDF)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, LOOKUP_TERMS);
    const ids = new Set<string>();
    for (const [term] of lookup) {
      const stories = this.index.get(term);
      if (stories) for (const id of stories) ids.add(id);
    }
    const found: OpenStory[] = [];
    for (const id of ids) {
      const story = this.open.get(id);
      if (story) found.push(story);
    }
    return found;
  }

  private create(
    article: StreamArticle,
    vector: Vector,
    entities: ReadonlySet<string>,
    time: number | undefined,
    id?: string,
  ): OpenStory {
    this.created++;
    const summary: MutableSummary = {
      id: id ?? this.newStoryId(),
      articles: [],
      title: article.title || article.text.slice(0, 80),
      span: { from: undefined, to: undefined },
    };
    if (this.retainClosed) this.all.push(summary);
    const story: OpenStory = {
      summary,
      centroid: new Map(),
      norm: 1,
      entities: new Map(),
      lastTime: undefined,
      firstTime: undefined,
    };
    this.join(story, article, vector, entities, time);
    return story;
  }

  private join(
    story: OpenStory,
    article: StreamArticle,
    vector: Vector,
    entities: ReadonlySet<string>,
    time: number | undefined,
  ): void {
    const id = story.summary.id;
    story.summary.articles.push(article.id);
    if (article.published !== undefined) {
      const span = story.summary.span;
      if (span.from === undefined || time! < timeOf(span.from)!) span.from = article.published;
      if (span.to === undefined || time! > timeOf(span.to)!) span.to = article.published;
    }
    if (time !== undefined) {
      story.lastTime = Math.max(story.lastTime ?? time, time);
      story.firstTime = Math.min(story.firstTime ?? time, time);
    }
    for (const entity of entities)
      story.entities.set(entity, (story.entities.get(entity) ?? 0) + 1);

    const before = story.centroid;
    const summed: Vector = new Map(before);
    for (const [term, weight] of vector) summed.set(term, (summed.get(term) ?? 0) + weight);
    const kept =
      summed.size <= CENTROID_TERMS
        ? summed
        : new Map(
            [...summed]
              .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
              .slice(0, CENTROID_TERMS),
          );
    for (const term of before.keys()) {
      if (!kept.has(term)) this.unindex(term, id);
    }
    for (const term of kept.keys()) {
      if (!before.has(term)) {
        let stories = this.index.get(term);
        if (!stories) this.index.set(term, (stories = new Set()));
        stories.add(id);
      }
    }
    story.centroid = kept;
    let squares = 0;
    for (const weight of kept.values()) squares += weight * weight;
    story.norm = Math.sqrt(squares) || 1;
    // Re-insert so the Map stays ordered by last touch (the count window evicts from the front).
    this.open.delete(id);
    this.open.set(id, story);
  }

  private unindex(term: string, id: string): void {
    const stories = this.index.get(term);
    if (!stories) return;
    stories.delete(id);
    if (stories.size === 0) this.index.delete(term);
  }

  private close(story: OpenStory): void {
    for (const term of story.centroid.keys()) this.unindex(term, story.summary.id);
    this.open.delete(story.summary.id);
  }

  /** Closes stories outside the window: too old, or beyond the last `windowStories` touched. */
  private evict(): void {
    if (this.newestTime !== undefined) {
      const cutoff = this.newestTime - this.windowMs;
      for (const story of [...this.open.values()]) {
        if (story.lastTime !== undefined && story.lastTime < cutoff) this.close(story);
      }
    }
    while (this.open.size >= this.windowStories) {
      const oldest = this.open.values().next().value;
      if (!oldest) break;
      this.close(oldest);
    }
  }
}

function timeOf(published: string | undefined): number | undefined {
  if (published === undefined) return undefined;
  const time = Date.parse(published);
  return Number.isNaN(time) ? undefined : time;
}

function dot(small: Vector, large: Vector): number {
  let sum = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += weight * other;
  }
  return sum;
}

function entityOverlap(entities: ReadonlySet<string>, story: ReadonlyMap<string, number>): number {
  if (entities.size === 0 || story.size === 0) return 0;
  let shared = 0;
  for (const entity of entities) if (story.has(entity)) shared++;
  return shared / (entities.size + story.size - shared);
}

function sharedTerms(vector: Vector, centroid: Vector): string[] {
  return [...vector]
    .filter(([term]) => centroid.has(term))
    .map(([term, weight]): [string, number] => [term, weight * centroid.get(term)!])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, REASON_TERMS)
    .map(([term]) => term);
}

function round(value: number): string {
  return value.toFixed(2);
}
