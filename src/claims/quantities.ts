import { stem } from './claim-words.js';

/**
 * Numbers and dates stated in a claim, for the `number` and `date` conflict rules. A number keeps
 * the noun it counts ("43 vessels" → vessel) and its bounds ("more than 40" → (40, ∞)), so "more
 * than 40 ships" and "43 ships" agree while "30 ships" and "43 ships" do not.
 */
export interface Quantity {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  /** Stem of the counted noun (the next content word). */
  readonly unit: string;
  readonly start: number;
  readonly end: number;
}

const WORD_NUMBERS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  dozen: 12,
  dozens: 24,
  hundreds: 200,
  thousand: 1000,
  thousands: 2000,
};
const SCALE: Record<string, number> = { million: 1e6, billion: 1e9, thousand: 1e3 };
const LOWER = /(?:more than|over|at least|upwards of|in excess of|no fewer than)\s+$/i;
const UPPER = /(?:less than|fewer than|under|up to|at most|no more than)\s+$/i;
const ROUGH =
  /(?:about|around|nearly|almost|roughly|some|approximately|an estimated|close to)\s+$/i;
const SKIP_UNIT = new Set(['of', 'the', 'a', 'an', 'and', 'or', 'to', 'per', 'percent']);

const NUMBER =
  /(?<![\p{L}\p{N}.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|dozens?|hundreds?|thousands?)(?:\s+(million|billion|thousand))?(?:-|\s+)([\p{L}]+)(?:\s+([\p{L}]+))?/giu;

export function quantitiesOf(text: string, offset = 0): Quantity[] {
  const quantities: Quantity[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const raw = match[1]!.toLowerCase();
    let value = WORD_NUMBERS[raw] ?? Number(raw.replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    if (match[2]) value *= SCALE[match[2].toLowerCase()]!;
    // Years and times of day are dates, not counts.
    if (/^(19|20)\d\d$/.test(raw) && !match[2]) continue;
    let unitWord = match[3]!.toLowerCase();
    let end = match.index + match[0].length - (match[4] ? match[4].length + 1 : 0);
    if (SKIP_UNIT.has(unitWord) && match[4]) {
      unitWord = match[4].toLowerCase();
      end = match.index + match[0].length;
    }
    if (/^(a\.m|p\.m|am|pm|percent)$/.test(unitWord) && unitWord !== 'percent') continue;
    const before = text.slice(Math.max(0, match.index - 24), match.index);
    let [low, high] = [value, value];
    if (LOWER.test(before)) [low, high] = [value, Infinity];
    else if (UPPER.test(before)) [low, high] = [0, value];
    else if (ROUGH.test(before) || /s$/.test(raw)) [low, high] = [value * 0.85, value * 1.15];
    quantities.push({
      value,
      low,
      high,
      unit: stem(unitWord),
      start: offset + match.index,
      end: offset + end,
    });
  }
  return quantities;
}

/** Two counts of the same noun that cannot both be true. */
export function quantitiesDisagree(a: Quantity, b: Quantity): boolean {
  if (a.unit !== b.unit) return false;
  return a.high < b.low || b.high < a.low;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export interface DateMention {
  /** `weekday` (monday…), `month` (january…), or `year`. */
  readonly kind: 'weekday' | 'month' | 'year';
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** Weekday names, month names (full or "Oct."), and years a statement pins its event to. */
export function datesOf(text: string, offset = 0): DateMention[] {
  const dates: DateMention[] = [];
  for (const match of text.matchAll(/\b([A-Z][a-z]+)\.?|\b((?:19|20)\d\d)\b/g)) {
    const start = offset + match.index;
    const end = start + match[0].length;
    if (match[2]) {
      dates.push({ kind: 'year', value: match[2], start, end });
      continue;
    }
    const word = match[1]!.toLowerCase();
    if (WEEKDAYS.includes(word)) dates.push({ kind: 'weekday', value: word, start, end });
    const month = MONTHS.find(
      (name) =>
        name === word || (word.length >= 3 && name.startsWith(word) && match[0].endsWith('.')),
    );
    // "May" is also a verb: only "in May" / "May 3" count.
    if (
      month &&
      (month !== 'may' ||
        /^\s*\d/.test(text.slice(match.index + match[0].length)) ||
        /\bin\s+$/.test(text.slice(0, match.index)))
    ) {
      dates.push({ kind: 'month', value: month, start, end });
    }
  }
  return dates;
}
