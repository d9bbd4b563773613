import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../model/errors.js';

export type Stance = 'agree' | 'disagree' | 'discuss' | 'unrelated';
export const STANCES: readonly Stance[] = ['agree', 'disagree', 'discuss', 'unrelated'];

export interface FncPair {
  readonly headline: string;
  readonly bodyId: string;
  /** Absent when the file has no `Stance` column (unlabelled data to predict). */
  readonly stance?: Stance;
}

function readCsv(path: string, required: readonly string[]): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true });
  } catch (error) {
    throw new InputError('unreadable', path, (error as Error).message);
  }
  const missing = required.filter((column) => rows.length > 0 && !(column in rows[0]!));
  if (missing.length > 0) {
    throw new InputError(
      'unreadable',
      path,
      `missing column ${missing.map((c) => `"${c}"`).join(', ')}`,
    );
  }
  return rows;
}

/** `Body ID,articleBody` → body text by id. */
export function readFncBodies(path: string): Map<string, string> {
  return new Map(
    readCsv(path, ['Body ID', 'articleBody']).map((row) => [row['Body ID']!, row.articleBody!]),
  );
}

/** `Headline,Body ID[,Stance]` in file order. */
export function readFncStances(path: string): FncPair[] {
  return readCsv(path, ['Headline', 'Body ID']).map((row, index) => {
    const stance = row.Stance?.trim().toLowerCase();
    if (stance !== undefined && stance !== '' && !STANCES.includes(stance as Stance)) {
      throw new InputError('unreadable', path, `row ${index + 2}: unknown stance "${row.Stance}"`);
    }
    return {
      headline: row.Headline!,
      bodyId: row['Body ID']!,
      ...(stance ? { stance: stance as Stance } : {}),
    };
  });
}

/** The shared data's report split: pairs (and bodies) whose Body ID is a multiple of 5. */
export function isFncReportBody(bodyId: string): boolean {
  return Number(bodyId) % 5 === 0;
}

/** One CSV field, quoted when it holds a comma, a quote, a line break or edge spaces (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `Headline,Body ID,Stance` rows as FNC-1 writes them, one line per pair, CRLF-free. */
export function formatFncStances(
  rows: readonly { headline: string; bodyId: string; stance: Stance }[],
): string {
  const lines = ['Headline,Body ID,Stance'];
  for (const row of rows) {
    lines.push([row.headline, row.bodyId, row.stance].map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}
