/**
 * How the store recognises the same thing twice, shared by both backends: one URL per page, one
 * hash per text, one key per claim and conflict across re-analyses, and safe full-text queries.
 */
import { createHash } from 'node:crypto';
import type { Report } from '../model/report.js';

/** Whitespace collapsed, Unicode normalised: what two copies of one text have in common. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export function contentHash(text: string): string {
  return createHash('sha256').update(normaliseText(text), 'utf8').digest('hex');
}

const TRACKING_PARAMETER = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$/iu;

/** One URL per page: no fragment, no tracking parameters, sorted query, no trailing slash. */
export function canonicalUrl(url: string | undefined | null): string | null {
  const trimmed = url?.trim();
  if (!trimmed) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return trimmed;
  }
  parsed.hash = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (TRACKING_PARAMETER.test(name)) parsed.searchParams.delete(name);
  }
  parsed.searchParams.sort();
  if (parsed.pathname.length > 1 && parsed.pathname.endsWith('/')) {
    parsed.pathname = parsed.pathname.slice(0, -1);
  }
  return parsed.toString();
}

/** What identifies a claim across re-analyses: its text, case, punctuation and spacing aside. */
export function claimKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Text as the PostgreSQL search index holds it: accents and other combining marks removed, so
 * "Radic" finds "Radić" as SQLite's FTS5 (remove_diacritics) does, without the unaccent
 * extension a shared database may not allow.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

/** The words of a user's query that can be searched for: those with a letter or digit. */
export function queryWords(query: string): string[] {
  return query.split(/\s+/u).filter((term) => /[\p{L}\p{N}]/u.test(term));
}

/**
 * A user's query as FTS5 terms: each whitespace-separated word becomes a quoted string (inner
 * quotes doubled), so operators, parentheses and stray quotes are searched for, never parsed.
 * Words with no letter or digit are dropped; all remaining terms must match.
 */
export function ftsQuery(query: string): string {
  return queryWords(query)
    .map((term) => `"${term.replace(/"/gu, '""')}"`)
    .join(' ');
}

export interface ClaimRow {
  readonly key: string;
  readonly reportId: string;
  readonly text: string;
  readonly status: string;
  readonly origins: number;
  readonly articles: string;
}

export interface ConflictRow {
  readonly key: string;
  readonly reportId: string;
  readonly kind: string;
  readonly summary: string;
  readonly claimKeys: string;
}

/** A report's claims and conflicts as rows keyed for history (first seen, still current). */
export function historyRows(report: Report): { claims: ClaimRow[]; conflicts: ConflictRow[] } {
  const keyOfClaim = new Map<string, string>();
  const claims = new Map<string, ClaimRow>();
  for (const claim of report.claims) {
    const key = claimKey(claim.text);
    keyOfClaim.set(claim.id, key);
    claims.set(key, {
      key,
      reportId: claim.id,
      text: claim.text,
      status: claim.status,
      origins: claim.independentOrigins,
      articles: JSON.stringify(claim.articles),
    });
  }
  const conflicts = new Map<string, ConflictRow>();
  for (const conflict of report.conflicts) {
    const claimKeys = [
      ...new Set(conflict.claims.map((id) => keyOfClaim.get(id) ?? `#${id}`)),
    ].sort();
    // Same kind between the same claims is the same conflict, whatever its summary says. The
    // separator is the unit separator, not NUL: PostgreSQL text cannot hold NUL.
    const key = `${conflict.kind}\u001f${claimKeys.length > 0 ? claimKeys.join('\u001f') : claimKey(conflict.summary)}`;
    conflicts.set(key, {
      key,
      reportId: conflict.id,
      kind: conflict.kind,
      summary: conflict.summary,
      claimKeys: JSON.stringify(claimKeys),
    });
  }
  return { claims: [...claims.values()], conflicts: [...conflicts.values()] };
}

/** A story id is `s` and its number; ids from elsewhere are refused before they reach SQL. */
export function storyIdOf(number: number): string {
  return `s${number}`;
}

/** Lease deadlines and poll times are ISO strings in UTC, so they compare as text. */
export function isoAfter(now: string, ms: number): string {
  return new Date(Date.parse(now) + ms).toISOString();
}
