import type { DatePrecision, Story, TimelineEntry } from '../model/story.js';
import { periodStart } from './calendar.js';
import { findDates } from './find-dates.js';

/** Among entries that start on the same day, the coarser period first: it began no later. */
const PRECISION_ORDER: Readonly<Record<DatePrecision, number>> = {
  year: 0,
  month: 1,
  range: 2,
  day: 3,
  unresolved: 4,
};

/**
 * The story timeline: every article's dated events, oldest first (a range by its start, a month or
 * year at the start of its period), then the unresolved ones in article and text order.
 */
export function buildTimeline(story: Story): TimelineEntry[] {
  const articleOrder = new Map(story.articles.map((article, index) => [article.id, index]));
  const entries = story.articles.flatMap((article) => findDates(article));
  const position = (entry: TimelineEntry): number => articleOrder.get(entry.article) ?? 0;
  return entries.sort((a, b) => {
    if (!a.date || !b.date) return Number(!a.date) - Number(!b.date) || textOrder(a, b);
    const byStart = periodStart(a.date).localeCompare(periodStart(b.date));
    return (
      byStart || PRECISION_ORDER[a.precision] - PRECISION_ORDER[b.precision] || textOrder(a, b)
    );
  });

  function textOrder(a: TimelineEntry, b: TimelineEntry): number {
    return position(a) - position(b) || a.start - b.start;
  }
}
