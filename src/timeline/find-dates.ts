import { casual, type ParsedComponents, type ParsedResult } from 'chrono-node';
import type { Article } from '../model/article.js';
import type { TextRange } from '../model/span.js';
import type { TimelineEntry } from '../model/story.js';
import {
  addDays,
  formatDay,
  formatMonth,
  formatYear,
  mondayOf,
  parseCalendarDay,
  weekdayOf,
  type CalendarDay,
} from './calendar.js';
import {
  againstPublished,
  joinRange,
  NO_REFERENCE,
  resolveStatedDate,
  unresolved,
  type Resolution,
  type StatedDate,
} from './resolve-date.js';
import { timeWords, type TimeWords } from './time-words.js';

/** A time expression found by a rule or by chrono, before overlaps are settled. */
interface Candidate extends TextRange {
  /** Absent for expressions that are found only to be dropped ("now", "for several years"). */
  readonly resolution?: Resolution;
  readonly fromRule: boolean;
  /** What chrono read, for joining two dates into a range ("between March and May 2024"). */
  readonly stated?: StatedDate;
}

/** How many characters before an expression are read for its preposition, direction or determiner. */
const CONTEXT_CHARACTERS = 40;
/** chrono needs some reference; without a published date its relative readings are not used. */
const PLACEHOLDER_REFERENCE: CalendarDay = { year: 2000, month: 1, day: 1 };

/**
 * The dated expressions of one article, in text order: chrono-node's readings checked and
 * re-resolved by the rules of `lexicons/time-words.json`, and what chrono misses (bare years,
 * weekends, decades) found by those rules. Relative expressions are resolved against `reference`
 * (default: the article's published date); without one they stay unresolved. Each entry links to
 * the sentence it dates.
 */
