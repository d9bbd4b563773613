import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceDocument, SourceMetadata } from './source-document.js';

const STRING_FIELDS = ['id', 'url', 'outlet', 'title', 'published', 'byline'] as const;

/**
 * One article a line: `{id?, url?, outlet?, title?, published?, text | html}`. A bad line becomes
 * an error naming `file:line` and the rest are still read.
 */
export function parseJsonLines(
  text: string,
  input: string,
): { documents: SourceDocument[]; diagnostics: Diagnostic[] } {
  const documents: SourceDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${input}:${index + 1}`;
    const fail = (message: string): void => {
      diagnostics.push({ input: where, severity: 'error', message });
    };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      fail(`bad JSON line, skipped: ${(error as Error).message}`);
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      fail('line is not a JSON object, skipped');
      return;
    }
    const fields = value as Record<string, unknown>;
    const metadata: SourceMetadata = {};
    for (const key of STRING_FIELDS) {
      const field = fields[key];
      if (field === undefined || field === null) continue;
      if (typeof field !== 'string' && typeof field !== 'number') {
        fail(`"${key}" must be a string, skipped`);
        return;
      }
      metadata[key] = String(field);
    }
    const body = fields['html'] ?? fields['text'];
    if (typeof body !== 'string' || !body.trim()) {
      fail('line has no "text" or "html" string, skipped');
      return;
    }
    documents.push({
      input: where,
      format: typeof fields['html'] === 'string' ? 'html' : 'text',
      content: body,
      metadata,
      idBasis: metadata.id ?? `line-${index + 1}`,
      diagnostics: [],
    });
  });
  return { documents, diagnostics };
}
