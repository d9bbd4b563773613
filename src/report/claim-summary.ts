import { connectedGroups } from '../model/connected-groups.js';
import type { Report, ReportClaim, ReportConflict } from '../model/report.js';

/**
 * What the claims section of every format shows, decided once: claims that more than one article
 * states or that a conflict touches come first (most articles first), single-article claims after.
 */
export function claimsInOrder(report: Report): { shared: ReportClaim[]; single: ReportClaim[] } {
  const shared = report.claims
    .filter((claim) => claim.articles.length > 1 || claim.conflicts.length > 0)
    .sort(
      (a, b) =>
        b.articles.length - a.articles.length ||
        b.conflicts.length - a.conflicts.length ||
        Number(a.id.slice(1)) - Number(b.id.slice(1)),
    );
  const single = report.claims.filter((claim) => !shared.includes(claim));
  return { shared, single };
}

/** "3 corroborated, 1 denied, 2 contested, 12 single-origin". */
export function statusCounts(report: Report): string {
  const counts = new Map<string, number>();
  for (const claim of report.claims) counts.set(claim.status, (counts.get(claim.status) ?? 0) + 1);
  return ['corroborated', 'denied', 'contested', 'single-origin']
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${status}`)
    .join(', ');
}

/** The outlets (or article ids) a claim's mentions are in. */
export function outletsOf(report: Report, claim: ReportClaim): string[] {
  return claim.articles.map((id) => {
    const article = report.articles.find((candidate) => candidate.id === id);
    return article?.outlet ?? id;
  });
}

/** Groups of articles that report the same event (connected by same-event relations). */
export function sameEventGroups(report: Report): string[][] {
  const roots = connectedGroups(
    report.articles.map((article) => article.id),
    report.relations
      .filter((relation) => relation.relation === 'same-event')
      .map((relation) => [relation.a, relation.b] as const),
  );
  const groups = new Map<string, string[]>();
  for (const [id, root] of roots) groups.set(root, [...(groups.get(root) ?? []), id]);
  return [...groups.values()];
}

/** Where a conflict's evidence is: "Baltic Wire Service: “30 million euros”". */
export function conflictSides(report: Report, conflict: ReportConflict): string[] {
  return conflict.evidence.map((span) => {
    const article = report.articles.find((candidate) => candidate.id === span.article);
    return `${article?.outlet ?? span.article}: “${span.text.replace(/\s+/g, ' ').trim()}”`;
  });
}
