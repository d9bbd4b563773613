import type { ArticleRange, Conflict, Story } from '../model/story.js';
import {
  describePeriod,
  intersectPeriods,
  titleConstraints,
  withinPeriods,
  type Period,
  type TitleConstraint,
} from './office-holders.js';

/**
 * Stale and recycled reports, as conflicts. Judged only from the articles given and the shipped
 * office-holder table, never by looking anything up:
 *  - `stale`, by titles: the officials' titles an article uses ("U.S. Secretary of State Antony
 *    Blinken") place it in a period that excludes its own date, or that no other report's titles
 *    or dates share;
 *  - `stale`, by date: the article is dated more than STALE_AFTER_DAYS before the newest report;
 *  - `recycled`: the article shares long runs of text with another published on a different day
 *    (or either is undated), so one is a recycled copy of the other.
 */
export const STALE_AFTER_DAYS = 30;
/** Copies published this many days apart or fewer are syndication, not recycling. */
const SYNDICATION_DAYS = 1;
const DAY_MS = 86_400_000;

interface TitledPeriod {
  readonly periods: readonly Period[];
  readonly constraints: readonly {
    constraint: TitleConstraint;
    label: ArticleRange;
    text: string;
  }[];
}

export function findStaleness(story: Story): Conflict[] {
  const conflicts: Omit<Conflict, 'id'>[] = [];
  const days = new Map(
    story.articles.map((article) => [article.id, isoDay(article.metadata.published)]),
  );
  const titled = titledPeriods(story);
  /** Articles already stale by their titles: one stale finding per article. */
  const staleByTitles = new Set<string>();

  for (const article of story.articles) {
    const own = titled.get(article.id);
    if (!own) continue;
    const day = days.get(article.id);
    const titles = own.constraints
      .map(({ text, constraint }) => `“${text} ${constraint.holder}” (${termsOf(constraint)})`)
      .join(', ');
    const evidence = own.constraints.map(({ label }) => label);
    if (own.periods.length === 0) {
      staleByTitles.add(article.id);
      conflicts.push({
        kind: 'stale',
        summary: `${article.id}: its titles ${titles} cannot all be true at any one time`,
        evidence,
        claims: [],
        ruleId: 'titles-inconsistent',
        reason: 'the office-holder table has no day on which every title the article gives holds',
      });
      continue;
    }
    const ownDateOff = day !== undefined && !withinPeriods(day, own.periods);
    // Against the other reports: their titles, or else their dates.
    const others = story.articles.filter((other) => other.id !== article.id);
    const disagreeing = others.filter((other) => {
      const theirs = titled.get(other.id)?.periods;
      const theirDay = days.get(other.id);
      if (theirs) return intersectPeriods(own.periods, theirs).length === 0;
      return theirDay !== undefined && !withinPeriods(theirDay, own.periods);
    });
    const comparable = others.filter((other) => titled.has(other.id) || days.get(other.id));
    // A report whose titles fit its own date and which is the newest is the current one: the
    // others are out of step with it, not it with them.
    const newestAndConsistent =
      day !== undefined &&
      !ownDateOff &&
      others.every((other) => (days.get(other.id) ?? '') <= day);
    const againstOthers =
      !newestAndConsistent && comparable.length > 0 && disagreeing.length === comparable.length;
    if (!ownDateOff && !againstOthers) continue;
    staleByTitles.add(article.id);
    const period = own.periods.map(describePeriod).join(' or ');
    let summary = ownDateOff
      ? `${article.id} is dated ${day}, but its titles ${titles} place it ${period}`
      : `${article.id}'s titles ${titles} place it ${period}`;
    if (againstOthers) {
      summary += `, a period no other report shares (${disagreeing.map((other) => other.id).join(', ')})`;
    }
    // Of the other reports' titles, the ones that exclude this article's period ("U.S. President"
    // for Trump), not every title they give ("Russian President" for Putin fits both periods).
    const otherEvidence = againstOthers
      ? disagreeing.flatMap((other) =>
          (titled.get(other.id)?.constraints ?? [])
            .filter(
              ({ constraint }) => intersectPeriods(own.periods, constraint.periods).length === 0,
            )
            .map(({ label }) => label),
        )
      : [];
    conflicts.push({
      kind: 'stale',
      summary,
      evidence: [...evidence, ...otherEvidence],
      claims: [],
      ruleId: ownDateOff ? 'titles-vs-own-date' : 'titles-vs-other-reports',
      reason: ownDateOff
        ? 'the officials’ titles, checked against the office-holder table, exclude the article’s own date'
        : 'the officials’ titles place the article in a period that excludes every other report’s titles or date',
    });
  }

  const dated = [...days.entries()].filter((entry): entry is [string, string] => !!entry[1]);
  const newest = dated.reduce<string | undefined>(
    (latest, [, day]) => (!latest || day > latest ? day : latest),
    undefined,
  );
  for (const [id, day] of dated) {
    if (!newest || daysBetween(day, newest) <= STALE_AFTER_DAYS) continue;
    if (staleByTitles.has(id)) continue;
    const newer = dated.filter(
      ([other, otherDay]) => other !== id && daysBetween(day, otherDay) > STALE_AFTER_DAYS,
    );
    conflicts.push({
      kind: 'stale',
      summary: `${id} is dated ${day}, ${daysBetween(day, newest)} days before the newest report (${newest}: ${newer.map(([other]) => other).join(', ')})`,
      evidence: [headlineOrFirstSentence(story, id)],
      claims: [],
      ruleId: 'date-before-others',
      reason: `published more than ${STALE_AFTER_DAYS} days before the other reports: an older report of an earlier event, or one passed off as current`,
    });
  }

  for (const copy of story.copies) {
    const [dayA, dayB] = [days.get(copy.a), days.get(copy.b)];
    if (dayA && dayB && daysBetween(dayA, dayB) <= SYNDICATION_DAYS) continue;
    const [older, newer] = dayA && dayB && dayB < dayA ? [copy.b, copy.a] : [copy.a, copy.b];
    const when =
      dayA && dayB
        ? `${daysBetween(dayA, dayB)} days apart (${days.get(older)} and ${days.get(newer)})`
        : 'with at least one of them undated';
    conflicts.push({
      kind: 'recycled',
      summary: `${newer} shares ${Math.round(copy.share * 100)}% of its text with ${older}, published ${when}: a recycled copy`,
      evidence: [
        { article: copy.a, ...copy.spanA },
        { article: copy.b, ...copy.spanB },
      ],
      claims: [],
      ruleId: 'shared-text-across-dates',
      reason:
        'long runs of identical text (eight-word shingles) in articles published on different days',
    });
  }

  const offset = story.conflicts.length;
  return conflicts.map((conflict, index) => ({ id: `x${offset + index + 1}`, ...conflict }));
}

