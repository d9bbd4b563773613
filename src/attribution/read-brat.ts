import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextRange } from '../model/span.js';
import { CodePointOffsets } from './code-points.js';

/**
 * PolNeAR attributions from brat standoff files. A `T` line is a typed text span
 * (`T3\tContent 120 211;215 230\ttext`), offsets in code points, `;` between the pieces of a
 * discontinuous span; an `E` line links one attribution (`E1\tAttribution:T4 Content:T3 Cue:T2
 * Source:T1`, triggered by `Attribution` or, without a Source, `Attribution-no-source`).
 * Everything else (`Discuss`, `Discard`, `Content2`, `#` notes) is left out.
 */

export type AttributionRole = 'source' | 'cue' | 'content';
export const ATTRIBUTION_ROLES: readonly AttributionRole[] = ['source', 'cue', 'content'];

/** One gold attribution, offsets in UTF-16 units; a role is an empty list when it is missing. */
export interface GoldAttribution {
  readonly source: readonly TextRange[];
  readonly cue: readonly TextRange[];
  readonly content: readonly TextRange[];
}

const SPAN_LINE = /^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)/;
const EVENT_LINE = /^E\d+\t(\S+)/;
const TRIGGERS = new Set(['Attribution', 'Attribution-no-source']);
const ROLE_OF_ARGUMENT: Readonly<Record<string, AttributionRole>> = {
  Source: 'source',
  Cue: 'cue',
  Content: 'content',
};

/**
 * The attributions of one `.ann` file over `text`. Lines are read by their ids and offsets only:
 * a span's text may itself contain a newline, whose continuation line matches no pattern here.
 */
export function parseBrat(ann: string, text: string): GoldAttribution[] {
  const offsets = new CodePointOffsets(text);
  const spans = new Map<string, TextRange[]>();
  const events: string[][] = [];
  for (const line of ann.split('\n')) {
    const span = SPAN_LINE.exec(line);
    if (span) {
      const pieces = span[3]!.split(';').map((piece) => {
        const [start, end] = piece.split(' ').map(Number) as [number, number];
        return { start: offsets.toUtf16(start), end: offsets.toUtf16(end) };
      });
      spans.set(span[1]!, pieces);
      continue;
    }
    const event = EVENT_LINE.exec(line);
    if (!event) continue;
    const argumentsOf = line.split('\t')[1]!.trim().split(/\s+/);
    const trigger = argumentsOf[0]!.split(':')[0]!;
    if (TRIGGERS.has(trigger)) events.push(argumentsOf.slice(1));
  }
  return events.map((argumentsOf) => {
    const roles: Record<AttributionRole, TextRange[]> = { source: [], cue: [], content: [] };
    for (const argument of argumentsOf) {
      const [name, id] = argument.split(':') as [string, string | undefined];
      const role = ROLE_OF_ARGUMENT[name];
      const pieces = id === undefined ? undefined : spans.get(id);
      if (role && pieces) roles[role] = pieces;
    }
    return roles;
  });
}

/** One PolNeAR article: its text and, when the split has annotations, its gold attributions. */
export interface PolnearDocument {
  readonly name: string;
  readonly text: string;
  readonly attributions?: GoldAttribution[];
}

/** Annotation files are `<article name>_<annotator id>.ann`. */
const ANNOTATOR_SUFFIX = /_[0-9a-f]{4}\.ann$/;

/**
 * The articles of one split (`DIR/text/*.txt`, `DIR/attributions/*.ann`), in name order. Some
 * articles have several annotators; one is used, the first `.ann` in name order.
 */
export function readPolnearSplit(directory: string): PolnearDocument[] {
  const textFolder = join(directory, 'text');
  const annFolder = join(directory, 'attributions');
  const annotation = new Map<string, string>();
  if (existsSync(annFolder)) {
    for (const file of readdirSync(annFolder).sort()) {
      if (!ANNOTATOR_SUFFIX.test(file)) continue;
      const name = file.replace(ANNOTATOR_SUFFIX, '');
      if (!annotation.has(name)) annotation.set(name, file);
    }
  }
  return readdirSync(textFolder)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.txt'.length);
      const text = readFileSync(join(textFolder, file), 'utf8');
      const annFile = annotation.get(name);
      if (!annFile) return { name, text };
      const attributions = parseBrat(readFileSync(join(annFolder, annFile), 'utf8'), text);
      return { name, text, attributions };
    });
}

/** Paragraphs of a plain PolNeAR text: its non-empty lines, trimmed. */
export function plainTextParagraphs(text: string): TextRange[] {
  const paragraphs: TextRange[] = [];
  const linePattern = /[^\r\n]+/g;
  for (let match = linePattern.exec(text); match; match = linePattern.exec(text)) {
    const raw = match[0];
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = match.index + raw.length - raw.trimStart().length;
    paragraphs.push({ start, end: start + trimmed.length });
  }
  return paragraphs;
}

/**
 * Attributions as a brat `.ann` file over `text` (offsets in code points): per attribution, T lines
 * for the cue, its content (pieces joined with `;`) and source, an `Attribution` (or
 * `Attribution-no-source`) trigger on the cue, and the E line linking them.
 */
export function writeBrat(
  text: string,
  attributions: readonly {
    readonly cue: TextRange;
    readonly source?: TextRange;
    readonly content: readonly TextRange[];
  }[],
): string {
  const offsets = new CodePointOffsets(text);
  const lines: string[] = [];
  let spanCount = 0;
  const span = (type: string, pieces: readonly TextRange[]): string => {
    const id = `T${++spanCount}`;
    const where = pieces
      .map((piece) => `${offsets.toCodePoint(piece.start)} ${offsets.toCodePoint(piece.end)}`)
      .join(';');
    const words = pieces.map((piece) => text.slice(piece.start, piece.end)).join(' ');
    lines.push(`${id}\t${type} ${where}\t${words.replace(/[\r\n]+/g, ' ')}`);
    return id;
  };
  attributions.forEach((attribution, index) => {
    const cue = span('Cue', [attribution.cue]);
    const content = attribution.content.length > 0 ? span('Content', attribution.content) : '';
    const source = attribution.source ? span('Source', [attribution.source]) : '';
    const trigger = span(source ? 'Attribution' : 'Attribution-no-source', [attribution.cue]);
    const roles = [
      `${source ? 'Attribution' : 'Attribution-no-source'}:${trigger}`,
      `Cue:${cue}`,
      ...(content ? [`Content:${content}`] : []),
      ...(source ? [`Source:${source}`] : []),
    ];
    lines.push(`E${index + 1}\t${roles.join(' ')}`);
  });
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
