import type { Report, ReportArticle, ReportAttribution } from '../model/report.js';
import {
  claimsInOrder,
  conflictSides,
  outletsOf,
  sameEventGroups,
  statusCounts,
} from './claim-summary.js';
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

export interface TextRenderOptions {
  /** Terminal width to wrap at. */
  readonly width: number;
  readonly color: boolean;
  /** Only the summary, no article bodies. */
  readonly quiet: boolean;
  /** Also the rule that removed each piece of boilerplate, and the sentence count. */
  readonly verbose: boolean;
}

const ANSI = {
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  cyan: '\u001b[36m',
  yellow: '\u001b[33m',
  reset: '\u001b[0m',
} as const;

/** The report for a terminal: a summary, then each article's metadata, cleaned body and removals. */
export function renderText(report: Report, options: TextRenderOptions): string {
  const style = (code: keyof typeof ANSI, text: string): string =>
    options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text;
  const width = Math.max(40, Math.min(options.width, 120));
  const lines: string[] = [];
  const outlets = new Set(report.articles.map((article) => article.outlet ?? 'unknown outlet'));
  lines.push(
    style(
      'bold',
      `triangulate: ${report.articles.length} article${report.articles.length === 1 ? '' : 's'} from ${outlets.size} outlet${outlets.size === 1 ? '' : 's'}`,
    ),
  );
  for (const article of report.articles) {
    lines.push(
      `  ${style('cyan', article.id)}  ${truncate(describe(article), width - article.id.length - 4)}`,
    );
  }
  if (report.claims.length > 0) {
    const groups = sameEventGroups(report);
    const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
    lines.push(
      truncate(
        `  ${plural(report.claims.length, 'claim')} (${statusCounts(report)}); ${plural(report.conflicts.length, 'conflict')}`,
        width,
      ),
      truncate(
        `  ${plural(groups.length, 'event')}: ${groups.map((group) => group.join(' + ')).join(' | ')}`,
        width,
      ),
    );
  }
  const problems = report.diagnostics.filter(
    (diagnostic) => diagnostic.severity !== 'info' || options.verbose,
  );
  if (problems.length) {
    lines.push('', style('bold', 'Problems'));
    for (const diagnostic of problems)
      lines.push(
        `  ${style('yellow', diagnostic.severity)} ${diagnostic.input}: ${diagnostic.message}`,
      );
  }
  if (options.quiet) return lines.join('\n') + '\n';
  lines.push(...claimsSection(report, width, options.verbose, style));
  lines.push(...conflictsSection(report, width, style));
  lines.push(...framingSection(report, width, style));
  lines.push(...timelineSection(report, width, options.verbose, style));
  const named = report.entities.filter(
    (entity) => entity.mentions.length > 1 || entity.aliases.length > 0,
  );
  if (named.length) {
    lines.push(
      '',
      style(
        'bold',
        `Who is who (${named.length} of ${report.entities.length} entities, named more than once)`,
      ),
    );
    for (const entity of named) {
      const extra = [
        entity.aliases.length ? `also “${entity.aliases.join('”, “')}”` : '',
        entity.roles.length ? `roles: ${entity.roles.join('; ')}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      const facts = `(${entity.type}${entity.outlet ? ', outlet' : ''}, ${entity.mentions.length}×)`;
      const room = width - entity.name.length - facts.length - 4;
      const label = `  ${entity.name} ${style('dim', facts)}`;
      lines.push(extra && room > 10 ? `${label} ${style('dim', truncate(extra, room))}` : label);
    }
  }
  for (const article of report.articles) {
    lines.push('', style('bold', '═'.repeat(Math.min(width, 72))));
    lines.push(style('bold', article.title ?? article.id));
    lines.push(
      style(
        'dim',
        [
          article.outlet,
          article.published,
          article.byline,
          article.url ?? article.path,
          article.language,
        ]
          .filter(Boolean)
          .join(' · '),
      ),
    );
    if (options.verbose)
      lines.push(
        style('dim', `${article.sentences.length} sentences, ${article.text.length} characters`),
      );
    const sources = report.attributions.filter((attribution) => attribution.article === article.id);
    if (sources.length) {
      lines.push('', style('bold', `Sources (${sources.length})`));
      lines.push(...sourcesTable(sources, width, style));
    }
    lines.push('');
    for (const paragraph of article.text.split('\n\n')) {
      lines.push(...wrap(paragraph, width), '');
    }
    if (article.removed.length) {
      lines.push(style('bold', `Removed (${article.removed.length})`));
      for (const removed of article.removed) {
        const rule = options.verbose ? ` [${removed.ruleId} @${removed.start}-${removed.end}]` : '';
        const label = `  - ${removed.reason}${rule}: `;
        lines.push(
          style('dim', label + truncate(removed.text.replace(/\s+/g, ' '), width - label.length)),
        );
      }
    }
  }
  return lines.join('\n') + '\n';
}

type Style = (code: keyof typeof ANSI, text: string) => string;

/** The claims table: claim, status, independent origins, outlets, conflicts. */
function claimsSection(report: Report, width: number, verbose: boolean, style: Style): string[] {
  if (report.claims.length === 0) return [];
  const { shared, single } = claimsInOrder(report);
  const shown = verbose ? [...shared, ...single] : shared;
  const lines = [
    '',
    style(
      'bold',
      `Claims (${shared.length} across articles or in conflict, ${single.length} in one article only)`,
    ),
  ];
  const statusWidth = 13;
  const outletWidth = Math.min(34, Math.max(14, Math.floor(width * 0.25)));
  const claimWidth = Math.max(20, width - statusWidth - outletWidth - 32);
  const pad = (text: string, size: number): string => truncate(text, size).padEnd(size);
  lines.push(
    style(
      'dim',
      `  ${pad('claim', claimWidth)} ${pad('status', statusWidth)} ${pad('orig', 4)} ${pad('outlets', outletWidth)} conflicts`,
    ),
  );
  for (const claim of shown) {
    const row = `  ${pad(claim.text.replace(/\s+/g, ' '), claimWidth)} ${pad(claim.status, statusWidth)} ${pad(String(claim.independentOrigins), 4)} ${pad(outletsOf(report, claim).join(', '), outletWidth)} ${truncate(claim.conflicts.join(' '), 8)}`;
    lines.push(
      claim.status === 'denied' || claim.status === 'contested' ? style('yellow', row) : row,
    );
    lines.push(
      style(
        'dim',
        `    origins: ${truncate(claim.origins.map((origin) => origin.label).join('; '), width - 13)}`,
      ),
    );
  }
  if (!verbose && single.length > 0)
    lines.push(style('dim', `  (--verbose lists the ${single.length} single-article claims)`));
  return lines;
}

/** Each conflict with its kind, summary and both sides quoted. */
function conflictsSection(report: Report, width: number, style: Style): string[] {
  if (report.conflicts.length === 0) return [];
  const lines = ['', style('bold', `Conflicts (${report.conflicts.length})`)];
  for (const conflict of report.conflicts) {
    lines.push(
      `  ${style('yellow', `${conflict.id} ${conflict.kind}`)}  ${truncate(conflict.summary, width - conflict.id.length - conflict.kind.length - 5)}`,
    );
    for (const side of conflictSides(report, conflict))
      lines.push(style('dim', `      ${truncate(side, width - 6)}`));
  }
  return lines;
}

/** Per outlet: counts by framing category, the words behind them, and each actor's labels side by side. */
function framingSection(report: Report, width: number, style: Style): string[] {
  const rows = framingByArticle(report);
  if (rows.every((row) => row.counts.size === 0)) return [];
  const lines = ['', style('bold', 'Framing (occurrences per outlet)')];
  const nameWidth = Math.min(28, Math.max(10, ...rows.map((row) => row.outlet.length)));
  const pad = (text: string, size: number): string => truncate(text, size).padEnd(size);
  lines.push(
    style(
      'dim',
      `  ${pad('outlet', nameWidth)} ${FRAMING_COLUMNS.map((column) => column.name).join('  ')}`,
    ),
  );
  for (const row of rows) {
    const cells = FRAMING_COLUMNS.map((column) =>
      String(row.counts.get(column.category) ?? 0).padStart(column.name.length),
    );
    lines.push(`  ${pad(row.outlet, nameWidth)} ${cells.join('  ')}`);
  }
  for (const column of FRAMING_COLUMNS) {
    const used = rows.filter((row) => row.words.get(column.category)?.length);
    if (used.length === 0) continue;
    lines.push(`  ${style('bold', column.name)}`);
    for (const row of used) {
      const label = `    ${row.outlet}: `;
      lines.push(
        label +
          truncate(
            wordList(row.words.get(column.category)) + quotedNote(row, column.category),
            width - label.length,
          ),
      );
    }
  }
  if (rows.some((row) => row.words.get('loaded')?.some(({ word }) => word.endsWith(MODEL_MARK)))) {
    lines.push(style('dim', `  ${truncate(MODEL_NOTE, width - 2)}`));
  }
  const labels = labelsByEntity(report);
  if (labels.length) {
    lines.push(`  ${style('bold', 'what each outlet calls them')}`);
    for (const row of labels) {
      lines.push(`    ${row.name}`);
      for (const cell of row.byArticle) {
        const label = `      ${cell.outlet}: `;
        lines.push(label + truncate(cell.labels || '—', width - label.length));
      }
    }
  }
  return lines;
}

/** The story's dated events, oldest first; unresolved expressions only with --verbose. */
function timelineSection(report: Report, width: number, verbose: boolean, style: Style): string[] {
  const { dated, unresolved } = timelineParts(report);
  if (dated.length === 0 && unresolved.length === 0) return [];
  const lines = [
    '',
    style('bold', `Timeline (${dated.length} dated, ${unresolved.length} unresolved)`),
  ];
  const outletOf = (id: string) =>
    report.articles.find((article) => article.id === id)?.outlet ?? id;
  const dateWidth = Math.max(10, ...dated.map((entry) => timelineDate(entry).length));
  for (const entry of verbose ? [...dated, ...unresolved] : dated) {
    const head = `  ${timelineDate(entry).padEnd(dateWidth)}  `;
    const event = (entry.event?.text ?? '').replace(/\s+/g, ' ');
    lines.push(
      head + truncate(`${outletOf(entry.article)}, “${entry.text}”: ${event}`, width - head.length),
    );
  }
  if (!verbose && unresolved.length > 0)
    lines.push(
      style(
        'dim',
        `  (--verbose lists the ${unresolved.length} unresolved: ${truncate(unresolved.map((entry) => `“${entry.text}”`).join(', '), width - 40)})`,
      ),
    );
  return lines;
}

/** One row per attribution: who, kind, count, the outlets it came through, and what they said. */
function sourcesTable(
  attributions: readonly ReportAttribution[],
  width: number,
  style: (code: keyof typeof ANSI, text: string) => string,
): string[] {
  const whoWidth = Math.min(28, Math.max(12, Math.floor(width * 0.25)));
  const viaWidth = Math.min(20, Math.max(8, Math.floor(width * 0.15)));
  const saidWidth = Math.max(16, width - whoWidth - viaWidth - 20);
  const pad = (text: string, size: number): string => truncate(text, size).padEnd(size);
  const rows = [
    style(
      'dim',
      `  ${pad('who', whoWidth)} ${pad('kind', 12)} ${pad('n', 2)} ${pad('via', viaWidth)} said`,
    ),
  ];
  for (const attribution of attributions) {
    const source = attribution.source;
    const who = source?.text.replace(/\s+/g, ' ') ?? '(no source)';
    const said = `${attribution.polarity === 'deny' ? 'DENIES ' : ''}${attribution.cue.text}: ${attribution.content.text.replace(/\s+/g, ' ')}`;
    const row = `  ${pad(who, whoWidth)} ${pad(source?.kind ?? '', 12)} ${pad(source?.count?.toString() ?? '', 2)} ${pad(attribution.via.join(' → ') || '', viaWidth)} ${truncate(said, saidWidth)}`;
    rows.push(attribution.polarity === 'deny' ? style('yellow', row) : row);
  }
  return rows;
}

function describe(article: ReportArticle): string {
  return [
    article.outlet ?? 'unknown outlet',
    article.published ?? 'undated',
    article.title ? `“${truncate(article.title, 60)}”` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : text.slice(0, Math.max(1, length - 1)) + '…';
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