export function findDates(article: Article, reference?: string): TimelineEntry[] {
  const text = article.text;
  const referenceDay = parseCalendarDay(reference ?? article.metadata.published);
  const words = timeWords();
  const candidates = [
    ...ruleCandidates(text, referenceDay, words),
    ...chronoCandidates(text, referenceDay, words),
  ];
  const kept = chooseNonOverlapping(candidates).filter((candidate) => candidate.resolution);
  const joined = joinAdjacentDates(text, kept, referenceDay, words);
  const sentences = article.hasLayer('sentences')
    ? article.layer('sentences')
    : article.layer('paragraphs');
  const entries: TimelineEntry[] = [];
  let previousEnd = 0;
  for (const candidate of joined) {
    const start = extendedStart(text, candidate, previousEnd, words);
    previousEnd = candidate.end;
    const resolution = candidate.resolution!;
    const expression = text.slice(start, candidate.end);
    const sentence = sentences.find((range) => range.start <= start && start < range.end) ?? {
      start,
      end: candidate.end,
    };
    entries.push({
      article: article.id,
      start,
      end: candidate.end,
      ...(resolution.date ? { date: resolution.date } : {}),
      ...(resolution.dateEnd ? { dateEnd: resolution.dateEnd } : {}),
      precision: resolution.precision,
      event: { article: article.id, start: sentence.start, end: sentence.end },
      ruleId: resolution.ruleId,
      reason: `'${expression.replace(/\s+/g, ' ')}' ${resolution.explanation}`,
    });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Rules for what chrono misses or misreads

/** A four-digit number that may be a year: 1800–2099, not inside a longer number or after money. */
const YEAR_NUMBER = /(?<![\w$£€.,/]|\d[-–])(?:1[89]|20)\d{2}/g;
/** After a year: the rest of a number, a date or a time ("2016-10-03", "2011.5", "2016:"). */
const NOT_A_YEAR_AFTER = /^(?:[\p{L}\p{N}]|[-–/:.,]\d|\s*(?:%|percent\b))/u;
const DASH_RANGE_AFTER = /^\s*[-–—]\s*(\d{4}|\d{2})(?![\p{L}\p{N}]|[-–/]\d)/u;
const DECADE_PREFIX_BEFORE = /(?<![\p{L}])(?:the\s+)?(?:(?:early|mid|late)(?:\s+|-))?$/iu;
/** The most years one range may span, and a two-digit end ("2019–21") may add. */
const MAX_RANGE_YEARS = 99;
const MAX_SHORT_RANGE_YEARS = 12;

function ruleCandidates(
  text: string,
  reference: CalendarDay | undefined,
  words: TimeWords,
): Candidate[] {
  const candidates: Candidate[] = [];
  const add = (start: number, end: number, resolution: Resolution | undefined): void => {
    candidates.push({ start, end, fromRule: true, ...(resolution ? { resolution } : {}) });
  };

  for (const match of text.matchAll(words.phrasePattern)) {
    const group = match.findIndex((value, index) => index > 0 && value !== undefined);
    const ruleId = words.phraseRuleIds[group - 1]!;
    // A capital past the first letter is a title ("This Week", "THE WEEKEND"), not the phrase.
    if (ruleId !== 'weekday-as-name' && /\p{Lu}/u.test(match[0].slice(1))) continue;
    add(match.index, match.index + match[0].length, phraseResolution(ruleId, match[0], reference));
  }

  for (const match of text.matchAll(words.vagueAgoPattern))
    add(match.index, match.index + match[0].length, vague());

  let consumedUntil = 0;
  for (const match of text.matchAll(YEAR_NUMBER)) {
    const start = match.index;
    if (start < consumedUntil) continue;
    const year = Number(match[0]);
    const end = start + 4;
    const after = text.slice(end, end + CONTEXT_CHARACTERS);
    const before = lineBefore(text, start);

    if (/^s(?![\p{L}\p{N}])/u.test(after) && year % 10 === 0) {
      // decade: "the 1990s", "the early 2000s".
      const prefix = DECADE_PREFIX_BEFORE.exec(before)?.[0] ?? '';
      add(start - prefix.length, end + 1, {
        precision: 'range',
        date: formatYear(year),
        dateEnd: formatYear(year + 9),
        ruleId: 'time-words:decade',
        explanation: `is the decade ${year} to ${year + 9}`,
        firstDay: { year, month: 1, day: 1 },
      });
      continue;
    }

    // year-range: "2019-2021", "2019–21"; "between 2019 and 2021", "from 2019 to 2021".
    const dash = DASH_RANGE_AFTER.exec(after);
    const opener = words.rangeOpenerBefore.exec(before);
    const worded = opener ? words.yearRangeAfter.exec(after) : null;
    const range = dash ?? worded;
    if (range) {
      const written = range[1]!;
      const last =
        written.length === 2 ? Math.floor(year / 100) * 100 + Number(written) : Number(written);
      const span = last - year;
      if (span > 0 && span <= (written.length === 2 ? MAX_SHORT_RANGE_YEARS : MAX_RANGE_YEARS)) {
        consumedUntil = end + range[0].length;
        add(start - (worded ? opener![0].length : 0), consumedUntil, {
          precision: 'range',
          date: formatYear(year),
          dateEnd: formatYear(last),
          ruleId: 'time-words:year-range',
          explanation: `runs from ${year} to ${last}`,
          firstDay: { year, month: 1, day: 1 },
        });
        continue;
      }
    }

    // A year in a year's place: after a preposition or qualifier, or between a determiner and a
    // noun; not counting things ("in 2000 cases") and not part of a longer number or a date.
    if (NOT_A_YEAR_AFTER.test(after) || words.countNounAfter.test(after)) continue;
    let ruleId: string;
    if (words.dateContextBefore.test(before)) ruleId = 'time-words:year-after-preposition';
    else if (words.determinerBefore.test(before) && /^\s+\p{L}/u.test(after))
      ruleId = 'time-words:year-as-modifier';
    else continue;
    add(start, end, {
      precision: 'year',
      date: match[0],
      ruleId,
      explanation: 'names the year',
      firstDay: { year, month: 1, day: 1 },
    });
  }
  return candidates;
}

function phraseResolution(
  ruleId: string,
  phrase: string,
  reference: CalendarDay | undefined,
): Resolution | undefined {
  switch (ruleId) {
    case 'past-weekend':
      return weekend(reference, 'past');
    case 'coming-weekend':
      return weekend(reference, 'next');
    case 'last-week':
      return week(reference, -1, ruleId, phrase);
    case 'this-week':
      return week(reference, 0, ruleId, phrase);
    case 'next-week':
      return week(reference, 1, ruleId, phrase);
    case 'relative-to-event':
      return relativeToEvent();
    default:
      // not-a-date, weekday-as-name: found only to keep chrono from dating them.
      return undefined;
  }
}

function weekend(reference: CalendarDay | undefined, which: 'past' | 'next'): Resolution {
  const ruleId = which === 'past' ? 'time-words:past-weekend' : 'time-words:coming-weekend';
  if (!reference) return unresolved(ruleId, NO_REFERENCE);
  const weekday = weekdayOf(reference);
  // On a weekend day both readings are the weekend under way.
  let saturday: CalendarDay;
  if (weekday === 6) saturday = reference;
  else if (weekday === 0) saturday = addDays(reference, -1);
  else
    saturday =
      which === 'past' ? addDays(reference, -(weekday + 1)) : addDays(reference, 6 - weekday);
  return {
    precision: 'range',
    date: formatDay(saturday),
    dateEnd: formatDay(addDays(saturday, 1)),
    ruleId,
    explanation: `${againstPublished(reference)}: the Saturday and Sunday ${which === 'past' ? 'before it' : 'after it'}`,
    firstDay: saturday,
  };
}

function week(
  reference: CalendarDay | undefined,
  offset: number,
  rule: string,
  phrase: string,
): Resolution {
  const ruleId = `time-words:${rule}`;
  if (!reference) return unresolved(ruleId, NO_REFERENCE);
  let first = addDays(mondayOf(reference), 7 * offset);
  let last = addDays(first, 6);
  // "earlier this week" has happened by the published day; "later this week" has not.
  const lower = phrase.toLowerCase();
  if (lower.startsWith('earlier')) last = reference;
  if (lower.startsWith('later')) first = reference;
  const which = offset < 0 ? 'the week before' : offset > 0 ? 'the week after' : 'the week of';
  return {
    precision: 'range',
    date: formatDay(first),
    dateEnd: formatDay(last),
    ruleId,
    explanation: `${againstPublished(reference)}: ${which} it, Monday to Sunday`,
    firstDay: first,
  };
}

function relativeToEvent(): Resolution {
  return unresolved(
    'time-words:relative-to-event',
    'counts from another event, not from the published date',
  );
}

function vague(): Resolution {
  return unresolved('time-words:vague-ago', 'says some time back, not when: not counted back');
}

// ---------------------------------------------------------------------------------------------
// chrono-node's readings, checked

function chronoCandidates(
  text: string,
  reference: CalendarDay | undefined,
  words: TimeWords,
): Candidate[] {
  const anchor = reference ?? PLACEHOLDER_REFERENCE;
  const instant = new Date(Date.UTC(anchor.year, anchor.month - 1, anchor.day, 12));
  const results = casual.parse(text, { instant, timezone: 0 }, { forwardDate: false });
  const candidates: Candidate[] = [];
  for (const result of results) {
    const candidate = readChronoResult(text, result, reference, words);
    if (candidate) candidates.push(candidate);
  }
  return candidates;
}

function readChronoResult(
  text: string,
  result: ParsedResult,
  reference: CalendarDay | undefined,
  words: TimeWords,
): Candidate | undefined {
  const start = result.index;
  // chrono takes in a trailing comma or space ("Tuesday,") and a dangling "of" ("January of").
  const written = result.text.replace(/(?:\s+of)?[\s,;:]*$/i, '');
  let span: Candidate = { start, end: start + written.length, fromRule: false };
  const lower = written.toLowerCase();
  const tags = result.tags();
  if (words.notADate.has(lower)) return undefined;
  // month-name-needs-context: "by 2100 may rise" is no May.
  const monthWord = MONTH_WORD.exec(written);
  if (monthWord && !/^\p{Lu}/u.test(monthWord[0])) return undefined;
  if (tags.has('result/relativeDate')) {
    const resolution = readRelative(text, result, reference);
    return resolution ? { ...span, resolution } : undefined;
  }
  if (tags.has('parser/ENCasualDateParser')) {
    // date-word-in-name: a capital inside a sentence is a name ("USA Today", "the Today show").
    if (/^\p{Lu}/u.test(written) && !atSentenceStart(lineBefore(text, start))) return undefined;
    // "today", "yesterday", "tonight", "last night": days counted from the published one.
    const resolution = reference
      ? fromCountedComponents(result.start, reference)
      : unresolved('chrono', NO_REFERENCE);
    return { ...span, resolution };
  }
  if (result.end) return readChronoRange(result, reference, span);

  // "the end of December": the month, not its last day.
  const endOfPeriod = tags.has('refiner/ENEndOfPeriodRefiner');
  let stated = statedOf(result.start, endOfPeriod);
  // chrono reads a number after a month as a two-digit year ("in December, 64 percent").
  const strayNumber = /[,\s]+\d{1,2}$/.exec(written);
  if (strayNumber && stated.year !== undefined && !/\d{4}|['’]\d{2}\b/.test(written)) {
    const { year: _strayYear, ...withoutYear } = stated;
    stated = withoutYear;
    span = { ...span, end: start + strayNumber.index };
  }
  const before = lineBefore(text, start);
  const after = text.slice(span.end, span.end + CONTEXT_CHARACTERS);
  const { year, month, day, weekday } = stated;
  if (year !== undefined) {
    // A year chrono did not read in the text ("this year", "this month") is counted from the reference.
    if (/\d{4}|['’/]\d{2}\b/.test(written)) {
      return { ...span, stated, resolution: resolveStatedDate(stated, reference) };
    }
    const resolution = reference
      ? fromCountedComponents(result.start, reference)
      : unresolved('chrono', NO_REFERENCE);
    return { ...span, resolution };
  }
  if (month !== undefined && day !== undefined) {
    if (tags.has('parser/SlashDateFormatParser')) return undefined; // numeric-date-needs-year
    const usedAsName =
      words.determinerBefore.test(before) ||
      (!words.dateContextBefore.test(before) && startsWithContentWord(after));
    if (usedAsName) {
      return {
        ...span,
        resolution: unresolved(
          'time-words:month-day-as-name',
          'names an event, not when this sentence happened: the year is not guessed',
        ),
      };
    }
    return { ...span, stated, resolution: resolveStatedDate(stated, reference) };
  }
  if (month !== undefined) {
    // month-name-needs-context: a preposition, qualifier or direction before it.
    if (!endOfPeriod && !words.dateContextBefore.test(before) && !/^['’]s\b/.test(after))
      return undefined;
    const withDirection = { ...stated, ...directionOf(before, words) };
    return {
      ...span,
      stated: withDirection,
      resolution: resolveStatedDate(withDirection, reference),
    };
  }
  if (weekday !== undefined) {
    const name = /(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day/.exec(result.text);
    if (!name) return undefined; // weekday-as-name: "Sat", "Sun", "wed" are words too
    const lead = before + result.text.slice(0, name.index);
    if (weekdayInName(lead, after)) return undefined;
    const withDirection = { ...stated, ...directionOf(lead, words) };
    return {
      ...span,
      stated: withDirection,
      resolution: resolveStatedDate(withDirection, reference),
    };
  }
  if (tags.has('parser/ENCasualTimeParser') && /^(?:this|tonight)\b/.test(lower)) {
    // "this morning", "this evening": the published day.
    if (!reference) return { ...span, resolution: unresolved('chrono', NO_REFERENCE) };
    return {
      ...span,
      resolution: {
        precision: 'day',
        date: formatDay(reference),
        ruleId: 'chrono',
        explanation: `${againstPublished(reference)}: the published day`,
        firstDay: reference,
      },
    };
  }
  // time-only: a clock time with no day.
  return undefined;
}

/** chrono's relative dates: "two days ago" and "last month" count; spans of time do not. */
function readRelative(
  text: string,
  result: ParsedResult,
  reference: CalendarDay | undefined,
): Resolution | undefined {
  const lower = result.text.toLowerCase().replace(/\s+/g, ' ');
  if (/\b(?:later|earlier|before|after|prior)$/.test(lower)) return relativeToEvent();
  if (/\bago$/.test(lower)) {
    if (!reference) return unresolved('chrono', NO_REFERENCE);
    return fromCountedComponents(result.start, reference);
  }
  const unit = /^(?:last|next|this) (day|week|month|year|quarter)$/.exec(lower);
  // "the last year" and "the next month" are spans ("over the last year"); "next day" counts
  // from another event.
  if (!unit || /\bthe\s+$/i.test(lineBefore(text, result.index))) return undefined;
  if (unit[1] === 'day') return relativeToEvent();
  if (!reference) return unresolved('chrono', NO_REFERENCE);
  return fromCountedComponents(result.start, reference);
}

/** A date chrono counted from the reference: as precise as the parts it is certain of. */
function fromCountedComponents(components: ParsedComponents, reference: CalendarDay): Resolution {
  const year = components.get('year') ?? reference.year;
  const stated: StatedDate = {
    year,
    ...(components.isCertain('month') ? { month: components.get('month')! } : {}),
    ...(components.isCertain('day') && components.isCertain('month')
      ? { day: components.get('day')! }
      : {}),
  };
  const resolution = resolveStatedDate(stated, reference);
  return { ...resolution, explanation: `${againstPublished(reference)}: counted from it` };
}

function readChronoRange(
  result: ParsedResult,
  reference: CalendarDay | undefined,
  span: Candidate,
): Candidate | undefined {
  const first = statedOf(result.start);
  const last = statedOf(result.end!);
  const hasDate = (stated: StatedDate): boolean =>
    stated.year !== undefined || stated.month !== undefined || stated.weekday !== undefined;
  if (!hasDate(first) || !hasDate(last)) return undefined; // "from 9 a.m. to 5 p.m."
  return { ...span, resolution: resolveRange(first, last, reference, 'chrono') };
}

/** A range's two ends: a missing year is taken from the other end, the end placed after the start. */
function resolveRange(
  first: StatedDate,
  last: StatedDate,
  reference: CalendarDay | undefined,
  ruleId: string,
): Resolution {
  let start = first;
  if (start.year === undefined && last.year !== undefined && start.month !== undefined) {
    const later =
      start.month > (last.month ?? 12) ||
      (start.month === last.month && (start.day ?? 1) > (last.day ?? 31));
    start = { ...start, year: later ? last.year - 1 : last.year };
  }
  const startResolution = resolveStatedDate(start, reference);
  if (!startResolution.firstDay) return joinRange(startResolution, startResolution, ruleId);
  const endResolution = resolveStatedDate(
    last,
    reference,
    last.year === undefined ? startResolution.firstDay : undefined,
  );
  return joinRange(startResolution, endResolution, ruleId);
}

/** Month names and chrono's abbreviations of them, to check how a reading wrote its month. */
const MONTH_WORD =
  /(?<![\p{L}])(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![\p{L}])/iu;

function statedOf(components: ParsedComponents, monthOnly = false): StatedDate {
  const certain = (component: 'year' | 'month' | 'day' | 'weekday'): number | undefined =>
    components.isCertain(component) ? (components.get(component) ?? undefined) : undefined;
  const year = certain('year');
  const month = certain('month');
  const day = monthOnly ? undefined : certain('day');
  const weekday = certain('weekday');
  return {
    ...(year !== undefined ? { year } : {}),
    ...(month !== undefined ? { month } : {}),
    ...(day !== undefined ? { day } : {}),
    ...(weekday !== undefined ? { weekday } : {}),
  };
}

function directionOf(before: string, words: TimeWords): Pick<StatedDate, 'direction'> {
  const match = words.directionBefore.exec(before);
  const direction = match ? words.directionOf(match[1]!) : undefined;
  if (direction) return { direction };
  // future-tense: "are due to meet on Thursday" is the Thursday to come.
  return words.futureBefore.test(before) ? { direction: 'next' } : {};
}

/** weekday-as-name: between "the" and a capitalised word ("the Sunday Telegraph"). */
function weekdayInName(before: string, after: string): boolean {
  return /\bthe\s+$/i.test(before) && /^\s+\p{Lu}/u.test(after);
}

/** Whether `before` (the text up to a word on its line) ends a sentence or is empty. */
function atSentenceStart(before: string): boolean {
  return /(?:^|[.!?:;"“”‘’—–(])\s*$/u.test(before);
}

/** Whether the text goes on with a lower-case word that is not a function word ("massacre"). */
function startsWithContentWord(after: string): boolean {
  const next = /^\s+(\p{Ll}[\p{L}-]*)/u.exec(after);
  return !!next && !FUNCTION_WORDS.has(next[1]!);
}

/** Words that may follow an adverbial date ("on Jan. 15 the committee …"): not a noun it names. */
const FUNCTION_WORDS = new Set([
  'a',
  'after',
  'an',
  'and',
  'as',
  'at',
  'before',
  'but',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'since',
  'that',
  'the',
  'to',
  'until',
  'when',
  'where',
  'which',
  'while',
  'with',
  'he',
  'she',
  'it',
  'they',
  'we',
  'was',
  'were',
  'is',
  'are',
  'had',
  'has',
  'have',
  'will',
  'would',
]);

// ---------------------------------------------------------------------------------------------
// Overlaps, ranges and spans

/** The longest expression wins an overlap; on a tie a rule wins over chrono (it knows the case). */
function chooseNonOverlapping(candidates: readonly Candidate[]): Candidate[] {
  const ordered = [...candidates].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      Number(b.fromRule) - Number(a.fromRule) ||
      a.start - b.start,
  );
  const chosen: Candidate[] = [];
  for (const candidate of ordered) {
    if (!chosen.some((other) => candidate.start < other.end && other.start < candidate.end))
      chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/**
 * Two chrono dates made one: a range ("between March and May 2024", "from Monday until
 * Wednesday"), or a month and the year it is "of" ("January of last year").
 */
function joinAdjacentDates(
  text: string,
  candidates: readonly Candidate[],
  reference: CalendarDay | undefined,
  words: TimeWords,
): Candidate[] {
  const joined: Candidate[] = [];
  for (let index = 0; index < candidates.length; index++) {
    const first = candidates[index]!;
    const last = candidates[index + 1];
    if (
      last &&
      first.stated &&
      last.stated &&
      words.rangeOpenerBefore.test(lineBefore(text, first.start)) &&
      words.rangeConnector.test(text.slice(first.end, last.start))
    ) {
      joined.push({
        start: first.start,
        end: last.end,
        fromRule: true,
        resolution: resolveRange(first.stated, last.stated, reference, 'time-words:range'),
      });
      index++;
    } else if (last && first.stated && isBareMonth(first.stated) && yearOf(last)) {
      if (!/^\s+of\s+$/i.test(text.slice(first.end, last.start))) {
        joined.push(first);
        continue;
      }
      const year = yearOf(last)!;
      joined.push({
        start: first.start,
        end: last.end,
        fromRule: false,
        resolution: {
          precision: 'month',
          date: formatMonth(year, first.stated.month!),
          ruleId: 'chrono',
          explanation: `is a month of ${year} (${last.resolution!.explanation})`,
          firstDay: { year, month: first.stated.month!, day: 1 },
        },
      });
      index++;
    } else {
      joined.push(first);
    }
  }
  return joined;
}

function isBareMonth(stated: StatedDate): boolean {
  return stated.month !== undefined && stated.year === undefined && stated.day === undefined;
}

/** The year a candidate resolved to, when it is just a year ("last year", "2016"). */
function yearOf(candidate: Candidate): number | undefined {
  const { precision, date } = candidate.resolution ?? {};
  return precision === 'year' && date ? Number(date) : undefined;
}

/** The start of an expression with its preposition, qualifier and direction ("since late"). */
function extendedStart(
  text: string,
  { start, end }: TextRange,
  notBefore: number,
  words: TimeWords,
): number {
  // "in last night's debate": the preposition belongs to the noun the date modifies.
  if (/^['’]s(?![\p{L}])/u.test(text.slice(end, end + 3))) return start;
  const before = lineBefore(text, start);
  const match = words.openerBefore.exec(before);
  if (!match?.[0] || start - match[0].length < notBefore) return start;
  return start - match[0].length;
}

/** The text before `start` on its line, up to CONTEXT_CHARACTERS long. */
function lineBefore(text: string, start: number): string {
  const from = Math.max(0, start - CONTEXT_CHARACTERS, text.lastIndexOf('\n', start - 1) + 1);
  return text.slice(from, start);
}
