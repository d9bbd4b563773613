import { readFileSync } from 'node:fs';

/** One sentence of a CoNLL file: its tokens (first column) and their NER tags (last column). */
export interface ConllSentence {
  readonly words: readonly string[];
  readonly tags: readonly string[];
}

/** The sentences between two `-DOCSTART-` lines: one news story (or one results table). */
export interface ConllDocument {
  readonly sentences: readonly ConllSentence[];
}

/** The line CoNLL puts between documents; it is not a token of any sentence. */
export const DOCUMENT_START = '-DOCSTART-';

/**
 * Documents of a CoNLL-2003-style file (`token POS chunk NER`, blank line between sentences,
 * `-DOCSTART-` between documents). Only the first and last columns are kept: the tagger reads
 * token strings alone. A file without `-DOCSTART-` lines is one document.
 */
export function parseConll(text: string): ConllDocument[] {
  const documents: ConllSentence[][] = [];
  let current: ConllSentence[] | undefined;
  let words: string[] = [];
  let tags: string[] = [];
  const endSentence = (): void => {
    if (words.length === 0) return;
    if (!current) {
      current = [];
      documents.push(current);
    }
    current.push({ words, tags });
    words = [];
    tags = [];
  };
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '') {
      endSentence();
      continue;
    }
    const columns = line.split(/\s+/);
    const word = columns[0]!;
    if (word === DOCUMENT_START) {
      endSentence();
      current = [];
      documents.push(current);
      continue;
    }
    words.push(word);
    tags.push(columns.length > 1 ? columns[columns.length - 1]! : 'O');
  }
  endSentence();
  return documents.filter((sentences) => sentences.length > 0).map((sentences) => ({ sentences }));
}

export function readConll(path: string): ConllDocument[] {
  return parseConll(readFileSync(path, 'utf8'));
}

/**
 * Tags in IOB2 (every entity starts with B-): IOB1 files start an entity with I- unless it follows
 * one of the same type. The tagger is trained on IOB2 so that its BIO constraints hold.
 */
export function toIob2(tags: readonly string[]): string[] {
  return tags.map((tag, index) => {
    if (!tag.startsWith('I-')) return tag;
    const previous = tags[index - 1];
    return previous !== undefined && previous !== 'O' && previous.slice(2) === tag.slice(2)
      ? tag
      : `B-${tag.slice(2)}`;
  });
}
