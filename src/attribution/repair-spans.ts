import type { Article, AttributionSpans } from '../model/article.js';
import { rangesOverlap, type TextRange } from '../model/span.js';
import { sourcesLexicon } from './sources-lexicon.js';

/**
 * Rules over the tagger's spans where its token-level view is known to slip, each general to news
 * sourcing rather than to any one text:
 *  - edges: quotes, commas and spaces trimmed off sources and cues;
 *  - a source noun swallowed by the cue ("The London-based daily | cited") goes back to the source;
 *  - a source cut inside a name or a hyphenated word grows to the whole name; one that starts at a
 *    name after "sources who spoke with" grows to the whole phrase;
 *  - "…, citing two unnamed officials" inside content comes out of the content (the chain rule
 *    in build-attributions makes it the source);
 *  - a cue alone ("…, the outlet reported." / "According to the sources, …" / ", they said, ")
 *    gets the content its sentence gives it;
 *  - a bare "citing" cue is dropped (it is the chain, not a statement);
 *  - a deny verb no cue covers ("a senior leader who denied these reports") becomes a denial.
 */

export interface NameRange extends TextRange {
  readonly person: boolean;
}

const EDGE_LEAD = /^[\s"“”‘’'«»,;:—–-]+/u;
const EDGE_TRAIL = /[\s"“”‘’'«»,;:—–-]+$/u;
/** What may sit between a cue and its content: "that", and when it was said ("over the weekend"). */
const LEADING_CONTENT_NOISE =
  /^(?:[\s,;:—–]+|that\s+|(?:(?:on|over|in|during|at|late|early)\s+)?(?:the\s+|last\s+|this\s+|next\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|weekend|week|morning|afternoon|evening|night|month)\s+(?=that\s|[\p{Ll}“"])(?:that\s+)?)+/iu;
/** Cues whose object is the person or outlet told, not what was said. */
const TELLING_CUE = /^(?:told|tells|tell|revealed\s+to|said\s+to|spoke\s+to|confirmed\s+to)$/iu;
/** A short noun phrase naming whom, with an optional time: "the regional broadcaster Radio Velmora on Tuesday". */
const RECIPIENT_PHRASE =
  /^(?:the\s+|a\s+|an\s+)?(?:[\p{L}’'-]+\s+){0,4}?\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*)*(?:\s+(?:on|in|at|last|this|late|early)\s+[\p{L}]+)?[.,]?$/u;

function isRecipientOnly(text: string, cue: TextRange, content: readonly TextRange[]): boolean {
  if (content.length !== 1 || !TELLING_CUE.test(text.slice(cue.start, cue.end))) return false;
  const only = content[0]!;
  return only.start >= cue.end && RECIPIENT_PHRASE.test(text.slice(only.start, only.end).trim());
}

/** A cue that swallowed a relative clause: "spoke with ynet said". */
const RELATIVE_IN_CUE =
  /^((?:spoke|spoken|talked|talking|speaking)\s+(?:with|to)\s+.+?\s+)(said|say|says|told|added|stated|claimed|believe|believes)$/iu;
/** A preposition the tagger left at the end of a cue ("said over | the weekend"). */
const TRAILING_CUE_PREPOSITION = /\s+(?:over|on|in|at|during|last)$/iu;
const TRAILING_CONTENT_NOISE = /[\s,;:.]+$/u;
const RELATIVE_SOURCE =
  /(?:^|[\s,(])((?:[\p{L}\p{N}’'-]+\s+){0,4}?(?:sources?|officials?|people|persons?|diplomats?|aides?|insiders?)\s+(?:who|that)\s+(?:have\s+|had\s+)?(?:spoke|spoken|talked|talking|speaking|told)\s+(?:with|to)\s+)$/iu;
const AFFILIATION_SOURCE =
  /(?:^|[\s,(])((?:[\p{L}\p{N}’'-]+\s+){0,3}?(?:sources?|officials?|members?|figures?)\s+(?:from\s+)?(?:within|inside|in|from|of|close\s+to)\s+)$/iu;

/** A range without quotes, commas, dashes or spaces at its edges (sources and cues). */
function trimRange(text: string, range: TextRange): TextRange {
  const value = text.slice(range.start, range.end);
  let start = range.start;
  let end = range.end;
  const lead = EDGE_LEAD.exec(value);
  if (lead) start += lead[0].length;
  const trail = EDGE_TRAIL.exec(value);
  if (trail && end - trail[0].length > start) end -= trail[0].length;
  // Keep quotes balanced: 'a “senior leader based abroad”' keeps its closing quote.
  const kept = text.slice(start, end);
  const opens = (kept.match(/[“«]/gu) ?? []).length;
  const closes = (kept.match(/[”»]/gu) ?? []).length;
  if (opens > closes && /[”»]/u.test(text[end] ?? '')) end++;
  return start < end ? { start, end } : range;
}

/** A content range without outer spaces (its quotes stay: they mark direct speech). */
function trimSpaces(text: string, range: TextRange): TextRange {
  const value = text.slice(range.start, range.end);
  const lead = /^\s+/u.exec(value)?.[0].length ?? 0;
  const trail = /\s+$/u.exec(value)?.[0].length ?? 0;
  return { start: range.start + lead, end: Math.max(range.start + lead, range.end - trail) };
}

function trimContent(text: string, range: TextRange): TextRange {
  let { start, end } = range;
  const lead = LEADING_CONTENT_NOISE.exec(text.slice(start, end));
  if (lead && start + lead[0].length < end) start += lead[0].length;
  // Keep a closing quote (direct speech ends "….”"); drop a bare final stop or comma.
  const trail = TRAILING_CONTENT_NOISE.exec(text.slice(start, end));
  if (trail && end - trail[0].length > start) end -= trail[0].length;
  return { start, end };
}

function sentenceOf(article: Article, position: number): TextRange {
  const sentences = article.layer('sentences');
  let low = 0;
  let high = sentences.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const sentence = sentences[middle]!;
    if (position < sentence.start) high = middle - 1;
    else if (position >= sentence.end) low = middle + 1;
    else return sentence;
  }
  return { start: position, end: position };
}

/** Whether `position` is inside quotation marks opened after `from` (a sentence start). */
function insideQuotes(text: string, from: number, position: number): boolean {
  let curly = 0;
  let straight = false;
  for (let index = from; index < position; index++) {
    const character = text[index];
    if (character === '“') curly++;
    else if (character === '”') curly = Math.max(0, curly - 1);
    else if (character === '"') straight = !straight;
  }
  return curly > 0 || straight;
}

let headWords: Set<string> | undefined;
function isSourceHead(word: string): boolean {
  headWords ??= new Set(sourcesLexicon().classes.flatMap((sourceClass) => sourceClass.heads));
  return headWords.has(word.toLowerCase());
}

let denyPattern: RegExp | undefined;
let denyWords: Set<string> | undefined;
function isDenyWord(cueText: string): boolean {
  denyWords ??= new Set(sourcesLexicon().denyCues.words);
  return cueText
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .some((word) => denyWords!.has(word));
}
/** The phrase before "who" in front of a deny verb, back to "to", "with" or a comma. */
const RELATIVE_DENIER =
  /^(?:.*(?:\bto|\bwith|,)\s+)?((?:(?!\bwho\b)[^,;])+?)\s+who\s+(?:also\s+|had\s+|has\s+)?$/diu;
/** A name and its appositive before a deny verb: "However, X, a senior official, denied". */
const APPOSITIVE_DENIER =
  /(?:^|^.*(?:\bhowever|;)[,]?\s+)(\p{Lu}[^,;]*,\s+(?:a|an|the)\s+[^;]+?),\s+(?:also\s+|flatly\s+)?$/diu;
/** The subject of a clause ending at a deny verb. */
const SUBJECT_DENIER =
  /^(?:.*(?:[,;]|\bbut|\band|\bhowever)\s+)?([^,;]{2,80}?)\s+(?:has\s+|have\s+|had\s+|also\s+|flatly\s+|strongly\s+)?$/diu;

export function repairSpans(
  article: Article,
  spans: readonly AttributionSpans[],
  names: readonly NameRange[],
): AttributionSpans[] {
  const text = article.text;
  const repaired: AttributionSpans[] = [];
  for (const original of spans) {
    let cue = trimRange(text, original.cue);
    let source = original.source ? trimRange(text, original.source) : undefined;
    let content = original.content
      .map((range) => trimSpaces(text, range))
      .filter((range) => range.end > range.start);

    if (/^citing$/i.test(text.slice(cue.start, cue.end))) continue;

    // "The London-based Arabic-language | daily cited": the noun belongs to the source.
    const cueWords = /^([\p{L}-]+)\s+/u.exec(text.slice(cue.start, cue.end));
    if (
      cueWords &&
      isSourceHead(cueWords[1]!) &&
      source &&
      /^\s*$/.test(text.slice(source.end, cue.start))
    ) {
      source = { start: source.start, end: cue.start + cueWords[1]!.length };
      cue = { start: cue.start + cueWords[0].length, end: cue.end };
    }

    // "Palestinian sources | who | spoke with ynet said": the relative clause belongs to the source.
    const relativeCue = RELATIVE_IN_CUE.exec(text.slice(cue.start, cue.end));
    if (relativeCue && source && /^(?:who|that)$/iu.test(text.slice(source.start, source.end))) {
      const verbStart = cue.start + relativeCue[0].length - relativeCue[2]!.length;
      const phrase = /(?:^|[,;:]\s*)([^,;:]+?)\s*$/u.exec(
        text.slice(sentenceOf(article, source.start).start, source.start),
      );
      const phraseStart = phrase
        ? source.start - phrase[0].length + phrase[0].indexOf(phrase[1]!)
        : source.start;
      source = {
        start: phraseStart,
        end: verbStart - relativeCue[1]!.length + relativeCue[1]!.trimEnd().length,
      };
      cue = { start: verbStart, end: cue.end };
    }
    if (source) source = growSource(text, article, source, names);
    const preposition = TRAILING_CUE_PREPOSITION.exec(text.slice(cue.start, cue.end));
    if (preposition) cue = { start: cue.start, end: cue.end - preposition[0].length };

    // "…, citing two unnamed officials …" is the chain, not what was said.
    content = content.flatMap((range) => {
      const value = text.slice(range.start, range.end);
      const citing = /(?:^|[\s,])citing\s/iu.exec(value);
      if (!citing) return [range];
      const end = range.start + citing.index;
      return end > range.start ? [trimRange(text, { start: range.start, end })] : [];
    });

    // "…, two sources told the regional broadcaster Radio Velmora on Tuesday.": whom they told
    // is not what they said; the clause before the comma is.
    if (isRecipientOnly(text, cue, content)) content = [];
    if (
      content.length === 0 ||
      content.every((range) => range.start >= cue.start && range.end <= cue.end)
    ) {
      content = contentFromSentence(article, cue, source);
    }
    content = content
      .map((range) => trimContent(text, range))
      .filter((range) => range.end > range.start);
    if (!source && isDenyWord(text.slice(cue.start, cue.end))) {
      source = findDenier(text, sentenceOf(article, cue.start), cue);
    }
    const parts = [cue, ...content, ...(source ? [source] : [])];
    repaired.push({
      start: Math.min(...parts.map((part) => part.start)),
      end: Math.max(...parts.map((part) => part.end)),
      cue,
      content,
      ...(source ? { source } : {}),
    });
  }
  repaired.push(...denialsByRule(article, repaired));
  repaired.sort((a, b) => a.cue.start - b.cue.start);
  return shareCoordinatedSources(text, repaired);
}

/** Grows a source to whole names and words, and over "sources who spoke with" before a name. */
function growSource(
  text: string,
  article: Article,
  source: TextRange,
  names: readonly NameRange[],
): TextRange {
  let { start, end } = source;
  for (const name of names) {
    if (name.start < end && start < name.end) {
      start = Math.min(start, name.start);
      end = Math.max(end, name.end);
    }
  }
  while (
    start > 0 &&
    /[\p{L}\p{N}’'-]/u.test(text[start - 1]!) &&
    /[\p{L}\p{N}]/u.test(text[start]!)
  )
    start--;
  while (
    end < text.length &&
    /[\p{L}\p{N}]/u.test(text[end]!) &&
    /[\p{L}\p{N}’'-]/u.test(text[end - 1]!)
  )
    end++;
  const sentence = sentenceOf(article, start);
  const before = text.slice(sentence.start, start);
  const relative = RELATIVE_SOURCE.exec(before) ?? AFFILIATION_SOURCE.exec(before);
  if (relative) start = start - relative[1]!.length;
  return { start, end };
}

/**
 * Content for a cue the tagger gave none: the clause before "…, X said." or after "According to
 * X, …", both sides of a parenthetical ", they said, ", else what follows the cue.
 */
function contentFromSentence(
  article: Article,
  cue: TextRange,
  source: TextRange | undefined,
): TextRange[] {
  const text = article.text;
  const sentence = sentenceOf(article, cue.start);
  const first = Math.min(cue.start, source?.start ?? Infinity);
  const last = Math.max(cue.end, source?.end ?? -Infinity);
  const before = text.slice(sentence.start, first);
  // "…, sources revealed to Saudi outlet X on Tuesday." : who was told is not what was said.
  const rest = text.slice(last, sentence.end);
  let recipient = /^\s+(?:to|with)\s+[^,.;:“"]*/u.exec(rest)?.[0].length ?? 0;
  if (recipient === 0 && TELLING_CUE.test(text.slice(cue.start, cue.end))) {
    // "told the regional broadcaster Radio Velmora on Tuesday." — whom, not what.
    const object = /^\s+([^,.;:“"]*)/u.exec(rest);
    if (object && RECIPIENT_PHRASE.test(object[1]!.trim())) recipient = object[0].length;
  }
  const after = text.slice(last + recipient, sentence.end);
  const commaBefore = /,["”’]?\s*$/u.test(before) && before.trim().length > 1;
  const commaAfter = /^\s*,/.test(after);
  const endsAfter = /^\s*[.!?”"]*\s*$/.test(after);
  if (commaBefore && endsAfter) return [{ start: sentence.start, end: first }];
  if (commaBefore && commaAfter) {
    const rest = last + (/^\s*,\s*/.exec(after)?.[0].length ?? 0);
    return [
      { start: sentence.start, end: first },
      { start: rest, end: sentence.end },
    ];
  }
  if (commaAfter) {
    const rest = last + (/^\s*,\s*/.exec(after)?.[0].length ?? 0);
    return [{ start: rest, end: sentence.end }];
  }
  return after.trim().length > 1 ? [{ start: last, end: sentence.end }] : [];
}

/**
 * Who denies, from the words before the deny verb: the phrase before "who" ("spoke to a senior
 * leader based abroad who denied"), a name with its appositive ("Milan Radić, a senior official
 * based abroad, denied"), or the clause subject ("…, the ministry denied").
 */
function findDenier(text: string, sentence: TextRange, cue: TextRange): TextRange | undefined {
  const before = text.slice(sentence.start, cue.start);
  const phrase =
    RELATIVE_DENIER.exec(before) ?? APPOSITIVE_DENIER.exec(before) ?? SUBJECT_DENIER.exec(before);
  const group = phrase?.indices?.[1];
  return group
    ? trimRange(text, { start: sentence.start + group[0], end: sentence.start + group[1] })
    : undefined;
}

/**
 * Denials the tagger missed: a deny verb outside every cue. The source is the phrase before
 * "who" ("a senior leader based abroad who denied these reports") or the clause subject; the
 * content runs to the end of the clause.
 */
function denialsByRule(article: Article, found: readonly AttributionSpans[]): AttributionSpans[] {
  const text = article.text;
  denyPattern ??= new RegExp(`\\b(?:${sourcesLexicon().denyCues.words.join('|')})\\b`, 'giu');
  const denials: AttributionSpans[] = [];
  for (const match of text.matchAll(denyPattern)) {
    const cue = { start: match.index, end: match.index + match[0].length };
    // A deny word in quoted words ("military figures categorically reject leaving") is what
    // someone said, not a denial by the writer's source.
    if (found.some((attribution) => rangesOverlap(attribution.cue, cue))) continue;
    if (insideQuotes(text, sentenceOf(article, cue.start).start, cue.start)) continue;
    const sentence = sentenceOf(article, cue.start);
    const before = text.slice(sentence.start, cue.start);
    const clauseEnd = /[.;!?]|,\s+(?:but|while|and|although)\b/u.exec(
      text.slice(cue.end, sentence.end),
    );
    const contentRange = trimContent(text, {
      start: cue.end,
      end: clauseEnd ? cue.end + clauseEnd.index : sentence.end,
    });
    if (contentRange.end <= contentRange.start) continue;
    // "…spoke to a senior leader based abroad who denied …" / "…, Radić denied …"
    // "the dispute", "a certain dispute": the word is a noun here, not a denial.
    if (
      /\b(?:the|a|an|this|that|these|those|any|no|its|their|his|her|our|certain|such)\s+$/iu.test(
        before,
      )
    )
      continue;
    const source = findDenier(text, sentence, cue);
    const parts = [cue, contentRange, ...(source ? [source] : [])];
    denials.push({
      start: Math.min(...parts.map((part) => part.start)),
      end: Math.max(...parts.map((part) => part.end)),
      cue,
      content: [contentRange],
      ...(source ? { source } : {}),
    });
  }
  return denials;
}

/**
 * "X denied these reports and told Radio Velmora that …": a cue joined by "and" to the
 * attribution before it shares that attribution's source.
 */
function shareCoordinatedSources(text: string, spans: AttributionSpans[]): AttributionSpans[] {
  return spans.map((current, index, all) => {
    const previous = index > 0 ? all[index - 1] : undefined;
    if (current.source || !previous?.source) return current;
    const previousEnd = Math.max(previous.cue.end, ...previous.content.map((range) => range.end));
    if (previousEnd > current.cue.start) return current;
    if (
      !/^[\s,]*and\s+(?:then\s+|also\s+|later\s+)?$/iu.test(
        text.slice(previousEnd, current.cue.start),
      )
    ) {
      return current;
    }
    return {
      ...current,
      start: Math.min(current.start, previous.source.start),
      source: previous.source,
    };
  });
}
