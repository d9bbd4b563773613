/**
 * The synthetic article stream behind the story-clustering benchmark (bench/cluster-stream.ts).
 *
 * Real events: every line of NeuS `train.source` and `val.source` (one event told by about three
 * outlets, title and lead each) and every BASIL triplet (one event told by three outlets, full
 * text; articles sharing a `triplet-uuid`). Synthetic events are laid along a timeline,
 * `eventsPerDay` to a simulated day, each at a random time of its day; each takes the next real
 * event of one shuffled deck, cycling, so a real event comes back only after the whole deck has
 * been dealt (about seven simulated days at 400 events a day: longer than the clusterer's window,
 * so two synthetic events told from the same real one never meet in it). A synthetic event has
 * 1 to `MAX_ARTICLES_PER_EVENT` articles, each a rewrite of one of the real event's articles in
 * turn: some sentences dropped (at least one kept), the rest reordered, words swapped for
 * synonyms or spelling variants of a small list, and a few capitalised names given a
 * transliteration-like spelling variant ("Muhammad" / "Mohammad"; only names of a real event's
 * own, found in at most two real events), sometimes a sentence of another outlet's article of the
 * event added, and a house style (headline case, quotes, dashes) drawn. So that content-hash
 * de-duplication would not collapse them, a rewrite whose hash matches an earlier article's is
 * redone (up to REWRITE_TRIES times; the bench counts what repeats remain). Its dates spread
 * over 1 to 3 days from the event's time. The stream delivers the
 * articles in `published` order, as a feed would, under ids `a0`, `a1`, … in that order; each
 * carries the index of its synthetic event, the known grouping.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readNeus } from '../src/claims/read-neus.js';
import { basilText, readBasilArticle } from '../src/framing/read-basil.js';
import { seededRandom } from '../src/stance/train-network.js';

/** One article of a real event: what a rewrite starts from. */
export interface RealArticle {
  readonly title: string;
  readonly text: string;
}

/** A real event: articles of several outlets known to tell it. */
export interface RealEvent {
  readonly source: string;
  readonly articles: readonly RealArticle[];
  /** Its names that rewrites may spell differently: see {@link withEventNames}. */
  readonly names: readonly string[];
}

/** One article of the synthetic stream. */
export interface SyntheticArticle {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** ISO date-time. */
  readonly published: string;
  /** Index of its synthetic event: the gold grouping. */
  readonly event: number;
}

