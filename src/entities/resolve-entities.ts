import type { Article, EntityMention, EntityType } from '../model/article.js';
import { rangeText, type TextRange } from '../model/span.js';
import type { Entity, EntityMentionRef, Story } from '../model/story.js';
import { findOutlets } from './find-outlets.js';
import { findRoles, rolesLexicon } from './find-roles.js';
import { foldName, isSpellingVariant, soundKey } from './name-keys.js';

/**
 * One entity per real-world thing across every article of the story: the tagger's mentions, known
 * outlets and "the terror group"-style descriptions, merged when they are
 *  - the same name up to case, marks, hyphens, "the" and possessives ("Asharq al-Awsat" / "Asharq Al-Awsat");
 *  - a person's short form ("Haddad" → "Izz al-Din Haddad": the nearest full name in the same
 *    article, or the only one in the story);
 *  - transliteration variants of one type ("Schalit" / "Shalit").
 * Titles around a person's name are cut off and kept as roles.
 */

interface Candidate extends EntityMentionRef {
  readonly type: EntityType;
  /** The name as written, without a leading "the" or a trailing possessive. */
  readonly surface: string;
  readonly folded: string;
  readonly outlet: boolean;
  /** For descriptions ("the terror group"): the candidate they stand for. */
  readonly refersTo?: number;
}

/** Names that say they are outlets ("Radio Velmora", "The Coastal Herald", "Velmora Daily"). */
const OUTLET_NAME =
  /^(?:the\s+)?(?:Radio|TV|Channel)\s|\s(?:Times|Post|Herald|Daily|Gazette|Journal|Tribune|Wire|News|Press|TV|Radio|Chronicle|Telegraph|Courier|Dispatch|Sentinel|Mirror|Express)$/u;
/** Outlet words that make a name an outlet even when the tagger took it for a person. */
const STRONG_OUTLET_NAME =
  /^(?:the\s+)?(?:Radio|TV)\s|\s(?:Wire|Herald|Gazette|Tribune|TV|Radio|Daily)$/u;
/** Words before a name that say it is an outlet ("the Saudi-owned newspaper Asharq Al-Awsat"). */
const OUTLET_NOUN_BEFORE =
  /\b(?:outlet|newspaper|daily|paper|channel|network|broadcaster|station|agency|website|site|magazine|tabloid)\s+$/i;
/** A description resolves only when its entity has at least this share of the organisation names before it. */
const DOMINANT_SHARE = 0.6;

/** Sentence-initial words a tagger sometimes takes into a name ("Like Sinwar, …"). */
const LEADING_NON_NAME =
  /^(?:like|unlike|as|but|and|or|so|yet|while|when|after|before|since|with|for|if|then|thus|also|even|only|meanwhile|however|according|despite)\s+/i;

/** A mention without a capitalised function word the tagger took in at a sentence start. */
function trimMention(text: string, range: TextRange): TextRange {
  const leading = LEADING_NON_NAME.exec(text.slice(range.start, range.end));
  return leading && range.end - range.start > leading[0].length
    ? { start: range.start + leading[0].length, end: range.end }
    : range;
}

function trimName(text: string, range: TextRange): TextRange {
  let { start, end } = range;
  const value = text.slice(start, end);
  const leading = /^the\s+/i.exec(value);
  if (leading && end - start > leading[0].length) start += leading[0].length;
  const possessive = /(?:’s|'s|’|')$/u.exec(text.slice(start, end));
  if (possessive && end - start > possessive[0].length) end -= possessive[0].length;
  return { start, end };
}

function candidatesOf(article: Article, storyOutlets: readonly string[]): Candidate[] {
  // The outlets that published the story's articles: "Baltic Wire" in a text is the outlet
  // "Baltic Wire Service" whatever the tagger called it.
  const isOwnOutlet = (name: string): boolean => {
    const folded = foldName(name);
    return storyOutlets.some(
      (outlet) => outlet === folded || (folded.includes(' ') && outlet.startsWith(`${folded} `)),
    );
  };
  const text = article.text;
  const tagged = article.hasLayer('entityMentions') ? article.layer('entityMentions') : [];
  const outlets = findOutlets(text);
  const candidates: Candidate[] = [];
  const overlapsOutlet = (mention: TextRange): boolean =>
    outlets.some((outlet) => outlet.start < mention.end && mention.start < outlet.end);
  const add = (
    range: TextRange,
    type: EntityType,
    ruleId: string,
    outlet: boolean,
    refersTo?: number,
  ): void => {
    range = trimMention(text, range);
    const trimmed = trimName(text, range);
    const surface = rangeText(text, trimmed);
    candidates.push({
      article: article.id,
      start: range.start,
      end: range.end,
      ruleId,
      type,
      surface,
      folded: foldName(surface),
      outlet,
      ...(refersTo === undefined ? {} : { refersTo }),
    });
  };
  const mentions: (
    EntityMention | { start: number; end: number; type: EntityType; ruleId: string; outlet: true }
  )[] = [
    ...tagged.filter((mention) => !overlapsOutlet(mention)),
    ...outlets.map((outlet) => ({
      start: outlet.start,
      end: outlet.end,
      type: 'organization' as const,
      ruleId: 'outlet-lexicon',
      outlet: true as const,
    })),
  ].sort((a, b) => a.start - b.start);
  for (const mention of mentions) {
    const isOutlet =
      'outlet' in mention ||
      (mention.type === 'person' ? STRONG_OUTLET_NAME : OUTLET_NAME).test(
        text.slice(mention.start, mention.end),
      ) ||
      isOwnOutlet(text.slice(mention.start, mention.end)) ||
      (mention.type !== 'person' &&
        OUTLET_NOUN_BEFORE.test(text.slice(Math.max(0, mention.start - 40), mention.start)));
    add(mention, isOutlet ? 'organization' : mention.type, mention.ruleId, isOutlet);
  }
  addDescriptions(article, candidates, add);
  return candidates.sort((a, b) => a.start - b.start);
}

