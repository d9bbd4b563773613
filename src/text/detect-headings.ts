import type { Heading } from '../model/article.js';
import type { KeptBlock } from './clean-boilerplate.js';
import { endsSentence, wordCount } from './clean-boilerplate.js';

/** Headlines run to about 20 words; a longer first line without a full stop is a lead, not a headline. */
const MAX_HEADLINE_WORDS = 25;
/** A dek (standfirst) is one long summary sentence, usually without a final full stop. */
const MAX_DEK_WORDS = 60;
/** Crossheads inside a body are short labels. */
const MAX_SUBHEADING_WORDS = 15;

/**
 * Headline, dek and crossheads of an article, from the kept blocks. In plain text a headline is
 * the first line when it is short and does not end like a sentence; a dek is the next such line.
 * Inside the body, a short non-sentence line between paragraphs, or an HTML heading, is a crosshead.
 * `isPlainText` is false for HTML, whose headline is in the metadata rather than the body.
 */
export function detectHeadings(
  text: string,
  blocks: readonly KeptBlock[],
  isPlainText: boolean,
): Heading[] {
  const headings: Heading[] = [];
  let bodyStart = 0;
  const first = blocks[0];
  if (
    isPlainText &&
    first &&
    first.blockIndex === 0 &&
    blocks.length > 1 &&
    isHeadingLike(text, first, MAX_HEADLINE_WORDS)
  ) {
    headings.push({ ...first.range, kind: 'headline' });
    bodyStart = 1;
    const second = blocks[1];
    if (second && blocks.length > 2 && isHeadingLike(text, second, MAX_DEK_WORDS)) {
      headings.push({ ...second.range, kind: 'dek' });
      bodyStart = 2;
    }
  }
  for (let index = bodyStart; index < blocks.length; index++) {
    const block = blocks[index]!;
    if (block.hint === 'heading') {
      headings.push({ ...block.range, kind: 'subheading' });
      continue;
    }
    const next = blocks[index + 1];
    const isBetweenParagraphs =
      index > bodyStart && next !== undefined && endsSentence(slice(text, next));
    if (
      isPlainText &&
      block.hint === undefined &&
      isBetweenParagraphs &&
      isHeadingLike(text, block, MAX_SUBHEADING_WORDS)
    ) {
      headings.push({ ...block.range, kind: 'subheading' });
    }
  }
  return headings;
}

function isHeadingLike(text: string, block: KeptBlock, maxWords: number): boolean {
  const value = slice(text, block);
  const words = wordCount(value);
  return words >= 2 && words <= maxWords && !endsSentence(value) && !/[,;:]$/.test(value);
}

function slice(text: string, block: KeptBlock): string {
  return text.slice(block.range.start, block.range.end);
}