export interface SyntheticStreamOptions {
  readonly articles: number;
  readonly eventsPerDay: number;
  readonly seed: number;
  /** Time (ms) of the first simulated day's start. */
  readonly start: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A synthetic event has 1 to this many articles (uniform): 4 on average, as in a busy feed. */
export const MAX_ARTICLES_PER_EVENT = 7;
/** An event's articles are dated over 1 to this many days from its time. */
const MAX_SPREAD_DAYS = 3;
/** Each sentence of a rewrite is dropped with this probability (at least one is kept). */
const DROP_SENTENCE = 0.25;
/** A rewrite adds one sentence of another outlet's article of the event with this probability. */
const BORROW_SENTENCE = 0.3;
/** Each pair of the swap list is applied to a rewrite with this probability. */
const SWAP_PAIR = 0.5;
/** Each distinct capitalised name of a rewrite gets a spelling variant with this probability. */
const VARY_NAME = 0.15;
/**
 * Only names found in at most this many real events are varied. A variant of a name many events
 * share ("Trump" → "Tromp") would be a rare word common to all of them and glue them together;
 * real spelling differences are those of a story's own, less known names.
 */
const MAX_EVENTS_OF_VARIED_NAME = 2;
/** Tries at a rewrite unlike every earlier one before keeping a repeat. */
const REWRITE_TRIES = 20;
/**
 * Slots of the table of content hashes the generator checks rewrites against: a fixed 2 MB
 * (load under 0.4 at 100,000 articles), so the stream's own memory does not grow with it.
 */
const HASH_TABLE_SLOTS = 1 << 18;
/** Past this load the table starts afresh: a longer stream then only avoids recent repeats. */
const HASH_TABLE_MAX_LOAD = 0.7;

/**
 * Synonyms and spelling variants, swapped either way (whole words, first letter's case kept):
 * the kind of difference two outlets' copies of one story show.
 */
const SWAPS: readonly (readonly [string, string])[] = [
  ['said', 'stated'],
  ['says', 'tells'],
  ['announced', 'declared'],
  ['killed', 'slain'],
  ['police', 'officers'],
  ['government', 'administration'],
  ['investigation', 'probe'],
  ['lawmakers', 'legislators'],
  ['attack', 'assault'],
  ['election', 'vote'],
  ['children', 'kids'],
  ['big', 'large'],
  ['percent', 'per cent'],
  ['defense', 'defence'],
  ['center', 'centre'],
  ['organization', 'organisation'],
  ['program', 'programme'],
  ['labor', 'labour'],
  ['favor', 'favour'],
  ['criticized', 'criticised'],
];

/**
 * Transliteration-like spelling changes, tried in turn on a name; the first that applies (past its
 * first letter) is used once: "Stephens" / "Stefens", "Muhammad" / "Mohammad".
 */
const NAME_VARIANTS: readonly (readonly [RegExp, string])[] = [
  [/(?<=.)ph/, 'f'],
  [/(?<=.)ck/, 'k'],
  [/(?<=.)sh/, 'sch'],
  [/(?<=.)ou/, 'u'],
  [/(?<=.)ei/, 'ai'],
  [/(?<=.)u/, 'o'],
  [/(?<=.)o/, 'u'],
  [/(?<=.)e/, 'a'],
];

/** A capitalised word of five letters or more: most are names. */
const NAME = /\b[A-Z][a-z]{4,}\b/g;
/** Every word of {@link SWAPS}, found once per text; a rewrite swaps only the pairs it drew. */
const SWAP_WORDS = new RegExp(`\\b(${SWAPS.flat().join('|')})\\b`, 'gi');
const SWAP_OF = new Map(SWAPS.flatMap(([a, b]) => [[a, b] as const, [b, a] as const]));
/** Headline styles: as written, Title Case (NYT), sentence case (AP). */
const HEADLINE_STYLES = 3;
/** Small words Title Case leaves in lower case. */
const TITLE_CASE_MINOR = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);
const SENTENCE_BREAK = /(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[A-Z0-9])/;

/** NeuS lines of `train.source` and `val.source`, then BASIL triplets, of those found. */
export function readRealEvents(dataDirectory: string): RealEvent[] {
  const events: RealEvent[] = [];
  for (const name of ['train.source', 'val.source']) {
    const path = join(dataDirectory, 'neus', name);
    if (!existsSync(path)) continue;
    for (const event of readNeus(path)) {
      const articles = event.snippets.filter((snippet) => snippet.text.trim());
      if (articles.length > 0) events.push({ source: 'neus', articles, names: [] });
    }
  }
  const basil = join(dataDirectory, 'basil', 'articles');
  if (existsSync(basil)) {
    const triplets = new Map<string, RealArticle[]>();
    for (const year of readdirSync(basil).sort()) {
      for (const file of readdirSync(join(basil, year)).sort()) {
        if (!file.endsWith('.json')) continue;
        const article = readBasilArticle(join(basil, year, file));
        const key = article.tripletUuid || article.stem;
        const articles = triplets.get(key) ?? [];
        articles.push({ title: article.title, text: basilText(article).text });
        triplets.set(key, articles);
      }
    }
    for (const articles of triplets.values()) events.push({ source: 'basil', articles, names: [] });
  }
  return withEventNames(events);
}

/** The events with their `names`: capitalised words found in no more than MAX_EVENTS_OF_VARIED_NAME events. */
export function withEventNames(events: readonly RealEvent[]): RealEvent[] {
  const namesOf = events.map(
    (event) =>
      new Set(
        event.articles.flatMap((article) => `${article.title} ${article.text}`.match(NAME) ?? []),
      ),
  );
  const eventsWith = new Map<string, number>();
  for (const names of namesOf) {
    for (const name of names) eventsWith.set(name, (eventsWith.get(name) ?? 0) + 1);
  }
  return events.map((event, index) => ({
    ...event,
    names: [...namesOf[index]!].filter(
      (name) => eventsWith.get(name)! <= MAX_EVENTS_OF_VARIED_NAME,
    ),
  }));
}

function matchCase(model: string, word: string): string {
  return model[0] === model[0]!.toUpperCase()
    ? word[0]!.toUpperCase() + word.slice(1)
    : word.toLowerCase();
}

