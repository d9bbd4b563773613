import { readPackageJson } from '../model/package-files.js';

/** One term in office: `from` the first day in office, `to` the first day out (absent: still in). */
export interface OfficeTerm {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly from: string;
  readonly to?: string;
  readonly source: string;
  readonly checked: string;
}

export interface Office {
  readonly id: string;
  readonly office: string;
  readonly country: string;
  /** Words in a title that name this office ("secretary of state"); the person decides which country's. */
  readonly titles: readonly string[];
  readonly holders: readonly OfficeTerm[];
}

/** Half-open day intervals [from, to) as ISO dates; `to` absent means open-ended. */
export interface Period {
  readonly from: string;
  readonly to?: string;
}

/** What a title says about when a report was written. */
export interface TitleConstraint {
  readonly office: Office;
  readonly holder: string;
  /** "former": the report is from outside every term; otherwise from within one of them. */
  readonly former: boolean;
  /** The periods the report can be from, given this title. */
  readonly periods: readonly Period[];
  /** The holder's terms in this office, for the reader. */
  readonly terms: readonly OfficeTerm[];
}

interface OfficeHoldersFile {
  offices: Office[];
}

let shipped: readonly Office[] | undefined;

/** The office-holder table, read once from `lexicons/office-holders.json`. */
export function officeHolders(): readonly Office[] {
  shipped ??= readPackageJson<OfficeHoldersFile>('lexicons/office-holders.json').offices;
  return shipped;
}

/** Lower case, no accents, no dots, one space: "U.S. Secretary of State" → "us secretary of state". */
export function foldTitle(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.’']/g, '')
    .replace(/[-‐–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const FORMER = /\b(?:former|ex|onetime|one time|erstwhile|previous|then)\b/;
/** "then-Secretary of State" tells the reader the title is of its time: no constraint at all. */
const THEN = /\bthen\b/;

/**
 * What the title `title` given to the person named `names` (name and aliases) says about the
 * report's time, for every office in the table it matches; empty when it matches none.
 */
export function titleConstraints(
  title: string,
  names: readonly string[],
  offices: readonly Office[] = officeHolders(),
): TitleConstraint[] {
  const folded = ` ${foldTitle(title)} `;
  if (THEN.test(folded)) return [];
  const former = FORMER.test(folded);
  const personKeys = new Set(names.map(foldTitle));
  const constraints: TitleConstraint[] = [];
  for (const office of offices) {
    if (!office.titles.some((words) => folded.includes(` ${foldTitle(words)} `))) continue;
    const terms = office.holders.filter((term) =>
      [term.name, ...(term.aliases ?? [])].some((name) => personKeys.has(foldTitle(name))),
    );
    if (terms.length === 0) continue;
    const periods = former
      ? outsideTerms(terms)
      : terms.map(({ from, to }) => (to ? { from, to } : { from }));
    constraints.push({ office, holder: terms[0]!.name, former, periods, terms });
  }
  return constraints;
}

/** After the first term ended, and in none of them ("former Prime Minister"). */
function outsideTerms(terms: readonly OfficeTerm[]): Period[] {
  const sorted = [...terms].sort((a, b) => a.from.localeCompare(b.from));
  const periods: Period[] = [];
  for (let index = 0; index < sorted.length; index++) {
    const end = sorted[index]!.to;
    if (!end) break;
    const next = sorted[index + 1];
    periods.push(next ? { from: end, to: next.from } : { from: end });
  }
  return periods.filter((period) => !period.to || period.from < period.to);
}

/** The periods in both lists. */
export function intersectPeriods(a: readonly Period[], b: readonly Period[]): Period[] {
  const result: Period[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = x.from > y.from ? x.from : y.from;
      const to = !x.to ? y.to : !y.to ? x.to : x.to < y.to ? x.to : y.to;
      if (!to || from < to) result.push(to ? { from, to } : { from });
    }
  }
  return result;
}

/** Whether the ISO day `day` lies in one of `periods`. */
export function withinPeriods(day: string, periods: readonly Period[]): boolean {
  return periods.some((period) => period.from <= day && (!period.to || day < period.to));
}

/** "2021-01-26 to 2025-01-20", "since 2025-01-20". */
export function describePeriod(period: Period): string {
  return period.to ? `${period.from} to ${period.to}` : `since ${period.from}`;
}
