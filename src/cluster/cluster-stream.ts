/**
 * Online story clustering: each article, as it arrives, joins the active story that a learned
 * model (src/cluster/story-join.ts) finds most likely to be the same event, or starts a new
 * story. Stories are found through an inverted index from rare terms, ranked by the cosine of
 * IDF-weighted stem vectors with their centroids (plus shared entities), and the few best are
 * weighed in full: closest report, title, shared rare names and figures, and how far each stands
 * above the runner-up. Only stories active within a window (a time span when articles carry
 * dates, else the last N stories touched) are compared, and each keeps only its last few reports,
 * so memory and time per article stay bounded however long the stream runs.
 */
import { claimWords, contentStems, type ClaimWords } from '../claims/claim-words.js';
import { shippedTermWeights, type TermWeights } from '../claims/term-weights.js';
import {
  figuresOf,
  joinProbability,
  shippedStoryJoinModel,
  type JoinEvidence,
  type StoryJoinModel,
} from './story-join.js';

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
  /**
   * Why: the join's probability, the similarities behind it and shared terms, or the best match
   * that fell below the threshold.
   */
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
   * Least join probability (of the story-join model) to join a story; default
   * {@link DEFAULT_JOIN_THRESHOLD}, chosen by `npm run train -- story-join` on NeuS train.source.
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
  /** The join model (default the shipped `models/story-join.json`); the trainer passes its own. */
  readonly joinModel?: StoryJoinModel;
}

/** One open story an article was weighed against, as {@link StoryClusterer.weigh} reports it. */
export interface WeighedCandidate {
  readonly story: string;
  readonly evidence: JoinEvidence;
  readonly probability: number;
}

/**
 * The join probability `npm run train -- story-join` chose on NeuS train streams (B-cubed F1);
 * kept equal to `models/story-join.json`'s threshold (a test checks).
 */
export const DEFAULT_JOIN_THRESHOLD = 0.4;
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
/**
 * At most this many stories found by lookup are compared in full (see candidates()). 16 kept
 * NeuS train B-cubed within 0.003 of no limit (0.704 against 0.707) and doubled the speed with
 * 1,600 stories open (bench). TRIANGULATE_CLUSTER_CANDIDATES overrides it for measuring (0: none).
 */
const MAX_CANDIDATES = Number(process.env['TRIANGULATE_CLUSTER_CANDIDATES'] ?? 16) || Infinity;
/** Terms this common (IDF below) are not used to look stories up: "said" would reach them all. */
const MIN_LOOKUP_IDF = 4;
/** Each shared entity (by Jaccard over the article's and story's entities) adds up to this much. */
const ENTITY_WEIGHT = 0.15;
/**
 * Only this many stories, the nearest by centroid, are weighed in full: the true story is among
 * the first few when it is found at all, and the full features cost a pass over its reports.
 */
const WEIGHED_CANDIDATES = 4;
/** A story remembers its last reports for the closest-report features (memory stays bounded). */
const RECENT_REPORTS = 8;
/** A remembered report keeps its heaviest terms only; the tail barely moves a cosine. */
const REPORT_TERMS = 100;
/**
 * A stem counts as a rare name when its IDF is at least this: seen in at most about six of the
 * 8,700 background texts. A shared rare name is what tells one event from its topic.
 */
const RARE_TERM_IDF = 8;
/**
 * Least centroid similarity to join at all, whatever the model says. The model learned on NeuS
 * streams, where a lone candidate is usually the event; in a real feed a lone candidate is often
 * only the same topic (the bundled seeds: a related Gaza report at 0.28 is another event). On
 * NeuS train.source 0.3 left the whole file's B-cubed F1 at 0.707 and cost 300-event runs 0.8
 * points (0.851 → 0.843); 0.35 cost 1.2 and 3.1 (ADR 0010).
 */
const MIN_JOIN_SIMILARITY = 0.3;
/** How many shared terms a reason names. */
const REASON_TERMS = 3;