/** A spelling variant of a name, or the name itself when no rule applies. */
export function nameVariant(name: string): string {
  for (const [pattern, replacement] of NAME_VARIANTS) {
    if (pattern.test(name)) return name.replace(pattern, replacement);
  }
  return name;
}

/** The word changes one rewrite makes, drawn once so its title and text agree. */
function drawChanges(names: readonly string[], random: () => number): (text: string) => string {
  const swapped = new Set<string>();
  for (const [a, b] of SWAPS) {
    if (random() < SWAP_PAIR) swapped.add(a).add(b);
  }
  const variants = new Map<string, string>();
  for (const name of names) {
    if (random() < VARY_NAME) variants.set(name, nameVariant(name));
  }
  return (text) => {
    let changed = text.replace(SWAP_WORDS, (word) => {
      const lower = word.toLowerCase();
      return swapped.has(lower) ? matchCase(word, SWAP_OF.get(lower)!) : word;
    });
    if (variants.size > 0) changed = changed.replace(NAME, (name) => variants.get(name) ?? name);
    return changed;
  };
}

/**
 * An outlet's house style, drawn per rewrite: headline capitalisation, straight or curly quotes,
 * dash spacing. Invisible to word-based similarity, but two rewrites that differ only in it are
 * still different texts to a content hash, as two outlets' copies of one wire story are.
 */
function houseStyle(random: () => number): {
  headline: (title: string, bodyText: string) => string;
  body: (text: string) => string;
} {
  const headlineStyle = Math.floor(random() * HEADLINE_STYLES);
  const straightQuotes = random() < 0.5;
  const spacedDashes = random() < 0.5;
  const body = (text: string): string => {
    let styled = straightQuotes ? text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'") : text;
    styled = spacedDashes ? styled.replace(/\s*—\s*/g, ' — ') : styled.replace(/\s+—\s+/g, '—');
    return styled;
  };
  const headline = (title: string, bodyText: string): string => {
    const words = title.split(' ');
    if (headlineStyle === 1) {
      return words
        .map((word, index) =>
          index > 0 && TITLE_CASE_MINOR.has(word.toLowerCase())
            ? word.toLowerCase()
            : word.charAt(0).toUpperCase() + word.slice(1),
        )
        .join(' ');
    }
    if (headlineStyle === 2) {
      // Sentence case: a word after the first loses its capital when the body writes it in lower case (not a name).
      const ordinary = new Set(bodyText.match(/\b[a-z]+\b/g) ?? []);
      return words
        .map((word, index) =>
          index > 0 && ordinary.has(word.toLowerCase()) ? word.toLowerCase() : word,
        )
        .join(' ');
    }
    return title;
  };
  return { headline: (title, bodyText) => body(headline(title, bodyText)), body };
}

/**
 * One rewrite of a real article: sentences dropped and reordered, sometimes one borrowed from
 * another outlet's article of the event (`others`), words swapped, some of `names` (those a
 * rewrite may vary) spelt differently, in a house style.
 */
export function rewriteArticle(
  article: RealArticle,
  random: () => number,
  names: readonly string[] = [],
  others: readonly RealArticle[] = [],
): RealArticle {
  const change = drawChanges(names, random);
  const sentencesOf = (text: string): string[] =>
    text.split(SENTENCE_BREAK).filter((sentence) => sentence.trim());
  const sentences = sentencesOf(article.text);
  let kept = sentences.filter(() => random() >= DROP_SENTENCE);
  if (kept.length === 0 && sentences.length > 0) {
    kept = [sentences[Math.floor(random() * sentences.length)]!];
  }
  if (others.length > 0 && random() < BORROW_SENTENCE) {
    const other = sentencesOf(others[Math.floor(random() * others.length)]!.text);
    const borrowed = other[Math.floor(random() * other.length)];
    if (borrowed !== undefined && !kept.includes(borrowed)) kept.push(borrowed);
  }
  // Reordered, the lead mostly staying near the top: each sentence moves by a few places at most.
  const order = kept
    .map((sentence, index) => ({ sentence, key: index + random() * 3 }))
    .sort((a, b) => a.key - b.key);
  const style = houseStyle(random);
  const text = style.body(change(order.map((entry) => entry.sentence).join(' ')));
  return { title: style.headline(change(article.title), text), text };
}

