import { findCueWords, loadCueLexicon } from '../attribution/cue-lexicon.js';
import type { Article } from '../model/article.js';
import { rangesOverlap, type TextRange } from '../model/span.js';
import { attributionRange, type Attribution, type Story } from '../model/story.js';
import { contentStems, markersOf, wordsOf } from './claim-words.js';

/**
 * A statement in one article before its origin is traced: an attribution's content, or a sentence
 * no attribution covers (the outlet's own statement).
 */
export interface MentionDraft {
  readonly article: string;
  readonly start: number;
  readonly end: number;
  /** The text pieces the mention is made of (an attribution's content may be discontinuous). */
  readonly parts: readonly TextRange[];
  readonly attribution?: Attribution;
  /** Innermost first: the attribution, then the ones whose content holds it. */
  readonly chain: readonly Attribution[];
  readonly polarity: 'assert' | 'deny';
  readonly background: boolean;
  /** Content of a request ("urged leaders to depart"), not a statement of fact. */
  readonly directive: boolean;
}

/** Statements shorter than this many content words say too little to align ("these reports"). */
const MIN_CONTENT_WORDS = 3;

/**
 * Unattributed sentences about an earlier time are background, not news: a year before this one,
 * "dates back", "last year", "previously" ("Like Sinwar, al-Amoudi was released in the 2011
 * prisoner exchange"). The user may drop them with `--no-background`.
 */
const BACKGROUND_PHRASES =
  /\b(?:dates? back|last (?:year|month|decade)|previously|earlier this (?:year|month)|in the past|years? ago|months? ago|at the time|had been|was (?:born|founded|established|released|killed|elected))\b/i;

function isReportingCue(text: string): boolean {
  const lexicon = loadCueLexicon();
  return findCueWords(lexicon, wordsOf(text)).some((hit) => hit !== '');
}

function contains(range: TextRange, offset: number): boolean {
  return offset >= range.start && offset < range.end;
}

/** The ranges with the holes cut out, trimmed of spaces and punctuation at the cuts. */
function subtract(ranges: readonly TextRange[], holes: readonly TextRange[]): TextRange[] {
  let pieces: TextRange[] = [...ranges];
  for (const hole of holes) {
    pieces = pieces.flatMap((piece) => {
      if (hole.end <= piece.start || hole.start >= piece.end) return [piece];
      const kept: TextRange[] = [];
      if (hole.start > piece.start) kept.push({ start: piece.start, end: hole.start });
      if (hole.end < piece.end) kept.push({ start: hole.end, end: piece.end });
      return kept;
    });
  }
  return pieces.filter((piece) => piece.end - piece.start > 1);
}

function isBackground(text: string, publishedYear: number | undefined): boolean {
  if (BACKGROUND_PHRASES.test(text)) return true;
  if (publishedYear === undefined) return false;
  const years = [...text.matchAll(/\b(19\d\d|20\d\d)\b/g)].map((match) => Number(match[1]));
  return years.length > 0 && years.every((year) => year < publishedYear - 0);
}

function mentionsOfArticle(article: Article, attributions: readonly Attribution[]): MentionDraft[] {
  // Only attributions with a reporting or cognition cue say where a statement comes from; the
  // tagger's other finds ("leaders … are preparing a safe exit") are part of what was said.
  const reporting = attributions.filter((attribution) =>
    isReportingCue(article.slice(attribution.cue)),
  );
  const holders = new Map<string, Attribution[]>();
  for (const inner of reporting) {
    holders.set(
      inner.id,
      reporting.filter(
        (outer) =>
          outer !== inner && outer.content.some((range) => contains(range, inner.cue.start)),
      ),
    );
  }
  const published = article.metadata.published;
  const publishedYear = published ? Number(published.slice(0, 4)) : undefined;
  const drafts: MentionDraft[] = [];
  for (const attribution of reporting) {
    // What an attribution holds inside its content ("the outlet reported [one source said …]")
    // is the inner one's statement; the rest of the content is still the outer's own.
    const inner = reporting.filter(
      (other) =>
        other !== attribution &&
        attribution.content.some((range) => contains(range, other.cue.start)),
    );
    const parts = subtract(attribution.content, inner.map(attributionRange));
    if (parts.length === 0) continue;
    const text = parts.map((range) => article.slice(range)).join(' ');
    if (contentStems(text).length < MIN_CONTENT_WORDS && !attribution.respondsTo) continue;
    const outers = (holders.get(attribution.id) ?? []).sort(
      (a, b) => b.content[0]!.start - a.content[0]!.start,
    );
    drafts.push({
      article: article.id,
      start: parts[0]!.start,
      end: parts.at(-1)!.end,
      parts,
      attribution,
      chain: [attribution, ...outers],
      polarity: attribution.polarity,
      background: false,
      directive: markersOf(article.slice(attribution.cue)).has('directive'),
    });
  }
  const covered: TextRange[] = reporting.flatMap((attribution) => [
    attribution.cue,
    ...attribution.content,
    ...(attribution.source ? [attribution.source] : []),
  ]);
  for (const sentence of article.layer('sentences')) {
    if (covered.some((range) => rangesOverlap(range, sentence))) continue;
    const text = article.slice(sentence).trim();
    if (text.endsWith('?') || contentStems(text).length < MIN_CONTENT_WORDS) continue;
    drafts.push({
      article: article.id,
      start: sentence.start,
      end: sentence.end,
      parts: [sentence],
      chain: [],
      polarity: 'assert',
      background: isBackground(text, publishedYear),
      directive: false,
    });
  }
  return drafts.sort((a, b) => a.start - b.start);
}

/** Every claim mention of the story, article by article, in text order. */
export function findMentionDrafts(story: Story): MentionDraft[] {
  const byArticle = new Map<string, Attribution[]>();
  for (const attribution of story.attributions) {
    byArticle.set(attribution.article, [
      ...(byArticle.get(attribution.article) ?? []),
      attribution,
    ]);
  }
  return story.articles.flatMap((article) =>
    mentionsOfArticle(article, byArticle.get(article.id) ?? []),
  );
}
