import type { AttributionSpans, Token } from '../model/article.js';
import type { TextRange } from '../model/span.js';
import { taggingSequences, type TaggingSequence } from './attribution-features.js';
import { partsOfSpeech } from './part-of-speech.js';
import type { AttributionRole } from './read-brat.js';

/** One span the tagger found, before linking: its role, its characters and where it stands. */
export interface RoleSpan extends TextRange {
  readonly role: AttributionRole;
  /** Index of its first and last token in the article. */
  readonly firstToken: number;
  readonly lastToken: number;
  /** Index of its sentence (of its first token) and paragraph in the article. */
  readonly sentence: number;
  readonly paragraph: number;
  /** Whether it begins with a quote mark (content: a quotation rather than a reported clause). */
  readonly quoted?: boolean;
}

const OPENING_QUOTE = /^["“‘'«]/;

/** The spans with `quoted` set from the text they cover. */
export function markQuoted(text: string, spans: readonly RoleSpan[]): RoleSpan[] {
  return spans.map((span) => ({ ...span, quoted: OPENING_QUOTE.test(text[span.start] ?? '') }));
}

/**
 * Spans out of one sequence's BIO or BILOU tags (`B-cue`, `I-content`, `L-source`, `U-cue`, …): a
 * span starts at a `B-` (or `U-`) tag and runs over the `I-` tags of its role after it, up to and
 * including an `L-` tag of its role.
 */
export function spansFromTags(
  tags: readonly string[],
  tokens: readonly TextRange[],
  firstToken: number,
  sentenceOf: (token: number) => number,
  paragraph: number,
): RoleSpan[] {
  const spans: RoleSpan[] = [];
  let index = 0;
  while (index < tags.length) {
    const tag = tags[index]!;
    if (tag === 'O' || tag.length < 3) {
      index++;
      continue;
    }
    const role = tag.slice(2) as AttributionRole;
    let last = index;
    if (!tag.startsWith('U-')) {
      while (last + 1 < tags.length && tags[last + 1] === 'I-' + role) last++;
      if (last + 1 < tags.length && tags[last + 1] === 'L-' + role) last++;
    }
    spans.push({
      role,
      start: tokens[index]!.start,
      end: tokens[last]!.end,
      firstToken: firstToken + index,
      lastToken: firstToken + last,
      sentence: sentenceOf(firstToken + index),
      paragraph,
    });
    index = last + 1;
  }
  return spans;
}

/**
 * Attributions from role spans, by PolNeAR's conventions: a cue takes as source the nearest source
 * span before it in its sentence (else the nearest after it: "…, said Smith"); each content span
 * goes to the nearest cue in its sentence, else in its paragraph, else to a cue that ends the
 * previous paragraph. A cue's content is at most one span on each side of it, the nearest: two
 * when it splits a quote (“X,” he said, “Y”); of a span before and one after, a quotation before
 * and a plain clause after keeps the quotation, two plain clauses keep the one after (gold
 * content has two pieces around its cue in one attribution of seven, nearly all quotations).
 * Sources and content with no cue are dropped: an attribution needs its cue.
 */
export function linkAttributions(spans: readonly RoleSpan[]): AttributionSpans[] {
  const ordered = [...spans].sort((a, b) => a.start - b.start);
  const cues = ordered.filter((span) => span.role === 'cue');
  const sources = ordered.filter((span) => span.role === 'source');
  const contentOf = new Map<RoleSpan, RoleSpan[]>(cues.map((cue) => [cue, []]));
  for (const content of ordered) {
    if (content.role !== 'content') continue;
    const cue =
      nearest(content, cues, (cue) => cue.sentence === content.sentence) ??
      nearest(content, cues, (cue) => cue.paragraph === content.paragraph) ??
      nearest(
        content,
        cues,
        (cue) => cue.paragraph === content.paragraph - 1 && cue.lastToken < content.firstToken,
      );
    contentOf.get(cue!)?.push(content);
  }
  return cues.map((cue) => {
    const sameSentence = sources.filter((source) => source.sentence === cue.sentence);
    const before = sameSentence.filter((source) => source.lastToken < cue.firstToken);
    const after = sameSentence.filter((source) => source.firstToken > cue.lastToken);
    const source = before[before.length - 1] ?? after[0];
    const content = contentPieces(cue, contentOf.get(cue)!).map(({ start, end }) => ({
      start,
      end,
    }));
    const parts: TextRange[] = [cue, ...content, ...(source ? [source] : [])];
    return {
      start: Math.min(...parts.map((part) => part.start)),
      end: Math.max(...parts.map((part) => part.end)),
      cue: { start: cue.start, end: cue.end },
      ...(source ? { source: { start: source.start, end: source.end } } : {}),
      content,
    };
  });
}

/** The content spans a cue keeps of those given to it (see `linkAttributions`). */
function contentPieces(cue: RoleSpan, given: readonly RoleSpan[]): RoleSpan[] {
  if (given.length < 2) return [...given];
  const before = given.filter((span) => span.lastToken < cue.firstToken).pop();
  const after = given.find((span) => span.firstToken > cue.lastToken);
  if (!before || !after) return before ? [before] : after ? [after] : [];
  if (before.quoted && !after.quoted) return [before];
  if (!before.quoted && !after.quoted) return [after];
  return [before, after];
}

/** The candidate nearest to `span` in tokens among those `accept` allows (ties: the earlier). */
function nearest(
  span: RoleSpan,
  candidates: readonly RoleSpan[],
  accept: (candidate: RoleSpan) => boolean,
): RoleSpan | undefined {
  let best: RoleSpan | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (!accept(candidate)) continue;
    const distance =
      candidate.lastToken < span.firstToken
        ? span.firstToken - candidate.lastToken
        : candidate.firstToken - span.lastToken;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Attributions from a tagger of paragraph sequences: each paragraph tagged by `tagSequence`, its
 * BIO tags turned into role spans, quotes marked, and the spans linked. Both the linear and the
 * neural tagger run through here.
 */
export function attributionsFromSequences(
  text: string,
  tokens: readonly Token[],
  sentences: readonly TextRange[],
  paragraphs: readonly TextRange[],
  usesPartsOfSpeech: boolean,
  tagSequence: (sequence: TaggingSequence) => readonly string[],
): AttributionSpans[] {
  const spans: RoleSpan[] = [];
  const tags = usesPartsOfSpeech ? partsOfSpeech(text, tokens) : undefined;
  taggingSequences(tokens, sentences, paragraphs, tags).forEach((sequence, paragraph) => {
    // A sentence is named by the article index of its first token.
    const sentenceOf = (token: number): number =>
      sequence.firstToken + sequence.sentenceStart[token - sequence.firstToken]!;
    spans.push(
      ...spansFromTags(
        tagSequence(sequence),
        sequence.tokens,
        sequence.firstToken,
        sentenceOf,
        paragraph,
      ),
    );
  });
  return linkAttributions(markQuoted(text, spans));
}
