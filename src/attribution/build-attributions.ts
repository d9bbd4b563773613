import type { Article, AttributionSpans } from '../model/article.js';
import type { SourceKind } from '../model/report.js';
import { rangeText, rangesOverlap, rangeWithin, type TextRange } from '../model/span.js';
import type { Attribution, AttributedSource, Entity, Story } from '../model/story.js';
import { classifySourcePhrase, type PhraseEntity } from './classify-source.js';
import { sourcesLexicon } from './sources-lexicon.js';
import { repairSpans, type NameRange } from './repair-spans.js';

/**
 * From the tagger's bare spans to attributions a reader can weigh: what kind of source, how many,
 * whose, through which outlets, asserted or denied. Runs once entities are resolved, because a
 * source's kind and chain depend on who the names in and around it are.
 *
 * Rules, in order, each leaving its reason:
 *  - "A … outlet reported this, citing two unnamed officials": the cited phrase becomes the source
 *    and the outlet moves into the chain.
 *  - Pronouns and "the sources"/"one of the sources"/"another" point back at the nearest earlier
 *    attribution that fits (a person for he/she, anyone else for they/partitives) and inherit its
 *    affiliation and chain (and, for pronouns, its entity).
 *  - Otherwise the phrase is classified by its head noun and the names inside it.
 *  - The chain (`via`) is every outlet named in the source phrase or around the cue in the same
 *    sentence, outside the content ("told the outlet", "spoke with ynet", "…, the outlet reported"),
 *    then whatever the antecedent came through.
 *  - A deny cue makes the polarity `deny`; a denial of "these reports" responds to the nearest
 *    earlier attribution.
 */

/** Demonstratives and pronouns that stand for what was said just before. */
const ANAPHORIC_CONTENT =
  /^(?:this|that|it|these reports?|those reports?|the reports?|such reports?|the claims?|these claims?|the allegations?|them)$/i;
/** Outlet descriptions resolved to a named outlet: definite look back, indefinite look ahead. */
const OUTLET_DESCRIPTION =
  /\b(the|a|an)\s+((?:[\p{L}-]+\s+){0,3}?(?:outlet|newspaper|daily|paper|channel|network|broadcaster|station|agency|website|magazine|tabloid|publication))\b/giu;
const CITING = /\bciting\s+([^,.;:]+)/giu;
/** Content is direct speech when at least this share of its letters is inside quotation marks. */
const DIRECT_QUOTED_SHARE = 0.5;

function isDirect(text: string, content: readonly TextRange[]): boolean {
  let letters = 0;
  let quoted = 0;
  for (const range of content) {
    // An open quote just before the range counts: "“We will stay,” he said" may tag the words only.
    let open = /[“«]\s*$/.test(text.slice(Math.max(0, range.start - 2), range.start));
    let straightOpen = text[range.start - 1] === '"';
    for (let index = range.start; index < range.end; index++) {
      const character = text[index]!;
      if (character === '“' || character === '«') open = true;
      else if (character === '”' || character === '»') open = false;
      else if (character === '"') straightOpen = !straightOpen;
      else if (/\p{L}/u.test(character)) {
        letters++;
        if (open || straightOpen) quoted++;
      }
    }
  }
  return letters > 0 && quoted / letters >= DIRECT_QUOTED_SHARE;
}

interface OutletReference extends TextRange {
  readonly entity: string;
}

interface ArticleContext {
  readonly article: Article;
  readonly mentions: readonly { start: number; end: number; entity: Entity }[];
  readonly outlets: readonly OutletReference[];
}

type MentionOfEntity = { start: number; end: number; entity: Entity };

/** Every entity mention, grouped by article, in text order. */
function mentionsByArticle(entities: readonly Entity[]): Map<string, MentionOfEntity[]> {
  const byArticle = new Map<string, MentionOfEntity[]>();
  for (const entity of entities) {
    for (const mention of entity.mentions) {
      const list = byArticle.get(mention.article);
      const item = { start: mention.start, end: mention.end, entity };
      if (list) list.push(item);
      else byArticle.set(mention.article, [item]);
    }
  }
  for (const list of byArticle.values()) list.sort((a, b) => a.start - b.start);
  return byArticle;
}

