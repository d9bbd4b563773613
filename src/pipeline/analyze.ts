import type { Article } from '../model/article.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { InputError } from '../model/errors.js';
import {
  readInputs,
  slugify,
  DEFAULT_INGEST_OPTIONS,
  type IngestOptions,
} from '../ingest/read-inputs.js';
import type { SourceDocument } from '../ingest/source-document.js';
import { buildArticle, type RunDefaults } from './build-article.js';
import { segmentStage } from './segment-stage.js';
import { entityStage } from '../entities/entity-stage.js';
import { attributionStage, type AttributionModelName } from '../attribution/tag-attributions.js';
import { checkStageOrder, type ArticleStage, type StoryStage } from './stage.js';
import { Story } from '../model/story.js';
import { resolveEntities } from '../entities/resolve-entities.js';
import { buildAttributions } from '../attribution/build-attributions.js';
import { buildClaims } from '../claims/build-claims.js';
import { buildFraming } from '../framing/build-framing.js';
import { buildTimeline } from '../timeline/build-timeline.js';
import { findStaleness } from '../timeline/find-staleness.js';

/** The per-article stages, in order: segmentation, named entities, attribution spans. */
export const ARTICLE_STAGES: readonly ArticleStage[] = articleStages('accurate');

/** The per-article stages with the attribution model named (`--attribution-model`). */
export function articleStages(attributionModel: AttributionModelName): readonly ArticleStage[] {
  const stages = [segmentStage, entityStage, attributionStage(attributionModel)];
  checkStageOrder(stages);
  return stages;
}

/** What a run may change in the story stages. */
export interface StoryStageOptions {
  /** Keep unattributed background sentences as claims (default true; `--no-background`). */
  readonly background?: boolean;
}

/** The whole-story stages, in order, after every article has been through ARTICLE_STAGES. */
export const STORY_STAGES: readonly StoryStage[] = storyStages();

export function storyStages(options: StoryStageOptions = {}): readonly StoryStage[] {
  return [
    {
      name: 'resolve-entities',
      run(story) {
        story.entities = resolveEntities(story);
      },
    },
    {
      name: 'build-attributions',
      run(story) {
        story.attributions = buildAttributions(story);
      },
    },
    {
      name: 'build-claims',
      run(story) {
        buildClaims(story, options.background === false ? { background: false } : {});
      },
    },
    {
      name: 'build-framing',
      run(story) {
        buildFraming(story);
      },
    },
    {
      name: 'build-timeline',
      run(story) {
        story.timeline = buildTimeline(story);
      },
    },
    {
      // After claims (copies) and the timeline (time anchors): adds `stale` and `recycled` conflicts.
      name: 'find-staleness',
      run(story) {
        story.conflicts.push(...findStaleness(story));
      },
    },
  ];
}

export interface AnalyzeOptions extends RunDefaults, StoryStageOptions {
  readonly ingest?: Partial<IngestOptions>;
  /** Which attribution model tags sources (default `accurate`). */
  readonly attributionModel?: AttributionModelName;
  /** Called once per article built, for progress displays. */
  readonly onArticle?: (article: Article, done: number, total: number) => void;
  /**
   * False: each article goes to `onArticle` and is then dropped, not kept in the analysis (the
   * story stages then see none). `cluster` over a 100,000-article archive keeps memory flat so.
   */
  readonly keepArticles?: boolean;
  /**
   * Only these stages, for commands that need less than the whole analysis (`cluster` needs clean
   * text and names, not sources or claims). Defaults: every article stage, every story stage.
   */
  readonly stages?: {
    readonly article: readonly ArticleStage[];
    readonly story: readonly StoryStage[];
  };
}

export interface Analysis {
  readonly articles: Article[];
  readonly diagnostics: Diagnostic[];
  readonly story: Story;
}

/** Reads every input, builds and segments one Article per document, and collects the diagnostics. */
export async function analyzeInputs(
  inputs: readonly string[],
  options: AnalyzeOptions = {},
): Promise<Analysis> {
  const ingest = await readInputs(inputs, { ...DEFAULT_INGEST_OPTIONS, ...options.ingest });
  const analysis = await analyzeDocuments(ingest.documents, options);
  return { ...analysis, diagnostics: [...ingest.diagnostics, ...analysis.diagnostics] };
}

export interface AnalyzeDocumentsOptions extends AnalyzeOptions {
  /**
   * Checked before each article and each story stage: once aborted, the analysis stops there and
   * rejects with the signal's reason (the server's per-request time limit).
   */
  readonly signal?: AbortSignal;
}

/**
 * Documents already in memory (read from inputs, or sent to the server) to an analysis: one Article
 * per document through the article stages, then the story stages. A document that yields no article
 * becomes an error diagnostic. With a `signal`, it yields to the event loop between articles and
 * stages, so a server stays responsive (and can give up) during a long analysis.
 */
export async function analyzeDocuments(
  documents: readonly SourceDocument[],
  options: AnalyzeDocumentsOptions = {},
): Promise<Analysis> {
  const diagnostics: Diagnostic[] = [];
  const articles: Article[] = [];
  const ids = new UniqueIds();
  const stages =
    options.stages?.article ??
    (options.attributionModel ? articleStages(options.attributionModel) : ARTICLE_STAGES);
  if (options.stages) checkStageOrder(stages);
  for (const [index, document] of documents.entries()) {
    await checkpoint(options.signal);
    try {
      const id = ids.take(document.metadata.id ?? safeId(document.idBasis));
      const article = buildArticle(document, id, options);
      for (const stage of stages) stage.run(article);
      diagnostics.push(...article.diagnostics);
      if (options.keepArticles !== false) articles.push(article);
      options.onArticle?.(article, index + 1, documents.length);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      diagnostics.push({ input: error.input, severity: 'error', message: error.message });
    }
  }
  const story = new Story(articles);
  const storyStageList =
    options.stages?.story ?? (options.background === false ? storyStages(options) : STORY_STAGES);
  for (const stage of storyStageList) {
    await checkpoint(options.signal);
    stage.run(story);
  }
  return { articles, diagnostics, story };
}

/** Lets pending I/O run, then stops if the caller gave up. */
async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  signal.throwIfAborted();
}

/** A file stem or URL slug as an id: kept as it is when it is already safe in paths and URLs. */
export function safeId(basis: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(basis) ? basis : slugify(basis);
}

/** Article ids are unique in a run: a repeated id gets `-2`, `-3`, … */
export class UniqueIds {
  private readonly taken = new Set<string>();
  take(wanted: string): string {
    let id = wanted;
    for (let suffix = 2; this.taken.has(id); suffix++) id = `${wanted}-${suffix}`;
    this.taken.add(id);
    return id;
  }
}
