/**
 * Rows as both stores read them back (the same column names in SQLite and PostgreSQL) and their
 * mapping to the Store interface's objects. PostgreSQL returns bigint ids and counts as text,
 * hence the Number()s.
 */
import type { FeedState, StoredArticle, StoryListing } from './store.js';

export interface ArticleRow {
  /** Text from PostgreSQL (bigint). */
  id: number | string;
  source_id: string;
  canonical_url: string | null;
  outlet: string | null;
  title: string | null;
  published: string | null;
  text: string;
  entities_json: string;
}

export interface StoryRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
  analyzed_at: string | null;
  report_json: string | null;
  span_from: string | null;
  span_to: string | null;
  article_count: number | string;
  outlets: string | null;
  claims: number | string;
  conflicts: number | string;
  new_claims: number | string;
  new_conflicts: number | string;
}

export function toStoredArticle(row: ArticleRow): StoredArticle {
  return {
    id: Number(row.id),
    sourceId: row.source_id,
    url: row.canonical_url,
    outlet: row.outlet,
    title: row.title,
    published: row.published,
    text: row.text,
    entities: JSON.parse(row.entities_json) as string[],
  };
}

export function toListing(row: StoryRow): StoryListing {
  return {
    id: row.id,
    title: row.title,
    articles: Number(row.article_count),
    outlets: row.outlets ? row.outlets.split('\u001f') : [],
    span: { from: row.span_from, to: row.span_to },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    analyzedAt: row.analyzed_at,
    claims: Number(row.claims),
    conflicts: Number(row.conflicts),
    newClaims: Number(row.new_claims),
    newConflicts: Number(row.new_conflicts),
  };
}

export interface FeedRow {
  url: string;
  etag: string | null;
  last_modified: string | null;
  failures: number | string;
  next_poll_at: string;
}

export function toFeedState(row: FeedRow): FeedState {
  return {
    url: row.url,
    etag: row.etag,
    lastModified: row.last_modified,
    failures: Number(row.failures),
    nextPollAt: row.next_poll_at,
  };
}