let descriptionPattern: RegExp | undefined;

/** "the terror group" → the organisation that dominates the names before it, if one does. */
function addDescriptions(
  article: Article,
  candidates: Candidate[],
  add: (
    range: TextRange,
    type: EntityType,
    ruleId: string,
    outlet: boolean,
    refersTo?: number,
  ) => void,
): void {
  descriptionPattern ??= new RegExp(
    `\\b(?:${rolesLexicon()
      .groupDescriptions.phrases.map((phrase) => phrase.replace(/^the /, ''))
      .join('|')})\\b`,
    'gi',
  );
  const named = candidates.slice();
  for (const match of article.text.matchAll(descriptionPattern)) {
    const before = article.text.slice(Math.max(0, match.index - 4), match.index);
    if (!/\bthe\s$/i.test(before)) continue;
    const start = match.index - 4;
    const end = match.index + match[0].length;
    if (named.some((candidate) => candidate.start < end && start < candidate.end)) continue;
    const earlier = named.filter(
      (candidate) =>
        candidate.end <= start &&
        !candidate.outlet &&
        (candidate.type === 'organization' || candidate.type === 'group'),
    );
    if (earlier.length === 0) continue;
    const counts = new Map<string, number>();
    for (const candidate of earlier)
      counts.set(candidate.folded, (counts.get(candidate.folded) ?? 0) + 1);
    const [topKey, topCount] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    if (topCount / earlier.length < DOMINANT_SHARE) continue;
    const target = candidates.indexOf(
      earlier.filter((candidate) => candidate.folded === topKey).at(-1)!,
    );
    add({ start, end }, candidates[target]!.type, 'group-description', false, target);
  }
}

class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, index) => index);
  }
  find(index: number): number {
    while (this.parent[index] !== index) {
      this.parent[index] = this.parent[this.parent[index]!]!;
      index = this.parent[index]!;
    }
    return index;
  }
  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  }
}

