import { findRoles } from '../entities/find-roles.js';
import type { Article } from '../model/article.js';
import { rangesOverlap, rangeWithin, type TextRange } from '../model/span.js';
import type {
  ArticleFraming,
  Entity,
  EntityLabel,
  FramingCategory,
  FramingTerm,
  Story,
} from '../model/story.js';
import { framingLexicon, type FramingMatch } from './framing-lexicon.js';
import { findLoadedLanguage } from './loaded-language.js';

/**
 * The framing stage: per article, the lexicon's terms (actor labels, loaded words, intensifiers,
 * hedges, vague attribution, certainty) and the loaded words the trained scorer finds; per entity, the labels each article attaches to it
 * (titles, "terror leader X", "the Hamas terror group", and labels in captions cleaning removed).
 */
export function buildFraming(story: Story): void {
  const lexicon = framingLexicon();
  const framing: ArticleFraming[] = [];
  const labels: EntityLabel[] = [];
  const namesByArticle = new Map<string, NameAt[]>();
  for (const entity of story.entities) {
    if (entity.outlet) continue;
    for (const mention of entity.mentions) {
      const list = namesByArticle.get(mention.article) ?? [];
      list.push({ start: mention.start, end: mention.end, entity });
      namesByArticle.set(mention.article, list);
    }
  }
  for (const list of namesByArticle.values()) list.sort((a, b) => a.start - b.start);
  for (const article of story.articles) {
    const matches = lexicon.match(article.text);
    framing.push({ article: article.id, terms: articleTerms(article, matches) });
    labels.push(...entityLabels(story, article, matches, namesByArticle));
  }
  story.framing = framing;
  story.labels = labels;
}

function articleTerms(article: Article, matches: readonly FramingMatch[]): FramingTerm[] {
  const terms = new Map<
    string,
    { term: string; category: FramingCategory; spans: TextRange[]; ruleId: string; reason: string }
  >();
  const add = (
    key: string,
    term: string,
    category: FramingCategory,
    span: TextRange,
    ruleId: string,
    reason: string,
  ): void => {
    const found = terms.get(key) ?? { term, category, spans: [], ruleId, reason };
    found.spans.push({ start: span.start, end: span.end });
    terms.set(key, found);
  };
  for (const match of matches) {
    add(
      `framing:${match.entry.id}`,
      match.entry.term,
      match.entry.category,
      match,
      `framing:${match.entry.id}`,
      match.entry.note,
    );
  }
  // The trained scorer's loaded words, where no loaded or labelling lexicon entry already speaks
  // for them (a word that is also a hedge or an intensifier is still counted as loaded).
  for (const word of findLoadedLanguage(article)) {
    const counted = matches.some(
      (match) =>
        (match.entry.category === 'loaded' || match.entry.category === 'actor-label') &&
        rangesOverlap(match, word),
    );
    if (counted) continue;
    const lower = word.word.toLowerCase();
    add(
      `model:${lower}`,
      lower,
      'loaded',
      word,
      'loaded-language-model',
      'judged lexically loaded by the model trained on BASIL annotations (npm run train -- loaded-language)',
    );
  }
  const quotes = quotedRanges(article.text);
  return [...terms.values()]
    .map((term) => ({
      term: term.term,
      category: term.category,
      quoted: term.spans.filter((span) => quotes.some((quote) => rangeWithin(span, quote))).length,
      spans: term.spans
        .sort((a, b) => a.start - b.start)
        .map((span) => ({ article: article.id, start: span.start, end: span.end })),
      ruleId: term.ruleId,
      reason: term.reason,
    }))
    .sort((a, b) => a.spans[0]!.start - b.spans[0]!.start);
}

/** An entity's name or alias found in a stretch of text, for labels next to it. */
interface NameAt extends TextRange {
  readonly entity: Entity;
}

