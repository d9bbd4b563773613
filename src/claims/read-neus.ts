import { readFileSync } from 'node:fs';

/** One outlet's snippet of a NeuS event: its title and lead. */
export interface NeusSnippet {
  readonly title: string;
  readonly text: string;
}

/** One line of a NeuS `*.source` file: one event told by (usually) three outlets. */
export interface NeusEvent {
  /** 0-based line number in the file. */
  readonly line: number;
  readonly snippets: readonly NeusSnippet[];
}

const SNIPPET = /^\s*TITLE=>\s*([\s\S]*?)\s*ARTICLE=>\s*([\s\S]*?)\s*$/;

/** Parses `TITLE=> … ARTICLE=> … [SEP] TITLE=> …` lines; pieces without the markers are kept as text. */
export function parseNeus(source: string): NeusEvent[] {
  const lines = source.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((raw, line) => ({
    line,
    snippets: raw
      .split('[SEP]')
      .map((piece) => {
        const match = SNIPPET.exec(piece);
        if (!match) return { title: '', text: piece.trim() };
        return { title: match[1]!.replace(/\.$/, ''), text: match[2]! };
      })
      .filter((snippet) => snippet.title !== '' || snippet.text !== ''),
  }));
}

export function readNeus(path: string): NeusEvent[] {
  return parseNeus(readFileSync(path, 'utf8'));
}
