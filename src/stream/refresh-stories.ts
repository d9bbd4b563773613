/**
 * Keeps each story's analysis up to date: takes the stories whose articles changed since their
 * last analysis (leased, so several workers share the work), runs the whole analysis over their
 * articles as one story, and saves the report with its claim and conflict history.
 */
import type { AttributionModelName } from '../attribution/tag-attributions.js';
import type { SourceDocument } from '../ingest/source-document.js';
import { analyzeDocuments, safeId, UniqueIds } from '../pipeline/analyze.js';
import { buildReport } from '../report/build-report.js';
import type { Store, StoredArticle } from '../store/store.js';

/** Long enough for a large story on a slow machine; a worker that dies frees it after this. */
export const STORY_LEASE_MS = 10 * 60_000;

export interface RefreshOptions {
  readonly worker: string;
  readonly attributionModel?: AttributionModelName;
  /** Checked between stories: once aborted, no further story is taken. */
  readonly signal?: AbortSignal;
  readonly onStory?: (story: RefreshedStory) => void;
  /**
   * Given, a story whose analysis fails is reported here and left leased (so it is tried again
   * when the lease runs out, not at once), and the other stories go on. Without it, the story is
   * handed back and the error thrown.
   */
  readonly onError?: (storyId: string, error: unknown) => void;
}

export interface RefreshedStory {
  readonly id: string;
  readonly articles: number;
  readonly claims: number;
  readonly conflicts: number;
  readonly seconds: number;
}

/** Re-analyses every story waiting for it; returns what was done. */
export async function refreshStories(
  store: Store,
  options: RefreshOptions,
): Promise<RefreshedStory[]> {
  const done: RefreshedStory[] = [];
  while (!options.signal?.aborted) {
    const claimed = await store.claimStory(options.worker, STORY_LEASE_MS);
    if (!claimed) break;
    const started = performance.now();
    try {
      const { documents, articleIds } = storyDocuments(claimed.articles);
      const analysis = await analyzeDocuments(documents, {
        ...(options.attributionModel ? { attributionModel: options.attributionModel } : {}),
      });
      const report = buildReport(analysis.articles, analysis.diagnostics, analysis.story);
      await store.saveStory(claimed.id, report, claimed.version, articleIds);
      const refreshed: RefreshedStory = {
        id: claimed.id,
        articles: report.articles.length,
        claims: report.claims.length,
        conflicts: report.conflicts.length,
        seconds: (performance.now() - started) / 1000,
      };
      done.push(refreshed);
      options.onStory?.(refreshed);
    } catch (error) {
      if (options.onError) {
        options.onError(claimed.id, error);
        continue;
      }
      // Given back, so this or another worker tries again; the articles are safe in the store.
      await store.releaseStory(claimed.id, options.worker).catch(() => undefined);
      throw error;
    }
  }
  return done;
}

/**
 * The stored articles as documents to analyse again, with ids unique within the story (the
 * source's own id made safe and numbered when two sources chose the same, as `analyze` does)
 * and the map back to store ids.
 */
export function storyDocuments(articles: readonly StoredArticle[]): {
  documents: SourceDocument[];
  articleIds: Map<string, number>;
} {
  const articleIds = new Map<string, number>();
  const ids = new UniqueIds();
  const documents = articles.map((article): SourceDocument => {
    const id = ids.take(safeId(article.sourceId));
    articleIds.set(id, article.id);
    return {
      input: `store article ${article.id}`,
      format: 'text',
      content: article.text,
      metadata: {
        id,
        ...(article.url ? { url: article.url } : {}),
        ...(article.outlet ? { outlet: article.outlet } : {}),
        ...(article.title ? { title: article.title } : {}),
        ...(article.published ? { published: article.published } : {}),
      },
      idBasis: id,
      diagnostics: [],
    };
  });
  return { documents, articleIds };
}
