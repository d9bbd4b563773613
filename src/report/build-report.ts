import type { Article } from '../model/article.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { packageVersion } from '../model/package-files.js';
import type { TextRange } from '../model/span.js';
import type { Attribution, Claim, Story } from '../model/story.js';
import {
  REPORT_SCHEMA_VERSION,
  type ReportAttribution,
  type ReportClaim,
  type ReportSpan,
  type Report,
  type ReportArticle,
  type ReportDiagnostic,
} from '../model/report.js';

/**
 * The JSON export of an analysis. Later stages fill the arrays that are empty here; the span texts
 * are copies made now, for the reader: inside the program a span is offsets.
 */
export function buildReport(
  articles: readonly Article[],
  diagnostics: readonly Diagnostic[],
  story?: Story,
): Report {
  const names = new Map(story?.entities.map((entity) => [entity.id, entity.name]));
  const span = (article: string, range: TextRange): ReportSpan => ({
    article,
    start: range.start,
    end: range.end,
    text: story?.article(article)?.slice(range) ?? '',
  });
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'triangulate', version: packageVersion() },
    diagnostics: diagnostics.map((diagnostic) => exportDiagnostic(diagnostic, articles)),
    articles: articles.map(exportArticle),
    entities: (story?.entities ?? []).map((entity) => ({
      id: entity.id,
      name: entity.name,
      type: entity.type,
      aliases: [...entity.aliases],
      roles: [...entity.roles],
      ...(entity.outlet ? { outlet: true } : {}),
      mentions: entity.mentions.map((mention) => span(mention.article, mention)),
    })),
    attributions: (story?.attributions ?? []).map((attribution) =>
      exportAttribution(attribution, span, names),
    ),
    claims: (story?.claims ?? []).map((claim) => exportClaim(claim, story!, span)),
    conflicts: (story?.conflicts ?? []).map((conflict) => ({
      id: conflict.id,
      kind: conflict.kind,
      summary: conflict.summary,
      evidence: conflict.evidence.map((range) => span(range.article, range)),
      claims: [...conflict.claims],
      ruleId: conflict.ruleId,
      reason: conflict.reason,
    })),
    framing: (story?.framing ?? []).map((framing) => ({
      article: framing.article,
      terms: framing.terms.map((term) => ({
        term: term.term,
        category: term.category,
        count: term.spans.length,
        spans: term.spans.map((range) => span(range.article, range)),
        quoted: term.quoted,
        ruleId: term.ruleId,
        reason: term.reason,
      })),
    })),
    labels: (story?.labels ?? []).map((label) => ({
      entity: label.entity,
      article: label.article,
      label: label.label,
      how: label.how,
      start: label.span.start,
      end: label.span.end,
      text: label.removed
        ? (story?.article(label.article)?.original.slice(label.span.start, label.span.end) ?? '')
        : span(label.article, label.span).text,
      ...(label.removed ? { removed: true } : {}),
    })),
    timeline: (story?.timeline ?? []).map((entry) => ({
      ...(entry.date ? { date: entry.date } : {}),
      ...(entry.dateEnd ? { dateEnd: entry.dateEnd } : {}),
      precision: entry.precision,
      text: span(entry.article, entry).text,
      article: entry.article,
      start: entry.start,
      end: entry.end,
      event: span(entry.event.article, entry.event),
      ruleId: entry.ruleId,
      reason: entry.reason,
    })),
    relations: (story?.relations ?? []).map((relation) => ({
      a: relation.a,
      b: relation.b,
      relation: relation.relation,
      score: relation.score,
      evidence: relation.evidence.map((item) => ({ ...item })),
    })),
  };
}