function contextOf(article: Article, mentions: readonly MentionOfEntity[]): ArticleContext {
  const named: OutletReference[] = mentions
    .filter((mention) => mention.entity.outlet)
    .map((mention) => ({ start: mention.start, end: mention.end, entity: mention.entity.id }));
  const outlets: OutletReference[] = [...named];
  for (const match of article.text.matchAll(OUTLET_DESCRIPTION)) {
    const start = match.index;
    const end = start + match[0].length;
    // "Saudi outlet Asharq al-Awsat": the description is followed by the name itself.
    if (named.some((reference) => reference.start >= end && reference.start - end <= 1)) continue;
    if (named.some((reference) => reference.start < end && start < reference.end)) continue;
    const definite = match[1]!.toLowerCase() === 'the';
    const target = definite
      ? named.filter((reference) => reference.end <= start).at(-1)
      : named.find((reference) => reference.start >= end);
    if (target) outlets.push({ start, end, entity: target.entity });
  }
  outlets.sort((a, b) => a.start - b.start);
  return { article, mentions, outlets };
}

function sentenceAround(article: Article, range: TextRange): TextRange {
  const sentences = article.layer('sentences');
  const first = sentences.find((sentence) => sentence.end > range.start) ?? range;
  const last = [...sentences].reverse().find((sentence) => sentence.start < range.end) ?? range;
  return { start: Math.min(first.start, range.start), end: Math.max(last.end, range.end) };
}

function phraseEntities(context: ArticleContext, range: TextRange): PhraseEntity[] {
  return context.mentions
    .filter((mention) => rangeWithin(mention, range))
    .map((mention) => ({
      start: mention.start - range.start,
      end: mention.end - range.start,
      type: mention.entity.type,
      ...(mention.entity.outlet ? { outlet: true } : {}),
    }));
}

function isDenyCue(text: string): boolean {
  const words = new Set(sourcesLexicon().denyCues.words);
  return text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .some((word) => words.has(word));
}

function anaphorKind(phrase: string): 'pronoun' | 'partitive' | undefined {
  const lower = phrase.toLowerCase().replace(/’/g, "'").trim();
  const { pronouns, partitives } = sourcesLexicon().anaphora;
  if (pronouns.includes(lower)) return 'pronoun';
  if (partitives.includes(lower)) return 'partitive';
  return undefined;
}

interface Draft {
  source?: AttributedSource;
  via: string[];
  reasons: string[];
  content: TextRange[];
  respondsTo?: string;
}

export function buildAttributions(story: Story): Attribution[] {
  const attributions: Attribution[] = [];
  const mentions = mentionsByArticle(story.entities);
  for (const article of story.articles) {
    if (!article.hasLayer('attributionSpans')) continue;
    const context = contextOf(article, mentions.get(article.id) ?? []);
    const built: Attribution[] = [];
    const names: NameRange[] = context.mentions.map((mention) => ({
      start: mention.start,
      end: mention.end,
      person: mention.entity.type === 'person',
    }));
    const repaired = repairSpans(article, article.layer('attributionSpans'), names);
    // "the outlet spoke to a senior leader who denied …": the leader is the denial's source, not
    // something the outlet said.
    const denials = repaired.filter(
      (candidate) => candidate.source && isDenyCue(rangeText(article.text, candidate.cue)),
    );
    const spans = repaired.filter(
      (candidate) =>
        !denials.some(
          (denial) =>
            denial !== candidate &&
            candidate.cue.end <= denial.source!.start &&
            candidate.content.some((range) => rangesOverlap(range, denial.source!)),
        ),
    );
    spans.forEach((spans, index) => {
      const attribution = buildOne(context, spans, built, `${article.id}:a${index + 1}`);
      built.push(attribution);
    });
    attributions.push(...built);
  }
  return attributions;
}