/** Per article, the periods its officials' titles allow, and the titles behind them. */
function titledPeriods(story: Story): Map<string, TitledPeriod> {
  const names = new Map(
    story.entities.map((entity) => [entity.id, [entity.name, ...entity.aliases]]),
  );
  const result = new Map<string, TitledPeriod>();
  for (const label of story.labels) {
    if (label.how !== 'title' || label.removed) continue;
    const article = story.article(label.article);
    if (!article) continue;
    const text = article.slice(label.span);
    for (const constraint of titleConstraints(text, names.get(label.entity) ?? [])) {
      const found = result.get(label.article);
      result.set(label.article, {
        periods: found ? intersectPeriods(found.periods, constraint.periods) : constraint.periods,
        constraints: [...(found?.constraints ?? []), { constraint, label: label.span, text }],
      });
    }
  }
  return result;
}

function termsOf(constraint: TitleConstraint): string {
  const terms = constraint.terms.map((term) => describePeriod(term)).join(', ');
  return constraint.former ? `not in office: held it ${terms}` : `in office ${terms}`;
}

function isoDay(value: string | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;
}

function daysBetween(a: string, b: string): number {
  return Math.round(Math.abs(Date.parse(b) - Date.parse(a)) / DAY_MS);
}

/** The article's headline when it has one, else its first sentence, as the evidence of its date. */
function headlineOrFirstSentence(story: Story, id: string): ArticleRange {
  const article = story.article(id)!;
  const headline = article.hasLayer('headings')
    ? article.layer('headings').find((heading) => heading.kind === 'headline')
    : undefined;
  const sentence = article.hasLayer('sentences') ? article.layer('sentences')[0] : undefined;
  const range = headline ?? sentence ?? { start: 0, end: Math.min(article.text.length, 200) };
  return { article: id, start: range.start, end: range.end };
}