type Vector = Map<string, number>;

/** What an article is compared by. */
interface Profile {
  readonly vector: Vector;
  readonly titleVector: Vector;
  readonly figures: ReadonlySet<string>;
  readonly entities: ReadonlySet<string>;
  /** Its stems with IDF of at least RARE_TERM_IDF (found once, checked against each candidate). */
  readonly rareTerms: readonly string[];
}

/** A remembered report of a story. */
interface Report {
  readonly vector: Vector;
  readonly titleVector: Vector;
  readonly figures: ReadonlySet<string>;
}

interface OpenStory {
  readonly summary: MutableSummary;
  /** Sum of its articles' unit vectors, truncated to CENTROID_TERMS. */
  centroid: Vector;
  norm: number;
  readonly entities: Map<string, number>;
  /** Its last RECENT_REPORTS reports, oldest first. */
  readonly reports: Report[];
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
  private readonly joinModel: StoryJoinModel;
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
    this.joinModel = options.joinModel ?? shippedStoryJoinModel();
    this.retainClosed = options.retainClosed ?? true;
    this.newStoryId = options.newStoryId ?? (() => `s${this.created}`);
  }

  /**
   * Replays an assignment made earlier (by this process before a restart, or by another worker
   * sharing the store): the article joins `storyId`, opened if need be, without being scored.
   */
  restore(article: StreamArticle, storyId: string): void {
    const time = this.observe(article);
    const profile = this.profileOf(article);
    const story = this.open.get(storyId);
    if (story) this.join(story, article, profile, time);
    else this.create(article, profile, time, storyId);
    this.evict();
  }

  add(article: StreamArticle): StoryAssignment {
    const time = this.observe(article);
    this.evict();
    const profile = this.profileOf(article);
    const { weighed, outOfWindow } = this.weighAgainstOpen(profile, time);

    let best: { story: OpenStory; evidence: JoinEvidence; probability: number } | undefined;
    for (const candidate of weighed) {
      if (
        !best ||
        candidate.probability > best.probability ||
        (candidate.probability === best.probability &&
          candidate.story.summary.id < best.story.summary.id)
      ) {
        best = candidate;
      }
    }

    if (
      best &&
      best.probability >= this.threshold &&
      best.evidence.centroidCosine >= MIN_JOIN_SIMILARITY
    ) {
      const shared = sharedTerms(profile.vector, best.story.centroid);
      this.join(best.story, article, profile, time);
      return {
        story: best.story.summary.id,
        reason: `joined ${best.story.summary.id}: ${describeEvidence(best.evidence, profile.entities.size > 0)} (join probability ${round(best.probability)}), shared terms: ${shared.join(', ')}`,
      };
    }
    const story = this.create(article, profile, time);
    const why = best
      ? `best match ${round(best.probability)} (${best.story.summary.id}: ${describeEvidence(best.evidence, profile.entities.size > 0)}) below ${this.threshold}`
      : outOfWindow > 0
        ? `the ${outOfWindow} open ${outOfWindow === 1 ? 'story' : 'stories'} sharing its rare terms ${outOfWindow === 1 ? 'is' : 'are'} dated more than the window from it`
        : 'no story shares a rare term';
    return {
      story: story.summary.id,
      reason: `new story: ${why}`,
    };
  }

  /**
   * The open stories `add` would weigh the article against, with the evidence and join
   * probability of each, without assigning it (the trainer's view; also for debugging a join).
   */
  weigh(article: StreamArticle): WeighedCandidate[] {
    const { weighed } = this.weighAgainstOpen(this.profileOf(article), timeOf(article.published));
    return weighed.map(({ story, evidence, probability }) => ({
      story: story.summary.id,
      evidence,
      probability,
    }));
  }

  /** Moves the stream's clock to the article's date; returns the date (ms) if it has one. */
  private observe(article: StreamArticle): number | undefined {
    const time = timeOf(article.published);
    if (time !== undefined) {
      this.newestTime = this.newestTime === undefined ? time : Math.max(this.newestTime, time);
    }
    return time;
  }

  /**
   * Ranks the open stories that share a rare term with the article by centroid similarity and
   * weighs the nearest WEIGHED_CANDIDATES in full.
   */
  private weighAgainstOpen(
    profile: Profile,
    time: number | undefined,
  ): {
    weighed: { story: OpenStory; evidence: JoinEvidence; probability: number }[];
    outOfWindow: number;
  } {
    // The nearest WEIGHED_CANDIDATES, kept sorted by insertion: cheaper than sorting them all.
    const top: { story: OpenStory; similarity: number }[] = [];
    let outOfWindow = 0;
    for (const story of this.candidates(profile.vector)) {
      // An article that arrives late (an old report in today's feed) is another event, however
      // alike: its date must fall within the window of the story's own dates.
      if (time !== undefined && !this.withinStoryWindow(story, time)) {
        outOfWindow++;
        continue;
      }
      const similarity =
        dot(profile.vector, story.centroid) / story.norm +
        ENTITY_WEIGHT * entityOverlap(profile.entities, story.entities);
      const last = top[top.length - 1];
      if (top.length === WEIGHED_CANDIDATES && last && !nearer(similarity, story, last)) continue;
      let at = top.length;
      while (at > 0 && nearer(similarity, story, top[at - 1]!)) at--;
      top.splice(at, 0, { story, similarity });
      if (top.length > WEIGHED_CANDIDATES) top.pop();
    }
    const weighed = top.map(({ story, similarity }, rank) => {
      const runnerUp = rank === 0 ? (top[1]?.similarity ?? 0) : top[0]!.similarity;
      const evidence = this.evidenceFor(profile, story, similarity, similarity - runnerUp, rank);
      return { story, evidence, probability: joinProbability(this.joinModel, evidence) };
    });
    return { weighed, outOfWindow };
  }

  private evidenceFor(
    profile: Profile,
    story: OpenStory,
    centroidCosine: number,
    marginOverRunnerUp: number,
    rank: number,
  ): JoinEvidence {
    let closestReportCosine = 0;
    let titleCosine = 0;
    let sharedFigures = 0;
    const figuresSeen = new Set<string>();
    for (const report of story.reports) {
      closestReportCosine = Math.max(closestReportCosine, dot(profile.vector, report.vector));
      titleCosine = Math.max(titleCosine, dot(profile.titleVector, report.titleVector));
      for (const figure of report.figures) {
        if (profile.figures.has(figure) && !figuresSeen.has(figure)) {
          figuresSeen.add(figure);
          sharedFigures++;
        }
      }
    }
    let sharedRareTerms = 0;
    for (const term of profile.rareTerms) if (story.centroid.has(term)) sharedRareTerms++;
    return {
      centroidCosine,
      closestReportCosine,
      titleCosine,
      sharedRareTerms,
      sharedFigures,
      marginOverRunnerUp,
      rankedFirst: rank === 0,
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

  /** The article's vectors: (1 + log tf) × IDF over title (weighted up) and text, and title alone. */
  private profileOf(article: StreamArticle): Profile {
    const counts = new Map<string, number>();
    const titleCounts = new Map<string, number>();
    if (article.title) {
      for (const term of contentStems(article.title, this.words)) {
        counts.set(term, (counts.get(term) ?? 0) + this.titleWeight);
        titleCounts.set(term, (titleCounts.get(term) ?? 0) + 1);
      }
    }
    for (const term of contentStems(article.text, this.words)) {
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    const vector = this.unitVector(counts);
    return {
      vector,
      rareTerms: [...vector.keys()].filter((term) => this.idf(term) >= RARE_TERM_IDF),
      titleVector: this.unitVector(titleCounts),
      figures: figuresOf(article.title ? `${article.title}\n${article.text}` : article.text),
      entities: new Set(article.entities ?? []),
    };
  }

  private unitVector(counts: ReadonlyMap<string, number>): Vector {
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

  /**
   * The open stories sharing one of the article's LOOKUP_TERMS heaviest rare terms, at most
   * MAX_CANDIDATES of them: those sharing the most weight of those terms. With thousands of
   * stories open, a term rare in the background can still be shared by hundreds (a name in the
   * news all week); scoring all of them costs more than everything else an article needs.
   */
  private candidates(vector: Vector): OpenStory[] {
    const lookup = [...vector]
      .filter(([term]) => this.idf(term) >= MIN_LOOKUP_IDF)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, LOOKUP_TERMS);
    const shared = new Map<string, number>();
    for (const [term, weight] of lookup) {
      const stories = this.index.get(term);
      if (stories) for (const id of stories) shared.set(id, (shared.get(id) ?? 0) + weight);
    }
    let ids = [...shared.keys()];
    if (ids.length > MAX_CANDIDATES) {
      ids = [...shared]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_CANDIDATES)
        .map(([id]) => id);
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
    profile: Profile,
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
      reports: [],
      lastTime: undefined,
      firstTime: undefined,
    };
    this.join(story, article, profile, time);
    return story;
  }

  private join(
    story: OpenStory,
    article: StreamArticle,
    profile: Profile,
    time: number | undefined,
  ): void {
    const { vector, entities } = profile;
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
    story.reports.push({
      vector: heaviest(vector, REPORT_TERMS),
      titleVector: profile.titleVector,
      figures: profile.figures,
    });
    if (story.reports.length > RECENT_REPORTS) story.reports.shift();

    // Summed in place (copying the centroid per join was most of a join's cost); only terms that
    // enter or leave the kept heaviest CENTROID_TERMS touch the index.
    const centroid = story.centroid;
    const entered: string[] = [];
    for (const [term, weight] of vector) {
      const previous = centroid.get(term);
      if (previous === undefined) entered.push(term);
      centroid.set(term, (previous ?? 0) + weight);
    }
    const kept = heaviest(centroid, CENTROID_TERMS);
    const enteredSet = new Set(entered);
    if (kept !== centroid) {
      for (const term of centroid.keys()) {
        if (!kept.has(term) && !enteredSet.has(term)) this.unindex(term, id);
      }
    }
    for (const term of entered) {
      if (!kept.has(term)) continue;
      let stories = this.index.get(term);
      if (!stories) this.index.set(term, (stories = new Set()));
      stories.add(id);
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

/** The vector itself when it has at most `limit` terms, else its `limit` heaviest. */
function heaviest(vector: Vector, limit: number): Vector {
  if (vector.size <= limit) return vector;
  return new Map([...vector].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit));
}

/** Higher similarity first; ties by story id, so runs are deterministic. */
function nearer(
  similarity: number,
  story: OpenStory,
  other: { story: OpenStory; similarity: number },
): boolean {
  return (
    similarity > other.similarity ||
    (similarity === other.similarity && story.summary.id < other.story.summary.id)
  );
}

function describeEvidence(evidence: JoinEvidence, withEntities: boolean): string {
  const parts = [
    `cosine ${round(evidence.centroidCosine)} with its centroid${withEntities ? ' (entities included)' : ''}`,
    `${round(evidence.closestReportCosine)} with its closest report`,
    `title ${round(evidence.titleCosine)}`,
  ];
  if (evidence.sharedRareTerms > 0) parts.push(`${evidence.sharedRareTerms} shared rare terms`);
  if (evidence.sharedFigures > 0) parts.push(`${evidence.sharedFigures} shared figures`);
  parts.push(`${round(evidence.marginOverRunnerUp)} above the runner-up`);
  return parts.join(', ');
}

/** Sparse dot product, walking the shorter vector and looking terms up in the longer. */
function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
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
