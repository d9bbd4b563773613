/**
 * The report contract: the JSON that `triangulate analyze --format json` writes, described by
 * `schema/report.schema.json`. Span texts here are copies made at output time for the reader;
 * inside the program a span is offsets into `articles[].text`. Field names may grow; the ones
 * here may not change meaning (bump `schemaVersion` if they ever must).
 */

export const REPORT_SCHEMA_VERSION = '1.0.0';

export interface ReportSpan {
  article: string;
  start: number;
  end: number;
  text: string;
}

export interface ReportDiagnostic {
  input: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  span?: ReportSpan;
}

export interface ReportRemoved {
  text: string;
  reason: string;
  ruleId: string;
  /** Offsets into the original input text (the decoded file, or the readable text of an HTML page). */
  start: number;
  end: number;
}

export interface ReportHeading {
  kind: 'headline' | 'dek' | 'subheading';
  start: number;
  end: number;
  text: string;
}

export interface ReportArticle {
  id: string;
  path?: string;
  url?: string;
  outlet?: string;
  title?: string;
  published?: string;
  byline?: string;
  language: string;
  text: string;
  headings: ReportHeading[];
  /** Sentence ranges in `text`, in order. */
  sentences: { start: number; end: number }[];
  removed: ReportRemoved[];
}

import type { EntityType } from './article.js';
export type { EntityType };
export interface ReportEntity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
  /** True when the entity is a news outlet. */
  outlet?: boolean;
  mentions: ReportSpan[];
}

export type SourceKind = 'named' | 'anonymous' | 'organization' | 'outlet' | 'document' | 'vague';
export interface ReportAttribution {
  id: string;
  article: string;
  source?: {
    text: string;
    start: number;
    end: number;
    kind: SourceKind;
    /** Id of the entity the source is (a person, an organization, an outlet). */
    entity?: string;
    /** Name of the entity the source belongs to ("Hamas" for "Hamas sources"). */
    affiliation?: string;
    count?: number;
    /** For "he", "the sources", "another": the earlier attribution whose source this is. */
    antecedent?: string;
  };
  cue: { text: string; start: number; end: number };
  content: { text: string; start: number; end: number; spans?: { start: number; end: number }[] };
  direct: boolean;
  /** Outlets the statement passed through, from the source outward (the one it spoke to first). */
  via: string[];
  polarity: 'assert' | 'deny';
  /** For a denial of "these reports": the attribution it denies. */
  respondsTo?: string;
  ruleId?: string;
  reason?: string;
}

import type {
  FramingCategory,
  ClaimStatus,
  ConflictKind,
  OriginKind,
  RelationEvidence,
  RelationKind,
} from './story.js';
export type { ClaimStatus, ConflictKind, FramingCategory, OriginKind, RelationKind };

export interface ReportClaimMention extends ReportSpan {
  id: string;
  /** The innermost attribution whose content this is; absent for the outlet's own statement. */
  attribution?: string;
  /** Attribution ids it is wrapped in, innermost first. */
  chain: string[];
  /** Id of its origin in the claim's `origins`. */
  origin: string;
  polarity: 'assert' | 'deny';
  background: boolean;
}

export interface ReportClaim {
  id: string;
  /** The text of the claim's representative mention. */
  text: string;
  mentions: ReportClaimMention[];
  articles: string[];
  attributions: string[];
  origins: {
    id: string;
    kind: OriginKind;
    label: string;
    attributions: string[];
    articles: string[];
  }[];
  independentOrigins: number;
  status: ClaimStatus;
  /** The spans behind the status: the representative mention, then any conflict's evidence. */
  evidence: ReportSpan[];
  conflicts: string[];
}

export interface ReportConflict {
  id: string;
  kind: ConflictKind;
  summary: string;
  evidence: ReportSpan[];
  claims: string[];
  ruleId?: string;
  reason?: string;
}

export interface ReportFraming {
  article: string;
  terms: {
    term: string;
    category: FramingCategory;
    count: number;
    spans: ReportSpan[];
    /** How many of the spans stand inside quotation marks (a speaker's words, not the outlet's). */
    quoted?: number;
    ruleId?: string;
    reason?: string;
  }[];
}

/** What an outlet calls an entity; a label in removed text (a caption) has no span in `text`. */
export interface ReportEntityLabel {
  entity: string;
  article: string;
  label: string;
  how: 'apposition' | 'group-noun' | 'caption' | 'title';
  /** Offsets into the article text, or, when `removed`, into the original input. */
  start: number;
  end: number;
  text: string;
  removed?: boolean;
}

export interface ReportTimelineEntry {
  date?: string;
  dateEnd?: string;
  precision: 'day' | 'month' | 'year' | 'range' | 'unresolved';
  text: string;
  article: string;
  start: number;
  end: number;
  event?: ReportSpan;
  ruleId?: string;
  reason?: string;
}

export interface ReportRelation {
  a: string;
  b: string;
  relation: RelationKind;
  score: number;
  evidence: RelationEvidence[];
}

export interface Report {
  schemaVersion: string;
  generator: { name: string; version: string };
  diagnostics: ReportDiagnostic[];
  articles: ReportArticle[];
  entities: ReportEntity[];
  attributions: ReportAttribution[];
  claims: ReportClaim[];
  conflicts: ReportConflict[];
  framing: ReportFraming[];
  /** Per entity, what each article calls it (framing across outlets). */
  labels: ReportEntityLabel[];
  timeline: ReportTimelineEntry[];
  relations: ReportRelation[];
}