function exportClaim(
  claim: Claim,
  story: Story,
  span: (article: string, range: TextRange) => ReportSpan,
): ReportClaim {
  const unique = <T>(items: readonly T[]) => [...new Set(items)];
  const conflicts = claim.conflicts.map((id) =>
    story.conflicts.find((conflict) => conflict.id === id)!,
  );
  return {
    id: claim.id,
    text: story.article(claim.representative.article)!.slice(claim.representative).trim(),
    mentions: claim.mentions.map((mention) => ({
      id: mention.id,
      ...span(mention.article, mention),
      ...(mention.attribution ? { attribution: mention.attribution } : {}),
      chain: [...mention.chain],
      origin: mention.origin.id,
      polarity: mention.polarity,
      background: mention.background,
    })),
    articles: unique(claim.mentions.map((mention) => mention.article)),
    attributions: unique(claim.mentions.flatMap((mention) => mention.chain)),
    origins: claim.origins.map((origin) => {
      const members = claim.mentions.filter((mention) => mention.origin.id === origin.id);
      return {
        id: origin.id,
        kind: origin.kind,
        label: origin.label,
        attributions: unique(members.flatMap((mention) => mention.chain)),
        articles: unique(members.map((mention) => mention.article)),
      };
    }),
    independentOrigins: claim.independentOrigins,
    status: claim.status,
    evidence: [
      span(claim.representative.article, claim.representative),
      ...conflicts.flatMap((conflict) =>
        conflict.evidence.map((range) => span(range.article, range)),
      ),
    ],
    conflicts: [...claim.conflicts],
  };
}

function exportArticle(article: Article): ReportArticle {
  const { metadata } = article;
  return {
    id: metadata.id,
    ...(metadata.path !== undefined ? { path: metadata.path } : {}),
    ...(metadata.url !== undefined ? { url: metadata.url } : {}),
    ...(metadata.outlet !== undefined ? { outlet: metadata.outlet } : {}),
    ...(metadata.title !== undefined ? { title: metadata.title } : {}),
    ...(metadata.published !== undefined ? { published: metadata.published } : {}),
    ...(metadata.byline !== undefined ? { byline: metadata.byline } : {}),
    language: metadata.language,
    text: article.text,
    headings: article.layer('headings').map((heading) => ({
      kind: heading.kind,
      start: heading.start,
      end: heading.end,
      text: article.slice(heading),
    })),
    sentences: article.layer('sentences').map(({ start, end }) => ({ start, end })),
    removed: article.removed.map(({ text, reason, ruleId, start, end }) => ({
      text,
      reason,
      ruleId,
      start,
      end,
    })),
  };
}

function exportDiagnostic(diagnostic: Diagnostic, articles: readonly Article[]): ReportDiagnostic {
  const { input, severity, message, span } = diagnostic;
  const article = span ? articles.find((candidate) => candidate.id === span.article) : undefined;
  return {
    input,
    severity,
    message,
    ...(span
      ? {
          span: {
            article: span.article,
            start: span.start,
            end: span.end,
            text: article?.slice(span) ?? '',
          },
        }
      : {}),
  };
}

function exportAttribution(
  attribution: Attribution,
  span: (article: string, range: TextRange) => ReportSpan,
  names: ReadonlyMap<string, string>,
): ReportAttribution {
  const { article, source, content } = attribution;
  const first = content[0] ?? attribution.cue;
  const last = content[content.length - 1] ?? attribution.cue;
  const contentSpan = span(article, { start: first.start, end: last.end });
  return {
    id: attribution.id,
    article,
    ...(source
      ? {
          source: {
            ...span(article, source),
            kind: source.kind,
            ...(source.entity ? { entity: source.entity } : {}),
            ...(source.affiliation
              ? { affiliation: names.get(source.affiliation) ?? source.affiliation }
              : {}),
            ...(source.count !== undefined ? { count: source.count } : {}),
            ...(source.antecedent ? { antecedent: source.antecedent } : {}),
          },
        }
      : {}),
    cue: span(article, attribution.cue),
    content: {
      text:
        content.length > 1
          ? content.map((range) => span(article, range).text).join(' … ')
          : contentSpan.text,
      start: contentSpan.start,
      end: contentSpan.end,
      ...(content.length > 1 ? { spans: content.map(({ start, end }) => ({ start, end })) } : {}),
    },
    direct: attribution.direct,
    via: attribution.via.map((id) => names.get(id) ?? id),
    polarity: attribution.polarity,
    ...(attribution.respondsTo ? { respondsTo: attribution.respondsTo } : {}),
    ruleId: attribution.ruleId,
    reason: attribution.reason,
  };
}
