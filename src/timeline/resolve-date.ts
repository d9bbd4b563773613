import type { DatePrecision } from '../model/story.js';
import {
  addDays,
  compareDays,
  formatDay,
  formatMonth,
  formatYear,
  isRealDay,
  mondayOf,
  weekdayOf,
  WEEKDAY_NAMES,
  type CalendarDay,
} from './calendar.js';
import type { Direction } from './time-words.js';

/** What a time expression states, before it is placed on the calendar. */
export interface StatedDate {
  readonly year?: number;
  readonly month?: number;
  readonly day?: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday?: number;
  /** "last Tuesday", "next March", "this Friday". */
  readonly direction?: Direction;
}

/** Where an expression lands: a date as far as it is known, or unresolved, with why. */
export interface Resolution {
  readonly precision: DatePrecision;
  readonly date?: string;
  readonly dateEnd?: string;
  /** The rule that decided it: `chrono` or `time-words:<id>`. */
  readonly ruleId: string;
  /** Said after the quoted expression: "resolved against published 2026-01-20 (…)". */
  readonly explanation: string;
  /** The first day it covers, for placing a range's end after its start. */
  readonly firstDay?: CalendarDay;
}

export const NO_REFERENCE = 'needs a published date, and the article has none (no --date)';

export function unresolved(ruleId: string, explanation: string): Resolution {
  return { precision: 'unresolved', ruleId, explanation };
}

