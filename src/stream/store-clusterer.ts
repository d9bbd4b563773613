/**
 * The online clusterer kept in step with a store: before deciding, it replays the assignments
 * made since it last looked (by this worker before a restart, or by other workers sharing a
 * PostgreSQL store), then assigns the articles no story holds yet, all under the store's
 * clustering lock, so two workers never put one article in two stories or create one story twice.
 */
import { StoryClusterer, type StreamArticle } from '../cluster/cluster-stream.js';
import { storyIdOf } from '../store/store-keys.js';
import type { Store, StoredArticle } from '../store/store.js';

/**
 * How many past assignments a fresh clusterer replays: well beyond what the window keeps open
 * for a large desk (a few days of a few hundred feeds), so the open stories are whole.
 */
const REPLAY_LIMIT = 20_000;
/** Articles assigned per lock: the lock is released between batches so other workers get turns. */
const BATCH = 500;

export interface StoryAssignmentMade {
  readonly article: StoredArticle;
  readonly story: string;
  readonly reason: string;
  /** True when the article started the story. */
  readonly created: boolean;
}

export class StoreClusterer {
  private readonly clusterer: StoryClusterer;
  private lastSeq = 0;
  private nextNumber = 1;

  constructor(private readonly store: Store) {
    this.clusterer = new StoryClusterer({
      retainClosed: false,
      newStoryId: () => storyIdOf(this.nextNumber++),
    });
  }

  /** Assigns every article not yet in a story; returns what it decided, in order. */
  async clusterPending(): Promise<StoryAssignmentMade[]> {
    const made: StoryAssignmentMade[] = [];
    for (;;) {
      const batch = await this.store.clustering(async (session) => {
        for (const assigned of await session.assignedSince(this.lastSeq, REPLAY_LIMIT)) {
          this.clusterer.restore(streamArticleOf(assigned), assigned.storyId);
          this.lastSeq = assigned.seq;
        }
        this.nextNumber = await session.nextStoryNumber();
        const pending = await session.unassigned(BATCH);
        const decided: StoryAssignmentMade[] = [];
        for (const article of pending) {
          const before = this.nextNumber;
          const assignment = this.clusterer.add(streamArticleOf(article));
          const created = this.nextNumber !== before;
          this.lastSeq = await session.assign(
            article.id,
            assignment.story,
            assignment.reason,
            created ? storyTitle(article) : '',
          );
          decided.push({ article, story: assignment.story, reason: assignment.reason, created });
        }
        return decided;
      });
      made.push(...batch);
      if (batch.length < BATCH) return made;
    }
  }
}

function streamArticleOf(article: StoredArticle): StreamArticle {
  return {
    id: String(article.id),
    text: article.text,
    entities: article.entities,
    ...(article.title ? { title: article.title } : {}),
    ...(article.published ? { published: article.published } : {}),
  };
}

/** A story is named after its first article: its title, else the start of its text. */
export function storyTitle(article: StoredArticle): string {
  if (article.title) return article.title;
  const text = article.text.replace(/\s+/gu, ' ').trim();
  return text.length <= 80 ? text : `${text.slice(0, 79)}…`;
}