function buildOne(
  context: ArticleContext,
  spans: AttributionSpans,
  earlier: readonly Attribution[],
  id: string,
): Attribution {
  const { article } = context;
  const text = article.text;
  const sentence = sentenceAround(article, spans.cue);
  const draft: Draft = { via: [], reasons: [], content: [...spans.content] };
  let sourceRange: TextRange | undefined = spans.source;

  // "…, citing two unnamed officials": the cited phrase is the source; the citing outlet is the chain.
  for (const match of text.slice(sentence.start, sentence.end).matchAll(CITING)) {
    const start = sentence.start + match.index + match[0].length - match[1]!.length;
    const cited = { start, end: start + match[1]!.trimEnd().length };
    if (draft.content.some((content) => rangesOverlap(content, cited))) continue;
    const citedClass = classifySourcePhrase(rangeText(text, cited), phraseEntities(context, cited));
    if (citedClass.kind === 'outlet') continue;
    if (sourceRange) {
      const outer = context.outlets.find((reference) => rangesOverlap(reference, sourceRange!));
      if (outer) draft.via.push(outer.entity);
    }
    sourceRange = cited;
    draft.reasons.push(`the source is who the report cites ("${match[0].trim()}")`);
    break;
  }

  if (sourceRange) draft.source = classifySource(context, sourceRange, earlier, draft);

  // Outlets around the cue, outside the content and the source itself.
  const ownEntity = draft.source?.entity;
  for (const reference of context.outlets) {
    if (!rangeWithin(reference, sentence)) continue;
    if (draft.content.some((content) => rangesOverlap(content, reference))) continue;
    if (reference.entity === ownEntity) continue;
    if (sourceRange && rangesOverlap(reference, sourceRange) && draft.source?.kind === 'outlet')
      continue;
    if (!draft.via.includes(reference.entity)) draft.via.push(reference.entity);
  }
  const antecedent = draft.source?.antecedent
    ? earlier.find((other) => other.id === draft.source!.antecedent)
    : undefined;
  if (antecedent) {
    for (const outlet of antecedent.via) if (!draft.via.includes(outlet)) draft.via.push(outlet);
    if (
      antecedent.source?.kind === 'outlet' &&
      antecedent.source.entity &&
      draft.source?.kind !== 'outlet'
    ) {
      if (!draft.via.includes(antecedent.source.entity)) draft.via.push(antecedent.source.entity);
    }
  }
  if (draft.via.length > 0)
    draft.reasons.push('outlets named with the source or around the cue form its chain');

  const cueText = rangeText(text, spans.cue);
  const polarity = isDenyCue(cueText) ? 'deny' : 'assert';
  if (polarity === 'deny') draft.reasons.push(`"${cueText}" is a deny cue`);

  // "denied these reports" / "reported this": the content points back at what came before.
  const contentText = draft.content.length === 1 ? rangeText(text, draft.content[0]!).trim() : '';
  if (ANAPHORIC_CONTENT.test(contentText)) {
    const previous = earlier.filter((other) => other.cue.start < spans.cue.start).at(-1);
    if (polarity === 'deny' && previous && spans.cue.start - previous.cue.end < 600) {
      draft.respondsTo = previous.id;
      draft.reasons.push(`"${contentText}" refers to the attribution just before`);
    } else if (polarity === 'assert') {
      const sentences = article.layer('sentences');
      const previousSentence = sentences
        .filter((candidate) => candidate.end <= sentence.start)
        .at(-1);
      if (previousSentence) {
        draft.content = [previousSentence];
        draft.reasons.push(`"${contentText}" stands for the sentence before`);
      }
    }
  }

  const direct = isDirect(text, draft.content);

  return {
    id,
    article: article.id,
    cue: spans.cue,
    content: draft.content,
    ...(draft.source ? { source: draft.source } : {}),
    direct,
    via: draft.via,
    polarity,
    ...(draft.respondsTo ? { respondsTo: draft.respondsTo } : {}),
    ruleId: 'attribution-tagger',
    reason:
      draft.reasons.length > 0
        ? draft.reasons.join('; ')
        : 'source, cue and content found by the attribution tagger',
  };
}