/** Nouns after which an unattached label ("the terror group", "the terror leaders") means the group last named. */
const GROUP_NOUNS = new Set([
  'group',
  'groups',
  'organization',
  'organisation',
  'movement',
  'faction',
  'factions',
  'network',
  'cell',
  'cells',
  'army',
  'militia',
  'regime',
  'leader',
  'leaders',
  'leadership',
  'chief',
  'chiefs',
  'commander',
  'commanders',
  'operative',
  'operatives',
  'member',
  'members',
  'official',
  'officials',
]);
/** Sentences back that an unattached label may reach for the group it names. */
const ANAPHOR_SENTENCES = 3;
const WORD_AFTER = /^[\s\u00a0]*([\p{L}-]+)/u;

function entityLabels(
  story: Story,
  article: Article,
  matches: readonly FramingMatch[],
  namesByArticle: ReadonlyMap<string, readonly NameAt[]>,
): EntityLabel[] {
  const labels: EntityLabel[] = [];
  const names = namesByArticle.get(article.id) ?? [];

  // Titles around each name, as the entities stage cut them ("Former Israeli Prime Minister").
  for (const name of names) {
    for (const role of findRoles(article.text, name)) {
      // "US President Donald Trump's Gaza peace plan": the title is Trump's, not Gaza's.
      if (
        names.some(
          (other) => other.entity.type === 'person' && other !== name && rangesOverlap(other, role),
        )
      ) {
        continue;
      }
      labels.push({
        entity: name.entity.id,
        article: article.id,
        label: article.slice(role).toLowerCase(),
        span: { article: article.id, start: role.start, end: role.end },
        how: 'title',
      });
    }
  }

  const sentences = article.hasLayer('sentences') ? article.layer('sentences') : [];
  const actorLabels = matches.filter((match) => match.entry.category === 'actor-label');
  const byHead = new Map<string, Entity>();
  for (const match of actorLabels) {
    // A title the roles lexicon already gave ("terror leader Khaled Mashaal") is not counted twice.
    if (labels.some((label) => label.span.start === match.start && label.span.end === match.end)) {
      continue;
    }
    const attached = attach(article.text, match, names, sentences, byHead);
    if (!attached) continue;
    labels.push({
      entity: attached.entity.id,
      article: article.id,
      label: article.slice(match).toLowerCase(),
      span: { article: article.id, start: match.start, end: match.end },
      how: attached.how,
    });
  }

  // Captions cleaning removed still show how the outlet labels the people in its pictures.
  const lexicon = framingLexicon();
  for (const removed of article.removed) {
    if (!/caption/i.test(removed.reason)) continue;
    const captionNames = namesIn(removed.text, story.entities);
    for (const match of lexicon.match(removed.text)) {
      if (match.entry.category !== 'actor-label') continue;
      const attached = attach(removed.text, match, captionNames, [], new Map());
      if (!attached) continue;
      labels.push({
        entity: attached.entity.id,
        article: article.id,
        label: removed.text.slice(match.start, match.end).toLowerCase(),
        span: {
          article: article.id,
          start: removed.start + match.start,
          end: removed.start + match.end,
        },
        how: 'caption',
        removed: true,
      });
    }
  }
  return labels.sort(
    (a, b) =>
      Number(a.removed ?? false) - Number(b.removed ?? false) || a.span.start - b.span.start,
  );
}

/**
 * The entity a label belongs to: the name right after it ("terror leader Khaled Mashaal"), else
 * the name right before it ("the Hamas terror group", "Hamas militants"), else, for a label that
 * ends in or precedes a group noun ("the terror group", "the terror leaders"), the entity that
 * noun was last attached to in this article, else the organization or group named last within a
 * few sentences. `byHead` remembers, per group noun, the entity it was attached to.
 */