export function resolveEntities(story: Story): Entity[] {
  const storyOutlets = [
    ...new Set(
      story.articles.flatMap((article) =>
        article.metadata.outlet ? [foldName(article.metadata.outlet)] : [],
      ),
    ),
  ];
  const perArticle = story.articles.map((article) => candidatesOf(article, storyOutlets));
  const candidates: Candidate[] = [];
  const offsets: number[] = [];
  for (const list of perArticle) {
    offsets.push(candidates.length);
    candidates.push(...list);
  }
  const union = new UnionFind(candidates.length);

  // Descriptions join what they stand for.
  perArticle.forEach((list, articleIndex) =>
    list.forEach((candidate, index) => {
      if (candidate.refersTo !== undefined)
        union.union(offsets[articleIndex]! + index, offsets[articleIndex]! + candidate.refersTo);
    }),
  );
  // Same folded name.
  const byKey = new Map<string, number>();
  candidates.forEach((candidate, index) => {
    if (candidate.refersTo !== undefined) return;
    const seen = byKey.get(candidate.folded);
    if (seen === undefined) byKey.set(candidate.folded, index);
    else union.union(seen, index);
  });
  // Transliteration variants of one type: only names with the same sound key can be variants,
  // so compare within those buckets (not all pairs: a large story has thousands of names).
  const buckets = new Map<string, number[]>();
  for (const [key, index] of byKey) {
    const sound = `${candidates[index]!.type} ${soundKey(key)}`;
    const bucket = buckets.get(sound);
    if (bucket) bucket.push(index);
    else buckets.set(sound, [index]);
  }
  for (const bucket of buckets.values()) {
    for (let a = 0; a < bucket.length; a++) {
      for (let b = a + 1; b < bucket.length; b++) {
        if (isSpellingVariant(candidates[bucket[a]!]!.folded, candidates[bucket[b]!]!.folded)) {
          union.union(bucket[a]!, bucket[b]!);
        }
      }
    }
  }
  // A person's short form: the nearest earlier full name in the article, else the only one in the
  // story. Work is per distinct name, not per mention: a story may name "Trump" thousands of times.
  const wordsOf = (folded: string): string[] => folded.split(' ');
  const isSuffix = (short: string[], full: string[]): boolean =>
    short.length < full.length &&
    short.every((word, index) => {
      const other = full[full.length - short.length + index]!;
      return other === word || isSpellingVariant(other, word);
    });
  const personMentions = new Map<string, number[]>();
  const personMentionsInArticle = new Map<string, number[]>();
  const byLastWord = new Map<string, string[]>();
  candidates.forEach((candidate, index) => {
    if (candidate.type !== 'person' || candidate.refersTo !== undefined) return;
    const list = personMentions.get(candidate.folded);
    if (list) list.push(index);
    else {
      personMentions.set(candidate.folded, [index]);
      const last = soundKey(wordsOf(candidate.folded).at(-1) ?? '');
      const names = byLastWord.get(last);
      if (names) names.push(candidate.folded);
      else byLastWord.set(last, [candidate.folded]);
    }
    const key = `${candidate.folded}\u0000${candidate.article}`;
    const inArticle = personMentionsInArticle.get(key);
    if (inArticle) inArticle.push(index);
    else personMentionsInArticle.set(key, [index]);
  });
  const fullerCache = new Map<string, string[]>();
  const fullerNames = (folded: string): string[] => {
    let names = fullerCache.get(folded);
    if (!names) {
      const short = wordsOf(folded);
      names = (byLastWord.get(soundKey(short.at(-1) ?? '')) ?? []).filter((name) =>
        isSuffix(short, wordsOf(name)),
      );
      fullerCache.set(folded, names);
    }
    return names;
  };
  const sentenceStarts = new Map<string, Set<number>>();
  const startsSentence = (candidate: Candidate): boolean => {
    let starts = sentenceStarts.get(candidate.article);
    if (!starts) {
      const article = story.article(candidate.article)!;
      starts = new Set(article.layer('sentences').map((sentence) => sentence.start));
      sentenceStarts.set(candidate.article, starts);
    }
    return starts.has(candidate.start);
  };
  candidates.forEach((candidate, index) => {
    // The tagger sometimes calls a sentence-initial surname an organisation ("Al-Amoudi was …");
    // such a short form still joins a person's full name, but only within its own article.
    const isPerson = candidate.type === 'person';
    if (candidate.outlet || candidate.refersTo !== undefined) return;
    if (!isPerson && (wordsOf(candidate.folded).length > 2 || !startsSentence(candidate))) return;
    const names = fullerNames(candidate.folded);
    if (names.length === 0) return;
    let pick = -1;
    for (const name of names) {
      for (const other of personMentionsInArticle.get(`${name}\u0000${candidate.article}`) ?? []) {
        const start = candidates[other]!.start;
        if (start < candidate.start && (pick < 0 || start > candidates[pick]!.start)) pick = other;
      }
    }
    if (pick >= 0) {
      union.union(index, pick);
      return;
    }
    if (!isPerson) return;
    const roots = new Set(names.map((name) => union.find(personMentions.get(name)![0]!)));
    if (roots.size === 1) union.union(index, personMentions.get(names[0]!)![0]!);
  });

  const groups = new Map<number, number[]>();
  candidates.forEach((_, index) => {
    const root = union.find(index);
    const members = groups.get(root);
    if (members) members.push(index);
    else groups.set(root, [index]);
  });
  const entities: Entity[] = [];
  const usedIds = new Set<string>();
  for (const members of groups.values()) {
    const group = members.map((index) => candidates[index]!);
    const named = group.filter((candidate) => candidate.refersTo === undefined);
    if (named.length === 0) continue;
    const fullest = [...named].sort(
      (a, b) =>
        b.surface.split(/\s+/).length - a.surface.split(/\s+/).length ||
        b.surface.length - a.surface.length,
    )[0]!;
    const name = fullest.surface;
    // A full person name decides: its short forms may have been mistyped at a sentence start.
    const type = fullest.type === 'person' ? 'person' : majorityType(named);
    const aliases = [...new Set(group.map((candidate) => candidate.surface))].filter(
      (alias) => alias !== name,
    );
    const roles = new Set<string>();
    if (type === 'person') {
      for (const candidate of named) {
        const article = story.article(candidate.article)!;
        for (const role of findRoles(article.text, trimName(article.text, candidate)))
          roles.add(rangeText(article.text, role));
      }
    }
    entities.push({
      id: uniqueId(name, usedIds),
      name,
      type,
      aliases,
      roles: [...roles],
      mentions: group.map(({ article, start, end, ruleId }) => ({ article, start, end, ruleId })),
      ...(group.some((candidate) => candidate.outlet) ? { outlet: true } : {}),
    });
  }
  return entities.sort(
    (a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name),
  );
}

function majorityType(candidates: readonly Candidate[]): EntityType {
  const votes = new Map<EntityType, number>();
  for (const candidate of candidates)
    votes.set(candidate.type, (votes.get(candidate.type) ?? 0) + 1);
  return [...votes].sort((a, b) => b[1] - a[1])[0]![0];
}

function uniqueId(name: string, used: Set<string>): string {
  const base =
    foldName(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'entity';
  let id = base;
  for (let suffix = 2; used.has(id); suffix++) id = `${base}-${suffix}`;
  used.add(id);
  return id;
}