export function againstPublished(reference: CalendarDay): string {
  return `resolved against published ${formatDay(reference)}`;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Places a stated date on the calendar. A written year stands on its own; a month, month-day or
 * weekday without one is resolved against the published date as news copy uses them (the latest
 * such day or month, looking back), or against `notBefore` when it ends a range. A month-day is
 * never moved into another year than the published one on a guess.
 */
export function resolveStatedDate(
  stated: StatedDate,
  reference: CalendarDay | undefined,
  notBefore?: CalendarDay,
): Resolution {
  const { year, month, day, weekday } = stated;
  if (year !== undefined) return resolveWithYear(year, month, day);
  if (month !== undefined && day !== undefined)
    return resolveMonthDay(month, day, weekday, reference, notBefore);
  if (month !== undefined) return resolveBareMonth(month, stated.direction, reference, notBefore);
  if (weekday !== undefined) return resolveWeekday(weekday, stated.direction, reference, notBefore);
  return unresolved('chrono', 'names no day, month or year');
}

function resolveWithYear(year: number, month?: number, day?: number): Resolution {
  if (month !== undefined && day !== undefined) {
    const first = { year, month, day };
    if (!isRealDay(first)) return unresolved('chrono', 'is not a day of the calendar');
    return {
      precision: 'day',
      date: formatDay(first),
      ruleId: 'chrono',
      explanation: 'names the day',
      firstDay: first,
    };
  }
  if (month !== undefined) {
    return {
      precision: 'month',
      date: formatMonth(year, month),
      ruleId: 'chrono',
      explanation: 'names the month',
      firstDay: { year, month, day: 1 },
    };
  }
  return {
    precision: 'year',
    date: formatYear(year),
    ruleId: 'chrono',
    explanation: 'names the year',
    firstDay: { year, month: 1, day: 1 },
  };
}

const MONTH_DAY_RULE = 'time-words:month-day-without-year';

function resolveMonthDay(
  month: number,
  day: number,
  weekday: number | undefined,
  reference: CalendarDay | undefined,
  notBefore: CalendarDay | undefined,
): Resolution {
  const named = `${MONTH_NAMES[month - 1]} ${day}`;
  if (notBefore) {
    // The end of a range whose start has a year: the first such day on or after the start.
    let candidate = { year: notBefore.year, month, day };
    if (compareDays(candidate, notBefore) < 0)
      candidate = { ...candidate, year: notBefore.year + 1 };
    if (!isRealDay(candidate)) return unresolved(MONTH_DAY_RULE, 'is not a day of the calendar');
    return {
      precision: 'day',
      date: formatDay(candidate),
      ruleId: MONTH_DAY_RULE,
      explanation: `ends the range after ${formatDay(notBefore)}`,
      firstDay: candidate,
    };
  }
  if (!reference) return unresolved(MONTH_DAY_RULE, `has no year and ${NO_REFERENCE}`);
  const thisYear = { year: reference.year, month, day };
  const latest =
    compareDays(thisYear, reference) <= 0 ? thisYear : { ...thisYear, year: reference.year - 1 };
  if (!isRealDay(latest)) return unresolved(MONTH_DAY_RULE, 'is not a day of the calendar');
  if (weekday !== undefined) {
    // The latest one is at most a year back; a stated weekday that matches it confirms the year.
    if (weekdayOf(latest) === weekday) {
      return {
        precision: 'day',
        date: formatDay(latest),
        ruleId: MONTH_DAY_RULE,
        explanation: `${againstPublished(reference)}: the latest ${named}, a ${WEEKDAY_NAMES[weekday]} as stated`,
        firstDay: latest,
      };
    }
    return unresolved(
      MONTH_DAY_RULE,
      `has no year, and the latest ${named} before published ${formatDay(reference)} is not a ${WEEKDAY_NAMES[weekday]}: not guessed`,
    );
  }
  if (latest.year === reference.year) {
    return {
      precision: 'day',
      date: formatDay(latest),
      ruleId: MONTH_DAY_RULE,
      explanation: `${againstPublished(reference)}: ${named} of the published year, on or before it`,
      firstDay: latest,
    };
  }
  // Only a month-day later in the published year gets here: the latest one is a year or more back.
  return unresolved(
    MONTH_DAY_RULE,
    `has no year, and ${named} comes after published ${formatDay(reference)} in its year: the year is not guessed`,
  );
}

const BARE_MONTH_RULE = 'time-words:bare-month';

function resolveBareMonth(
  month: number,
  direction: Direction | undefined,
  reference: CalendarDay | undefined,
  notBefore: CalendarDay | undefined,
): Resolution {
  const name = MONTH_NAMES[month - 1]!;
  let year: number;
  let explanation: string;
  if (notBefore) {
    year = month >= notBefore.month ? notBefore.year : notBefore.year + 1;
    explanation = `ends the range after ${formatMonth(notBefore.year, notBefore.month)}`;
  } else if (!reference) {
    return unresolved(BARE_MONTH_RULE, `has no year and ${NO_REFERENCE}`);
  } else if (direction === 'next') {
    year = month > reference.month ? reference.year : reference.year + 1;
    explanation = `${againstPublished(reference)}: the first ${name} after its month`;
  } else if (direction === 'current') {
    year = reference.year;
    explanation = `${againstPublished(reference)}: ${name} of the published year`;
  } else if (direction === 'past') {
    year = month < reference.month ? reference.year : reference.year - 1;
    explanation = `${againstPublished(reference)}: the latest ${name} before its month`;
  } else {
    year = month <= reference.month ? reference.year : reference.year - 1;
    explanation = `${againstPublished(reference)}: the latest ${name} at or before its month`;
  }
  return {
    precision: 'month',
    date: formatMonth(year, month),
    ruleId: BARE_MONTH_RULE,
    explanation,
    firstDay: { year, month, day: 1 },
  };
}

const WEEKDAY_RULE = 'time-words:weekday';

function resolveWeekday(
  weekday: number,
  direction: Direction | undefined,
  reference: CalendarDay | undefined,
  notBefore: CalendarDay | undefined,
): Resolution {
  const name = WEEKDAY_NAMES[weekday]!;
  let day: CalendarDay;
  let explanation: string;
  if (notBefore) {
    day = addDays(notBefore, (weekday - weekdayOf(notBefore) + 7) % 7);
    explanation = `ends the range on the first ${name} from ${formatDay(notBefore)}`;
  } else if (!reference) {
    return unresolved(WEEKDAY_RULE, NO_REFERENCE);
  } else {
    const back = (weekdayOf(reference) - weekday + 7) % 7;
    if (direction === 'past') {
      day = addDays(reference, -(back || 7));
      explanation = `${againstPublished(reference)}: the latest ${name} before it`;
    } else if (direction === 'next') {
      day = addDays(reference, (weekday - weekdayOf(reference) + 7) % 7 || 7);
      explanation = `${againstPublished(reference)}: the first ${name} after it`;
    } else if (direction === 'current') {
      day = addDays(mondayOf(reference), (weekday + 6) % 7);
      explanation = `${againstPublished(reference)}: the ${name} of its week`;
    } else {
      day = addDays(reference, -back);
      explanation = `${againstPublished(reference)}: the latest ${name} on or before it`;
    }
  }
  return {
    precision: 'day',
    date: formatDay(day),
    ruleId: WEEKDAY_RULE,
    explanation,
    firstDay: day,
  };
}

/** Joins two resolved ends into one range; unresolved if either end is. */
export function joinRange(first: Resolution, last: Resolution, ruleId: string): Resolution {
  if (!first.date || !last.date) {
    return unresolved(
      ruleId,
      `joins two dates, and ${first.date ? 'its end' : 'its start'} is unresolved`,
    );
  }
  return {
    precision: 'range',
    date: first.date,
    dateEnd: last.dateEnd ?? last.date,
    ruleId,
    explanation: `runs from ${first.date} to ${last.dateEnd ?? last.date}`,
    ...(first.firstDay ? { firstDay: first.firstDay } : {}),
  };
}