function attach(
  text: string,
  label: TextRange,
  names: readonly NameAt[],
  sentences: readonly TextRange[],
  byHead: Map<string, Entity>,
): { entity: Entity; how: EntityLabel['how'] } | undefined {
  const lastWord = text.slice(label.start, label.end).split(/\s+/).at(-1)!.toLowerCase();
  const nextWord = WORD_AFTER.exec(text.slice(label.end))?.[1]?.toLowerCase() ?? '';
  const head = GROUP_NOUNS.has(lastWord) ? lastWord : GROUP_NOUNS.has(nextWord) ? nextWord : '';
  const remember = (entity: Entity, how: EntityLabel['how']) => {
    if (head && (entity.type === 'organization' || entity.type === 'group'))
      byHead.set(head, entity);
    return { entity, how };
  };
  const after = names.find(
    (name) => name.start >= label.end && /^[\s\u00a0]*$/.test(text.slice(label.end, name.start)),
  );
  if (after) return remember(after.entity, 'apposition');
  const before = names.findLast(
    (name) =>
      name.end <= label.start && /^(?:['’]s)?[\s\u00a0]*$/.test(text.slice(name.end, label.start)),
  );
  if (before) return remember(before.entity, 'group-noun');

  // "the militant union": the union the article names, last before the label or else first after.
  const isNamesake = (name: NameAt): boolean =>
    nextWord.length > 3 && name.entity.name.toLowerCase().split(/\s+/).includes(nextWord);
  const namesake =
    names.findLast((name) => name.end <= label.start && isNamesake(name)) ??
    names.find((name) => name.start >= label.end && isNamesake(name));
  if (namesake) return { entity: namesake.entity, how: 'group-noun' };
  if (!head) return undefined;
  const named = byHead.get(head);
  if (named) return { entity: named, how: 'group-noun' };
  const sentenceIndex = sentences.findIndex((sentence) => sentence.end > label.start);
  const reach = sentences[Math.max(0, sentenceIndex - ANAPHOR_SENTENCES)]?.start ?? 0;
  const group = names.findLast(
    (name) =>
      name.end <= label.start &&
      name.start >= reach &&
      (name.entity.type === 'organization' || name.entity.type === 'group'),
  );
  return group ? remember(group.entity, 'group-noun') : undefined;
}

/** Entity names and aliases (four letters or more) found in a caption, case and accents aside. */
function namesIn(text: string, entities: readonly Entity[]): NameAt[] {
  const folded = foldKeepingOffsets(text);
  const found: NameAt[] = [];
  for (const entity of entities) {
    if (entity.outlet) continue;
    for (const alias of new Set([entity.name, ...entity.aliases])) {
      const key = foldKeepingOffsets(alias);
      if (key.length < 4) continue;
      for (let at = folded.indexOf(key); at >= 0; at = folded.indexOf(key, at + 1)) {
        const end = at + key.length;
        const boundary = (index: number): boolean => !/[\p{L}\p{N}]/u.test(folded[index] ?? ' ');
        if (boundary(at - 1) && boundary(end)) found.push({ start: at, end, entity });
      }
    }
  }
  // Longest name first at a place, so "Khaled Mashaal" wins over "Mashaal".
  return found
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .filter((name, index, all) => !all.slice(0, index).some((other) => rangesOverlap(other, name)));
}

/** Lower case without accents, one character for one, so offsets stay those of the input. */
function foldKeepingOffsets(text: string): string {
  let folded = '';
  for (const char of text) {
    const plain = char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    folded +=
      plain.length === char.length
        ? plain
        : char.toLowerCase().slice(0, char.length).padEnd(char.length);
  }
  return folded;
}

/**
 * Stretches inside quotation marks, paragraph by paragraph: curly quotes pair as opened and
 * closed, straight double quotes alternate. An unclosed quote runs to the end of its paragraph,
 * as a quotation continued in the next paragraph does.
 */
export function quotedRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  let paragraphStart = 0;
  for (const paragraph of text.split('\n')) {
    let open: number | undefined;
    for (let index = 0; index < paragraph.length; index++) {
      const char = paragraph[index];
      if (char === '“' || (char === '"' && open === undefined)) {
        open ??= index + 1;
      } else if ((char === '”' || char === '"') && open !== undefined) {
        ranges.push({ start: paragraphStart + open, end: paragraphStart + index });
        open = undefined;
      }
    }
    if (open !== undefined)
      ranges.push({ start: paragraphStart + open, end: paragraphStart + paragraph.length });
    paragraphStart += paragraph.length + 1;
  }
  return ranges;
}
