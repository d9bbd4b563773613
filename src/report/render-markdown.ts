import type { Report } from '../model/report.js';
import { claimsInOrder, conflictSides, outletsOf, statusCounts } from './claim-summary.js';
import {
  FRAMING_COLUMNS,
  framingByArticle,
  labelsByEntity,
  MODEL_MARK,
  MODEL_NOTE,
  quotedNote,
  timelineDate,
  timelineParts,
  wordList,
} from './framing-summary.js';

/** The report as Markdown, for pasting into a CMS or an issue tracker. */
export function renderMarkdown(report: Report): string {
  const out: string[] = ['# triangulate report', ''];
  out.push('| id | outlet | published | title | language |', '|---|---|---|---|---|');
  for (const article of report.articles) {
    out.push(
      `| ${cell(article.id)} | ${cell(article.outlet ?? '')} | ${cell(article.published ?? '')} | ${cell(article.title ?? '')} | ${article.language} |`,
    );
  }
  if (report.diagnostics.length) {
    out.push('', '## Problems', '');
    for (const diagnostic of report.diagnostics)
      out.push(
        `- **${diagnostic.severity}** \`${diagnostic.input}\`: ${escapeInline(diagnostic.message)}`,
      );
  }
  if (report.claims.length) {
    const { shared, single } = claimsInOrder(report);
    out.push('', '## Claims', '', `${report.claims.length} claims: ${statusCounts(report)}.`, '');
    out.push(
      '| claim | status | independent origins | origins | outlets | conflicts |',
      '|---|---|---|---|---|---|',
    );
    for (const claim of [...shared, ...single]) {
      out.push(
        `| ${cell(claim.text)} | ${claim.status} | ${claim.independentOrigins} | ${cell(claim.origins.map((origin) => origin.label).join('; '))} | ${cell(outletsOf(report, claim).join(', '))} | ${claim.conflicts.join(' ')} |`,
      );
    }
  }
  if (report.conflicts.length) {
    out.push('', '## Conflicts', '');
    for (const conflict of report.conflicts) {
      out.push(`- **${conflict.id} ${conflict.kind}**: ${escapeInline(conflict.summary)}`);
      for (const side of conflictSides(report, conflict)) out.push(`  > ${escapeInline(side)}`);
    }
  }
  const framing = framingByArticle(report);
  if (framing.some((row) => row.counts.size > 0)) {
    out.push('', '## Framing', '', 'Occurrences per outlet (per 1,000 words in brackets).', '');
    out.push(
      `| outlet | ${FRAMING_COLUMNS.map((column) => column.name).join(' | ')} |`,
      `|---|${FRAMING_COLUMNS.map(() => '---').join('|')}|`,
    );
    for (const row of framing) {
      const cells = FRAMING_COLUMNS.map((column) => {
        const count = row.counts.get(column.category) ?? 0;
        return count ? `${count} (${row.perThousandWords.get(column.category)})` : '0';
      });
      out.push(`| ${cell(row.outlet)} | ${cells.join(' | ')} |`);
    }
    out.push('', `| outlet | ${FRAMING_COLUMNS.map((column) => column.name).join(' | ')} |`);
    out.push(`|---|${FRAMING_COLUMNS.map(() => '---').join('|')}|`);
    for (const row of framing) {
      out.push(
        `| ${cell(row.outlet)} | ${FRAMING_COLUMNS.map((column) => cell(wordList(row.words.get(column.category)) + quotedNote(row, column.category))).join(' | ')} |`,
      );
    }
    if (
      framing.some((row) => row.words.get('loaded')?.some(({ word }) => word.endsWith(MODEL_MARK)))
    ) {
      out.push('', escapeInline(MODEL_NOTE));
    }
    const labels = labelsByEntity(report);
    if (labels.length) {
      out.push('', '### What each outlet calls them', '');
      out.push(
        `| actor | ${report.articles.map((article) => cell(article.outlet ?? article.id)).join(' | ')} |`,
        `|---|${report.articles.map(() => '---').join('|')}|`,
      );
      for (const row of labels)
        out.push(
          `| ${cell(row.name)} | ${row.byArticle.map((item) => cell(item.labels || '—')).join(' | ')} |`,
        );
    }
  }
  const { dated, unresolved } = timelineParts(report);
  if (dated.length || unresolved.length) {
    out.push('', '## Timeline', '', '| date | outlet | expression | event |', '|---|---|---|---|');
    for (const entry of [...dated, ...unresolved]) {
      const outlet =
        report.articles.find((article) => article.id === entry.article)?.outlet ?? entry.article;
      out.push(
        `| ${timelineDate(entry)} | ${cell(outlet)} | ${cell(entry.text)} | ${cell(entry.event?.text ?? '')} |`,
      );
    }
  }
  if (report.relations.length) {
    out.push('', '## Same event or not', '', '| a | b | relation | score |', '|---|---|---|---|');
    for (const relation of report.relations)
      out.push(
        `| ${cell(relation.a)} | ${cell(relation.b)} | ${relation.relation} | ${relation.score} |`,
      );
  }
  if (report.entities.length) {
    out.push(
      '',
      '## Entities',
      '',
      '| name | type | also called | roles | mentions |',
      '|---|---|---|---|---|',
    );
    for (const entity of report.entities) {
      out.push(
        `| ${cell(entity.name)} | ${entity.type}${entity.outlet ? ' (outlet)' : ''} | ${cell(entity.aliases.join(', '))} | ${cell(entity.roles.join('; '))} | ${entity.mentions.length} |`,
      );
    }
  }
  for (const article of report.articles) {
    out.push('', `## ${escapeInline(article.title ?? article.id)}`, '');
    const sources = report.attributions.filter((attribution) => attribution.article === article.id);
    if (sources.length) {
      out.push('| who | kind | count | via | cue | said |', '|---|---|---|---|---|---|');
      for (const attribution of sources) {
        const deny = attribution.polarity === 'deny' ? '**denies** ' : '';
        out.push(
          `| ${cell(attribution.source?.text ?? '')} | ${attribution.source?.kind ?? ''} | ${attribution.source?.count ?? ''} | ${cell(attribution.via.join(' → '))} | ${deny}${cell(attribution.cue.text)} | ${cell(attribution.content.text)} |`,
        );
      }
      out.push('');
    }
    const facts = [
      article.outlet,
      article.published,
      article.byline,
      article.url ?? article.path,
    ].filter(Boolean);
    if (facts.length) out.push(`*${facts.map((fact) => escapeInline(fact!)).join(' · ')}*`, '');
    for (const paragraph of article.text.split('\n\n'))
      out.push(`> ${escapeInline(paragraph)}`, '>');
    if (out[out.length - 1] === '>') out.pop();
    if (article.removed.length) {
      out.push('', '| removed | reason |', '|---|---|');
      for (const removed of article.removed)
        out.push(`| ${cell(removed.text)} | ${cell(removed.reason)} |`);
    }
  }
  return out.join('\n') + '\n';
}

function cell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

/** Markdown (and any HTML in it) from article text must show as text, never as markup. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>#]/g, (character) => `\\${character}`);
}