function classifySource(
  context: ArticleContext,
  range: TextRange,
  earlier: readonly Attribution[],
  draft: Draft,
): AttributedSource {
  const { article } = context;
  const phrase = rangeText(article.text, range);
  if (/^(?:which|that)$/i.test(phrase)) {
    // "the plan, which calls for …": a thing, not a person.
    draft.reasons.push(`"${phrase}" stands for the thing named before it`);
    return { start: range.start, end: range.end, kind: 'document' };
  }
  if (/^who$/i.test(phrase)) {
    const relative = relativeSource(context, range, earlier, draft);
    if (relative) return relative;
  }
  const anaphor = anaphorKind(phrase);
  if (anaphor) {
    const lower = phrase.toLowerCase();
    const wantsPerson = ['he', 'she', 'him', 'her'].includes(lower);
    const candidates = earlier.filter((other) => other.source && other.cue.start < range.start);
    const antecedent = [...candidates]
      .reverse()
      .find((other) =>
        wantsPerson
          ? other.source!.kind === 'named'
          : anaphor === 'partitive'
            ? other.source!.kind !== 'named'
            : true,
      );
    if (antecedent?.source) {
      const inherited = antecedent.source;
      draft.reasons.push(`"${phrase}" points back to "${rangeText(article.text, inherited)}"`);
      const own = classifySourcePhrase(phrase);
      const count = anaphor === 'pronoun' ? inherited.count : own.count;
      // "one of the sources", "another": people, whatever the earlier phrase was classed as.
      const kind: SourceKind = anaphor === 'pronoun' ? inherited.kind : 'anonymous';
      return {
        start: range.start,
        end: range.end,
        kind,
        ...(anaphor === 'pronoun' && inherited.entity ? { entity: inherited.entity } : {}),
        ...(inherited.affiliation ? { affiliation: inherited.affiliation } : {}),
        ...(count === undefined ? {} : { count }),
        antecedent: antecedent.id,
      };
    }
    if (wantsPerson) {
      const person = context.mentions
        .filter((mention) => mention.end <= range.start && mention.entity.type === 'person')
        .at(-1);
      if (person) {
        draft.reasons.push(`"${phrase}" is the last person named before it`);
        return { start: range.start, end: range.end, kind: 'named', entity: person.entity.id };
      }
    }
  }

  const entities = phraseEntities(context, range);
  const found = classifySourcePhrase(phrase, entities);
  const inPhrase = context.mentions.filter((mention) => rangeWithin(mention, range));
  let entity: string | undefined;
  let affiliation: string | undefined;
  if (found.kind === 'named') {
    entity = inPhrase.find((mention) => mention.entity.type === 'person')?.entity.id;
  } else if (found.kind === 'outlet') {
    entity =
      inPhrase.find((mention) => mention.entity.outlet)?.entity.id ??
      context.outlets.find((reference) => rangesOverlap(reference, range))?.entity;
  } else if (found.kind === 'organization') {
    entity = inPhrase.find((mention) => mention.entity.type !== 'person')?.entity.id;
  } else {
    // Whose sources: a name before the head ("Hamas sources", "Palestinian sources"), or an
    // organisation after it ("sources within the terror group", "from within Hamas' ranks").
    const headStart = range.start + (found.head?.start ?? 0);
    const before = inPhrase.find(
      (mention) =>
        mention.end <= headStart && !mention.entity.outlet && mention.entity.type !== 'person',
    );
    const after = inPhrase.find(
      (mention) =>
        mention.start > headStart &&
        !mention.entity.outlet &&
        (mention.entity.type === 'organization' || mention.entity.type === 'group'),
    );
    affiliation = (before ?? after)?.entity.id;
    for (const mention of inPhrase)
      if (mention.entity.outlet && !draft.via.includes(mention.entity.id))
        draft.via.push(mention.entity.id);
  }
  draft.reasons.push(`source classified as ${found.kind} (${found.ruleId})`);
  return {
    start: range.start,
    end: range.end,
    kind: found.kind,
    ...(entity ? { entity } : {}),
    ...(affiliation ? { affiliation } : {}),
    ...(found.count === undefined ? {} : { count: found.count }),
  };
}

/** Characters allowed between a relative pronoun and what it refers to (", who"). */
const RELATIVE_GAP = 3;

/**
 * "Khaled Mashaal, who stated …" → the name before "who"; "cited three sources … who said …" →
 * the phrase the earlier attribution's content ends with, inheriting that attribution's chain.
 */
function relativeSource(
  context: ArticleContext,
  range: TextRange,
  earlier: readonly Attribution[],
  draft: Draft,
): AttributedSource | undefined {
  const { article } = context;
  const close = (end: number): boolean =>
    end <= range.start &&
    range.start - end <= RELATIVE_GAP &&
    /^[\s,]*$/.test(article.text.slice(end, range.start));
  const name = context.mentions.filter((mention) => close(mention.end)).at(-1);
  if (name) {
    const kind: SourceKind =
      name.entity.type === 'person' ? 'named' : name.entity.outlet ? 'outlet' : 'organization';
    draft.reasons.push(
      `"${rangeText(article.text, range)}" is ${name.entity.name}, named just before`,
    );
    // The name itself is the source span: "who" alone tells a reader nothing.
    return { start: name.start, end: name.end, kind, entity: name.entity.id };
  }
  const cited = earlier
    .filter((other) => other.content.length > 0 && close(other.content.at(-1)!.end))
    .at(-1);
  if (cited) {
    const phraseRange = cited.content.at(-1)!;
    const phrase = rangeText(article.text, phraseRange);
    const found = classifySourcePhrase(phrase, phraseEntities(context, phraseRange));
    const affiliation = context.mentions.find(
      (mention) =>
        rangeWithin(mention, phraseRange) &&
        !mention.entity.outlet &&
        mention.entity.type !== 'person',
    )?.entity.id;
    draft.reasons.push(`"${rangeText(article.text, range)}" is the "${phrase}" just cited`);
    return {
      start: phraseRange.start,
      end: phraseRange.end,
      kind: found.kind,
      ...(affiliation ? { affiliation } : {}),
      ...(found.count === undefined ? {} : { count: found.count }),
      antecedent: cited.id,
    };
  }
  return undefined;
}