/** 52 bits of two FNV-1a hashes of title and text: enough to tell 100,000 rewrites apart. */
function hashOf(article: RealArticle): number {
  let low = 0x811c9dc5;
  let high = 0x01000193;
  const text = `${article.title}\n${article.text}`;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code, 0x01000193) ^ (low >>> 7);
  }
  return (high >>> 12) * 2 ** 32 + (low >>> 0) + 1; // never 0, the empty slot
}

/** A fixed-size open-addressing set of hashes (never 0): constant memory however long the stream. */
class ContentHashes {
  private readonly slots: Float64Array;
  private size = 0;
  constructor(slots: number) {
    this.slots = new Float64Array(slots);
  }
  private slotOf(hash: number): number {
    const mask = this.slots.length - 1;
    let slot = (hash % this.slots.length) & mask;
    while (this.slots[slot] !== 0 && this.slots[slot] !== hash) slot = (slot + 1) & mask;
    return slot;
  }
  has(hash: number): boolean {
    return this.slots[this.slotOf(hash)] === hash;
  }
  add(hash: number): void {
    if (this.size >= this.slots.length * HASH_TABLE_MAX_LOAD) {
      this.slots.fill(0);
      this.size = 0;
    }
    const slot = this.slotOf(hash);
    if (this.slots[slot] === hash) return;
    this.slots[slot] = hash;
    this.size++;
  }
}

/** The articles of one synthetic event, in generation order (not yet by date). */
function eventArticles(
  real: RealEvent,
  event: number,
  time: number,
  random: () => number,
  seen: ContentHashes,
): Omit<SyntheticArticle, 'id'>[] {
  const count = 1 + Math.floor(random() * MAX_ARTICLES_PER_EVENT);
  const spread = (1 + Math.floor(random() * MAX_SPREAD_DAYS)) * DAY_MS;
  const first = Math.floor(random() * real.articles.length);
  const articles: Omit<SyntheticArticle, 'id'>[] = [];
  for (let k = 0; k < count; k++) {
    const base = real.articles[(first + k) % real.articles.length]!;
    const others = real.articles.filter((other) => other !== base);
    let rewrite = rewriteArticle(base, random, real.names, others);
    for (let tries = 1; tries < REWRITE_TRIES && seen.has(hashOf(rewrite)); tries++) {
      rewrite = rewriteArticle(base, random, real.names, others);
    }
    seen.add(hashOf(rewrite));
    const published = new Date(time + Math.floor(random() * spread)).toISOString();
    articles.push({ ...rewrite, published, event });
  }
  return articles;
}

/**
 * The stream, generated as it is read: events are made in time order and their articles held
 * until no later event can date an article before them, so only a few days of articles are in
 * memory at once.
 */
export function* syntheticStream(
  events: readonly RealEvent[],
  options: SyntheticStreamOptions,
): Generator<SyntheticArticle> {
  if (events.length === 0) return;
  const random = seededRandom(options.seed);
  const deck = [...events.keys()];
  for (let i = deck.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [deck[i], deck[j]] = [deck[j]!, deck[i]!];
  }
  const seen = new ContentHashes(HASH_TABLE_SLOTS);
  let pending: Omit<SyntheticArticle, 'id'>[] = [];
  let emitted = 0;
  for (let event = 0; emitted < options.articles; event++) {
    const day = Math.floor(event / options.eventsPerDay);
    const dayStart = options.start + day * DAY_MS;
    // Events of a day are made in time order, so `pending` can be released up to this one's time.
    const within = (event % options.eventsPerDay) / options.eventsPerDay;
    const time = dayStart + Math.floor((within + random() / options.eventsPerDay) * DAY_MS);
    const real = events[deck[event % deck.length]!]!;
    pending.push(...eventArticles(real, event, time, random, seen));
    if (event % options.eventsPerDay !== options.eventsPerDay - 1) continue;
    // At a day's end: every later event starts after it, so what is dated before it is final.
    const released = dayStart + DAY_MS;
    pending.sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : 0));
    const ready = pending.filter((article) => Date.parse(article.published) < released);
    pending = pending.filter((article) => Date.parse(article.published) >= released);
    for (const article of ready) {
      if (emitted >= options.articles) return;
      yield { id: `a${emitted++}`, ...article };
    }
  }
}
