import type { Article, EntityType } from './article.js';
import type { SourceKind } from './report.js';
import { rangeHull, type TextRange } from './span.js';

/**
 * Everything found across the articles of one run: the story-level layers that no single article
 * owns (an entity is named in several articles; a source chain runs through several outlets).
 * Every finding is still offsets into one article's text.
 */

/** A span in one article of the story. */
export interface ArticleRange extends TextRange {
  readonly article: string;
}

export interface EntityMentionRef extends ArticleRange {
  readonly ruleId: string;
}

export interface Entity {
  readonly id: string;
  /** The fullest form the articles use ("Izz al-Din Haddad"), titles cut off. */
  readonly name: string;
  readonly type: EntityType;
  /** Every other form the articles use for it (case, transliteration, short form, description). */
  readonly aliases: readonly string[];
  /** Titles and roles cut from around the name ("U.S. President", "head of Hamas' military wing"). */
  readonly roles: readonly string[];
  readonly mentions: readonly EntityMentionRef[];
  /** Set when the entity is a news outlet (from the outlet lexicon or "the newspaper X"). */
  readonly outlet?: boolean;
}

export interface AttributedSource extends TextRange {
  readonly kind: SourceKind;
  /** The entity the source is, when it is one (a named person, an organization, an outlet). */
  readonly entity?: string;
  /** The entity the source belongs to, when stated ("Hamas sources", "Palestinian sources"). */
  readonly affiliation?: string;
  /** How many people, when stated ("three sources"); "several" stays undefined. */
  readonly count?: number;
  /** The earlier attribution a pronoun or "the sources" points back to. */
  readonly antecedent?: string;
}

export interface Attribution {
  readonly id: string;
  readonly article: string;
  readonly cue: TextRange;
  readonly content: readonly TextRange[];
  readonly source?: AttributedSource;
  /** Content in quotation marks: the source's own words. */
  readonly direct: boolean;
  /** Outlet entity ids the statement travelled through, from the source outward. */
  readonly via: readonly string[];
  readonly polarity: 'assert' | 'deny';
  /** For a denial of "these reports": the attribution whose content it denies. */
  readonly respondsTo?: string;
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * Where a statement comes from, for counting independent confirmations: the innermost source of
 * its chain. Anonymous sources are only knowable through the outlet they spoke to, so all of one
 * outlet's sourcing is one origin; a named person or organization is one origin however many
 * outlets quote them; an outlet's unattributed reporting is that outlet's (or, for copies that
 * share long runs of text, that group's) origin.
 */
export type OriginKind = 'person' | 'organization' | 'outlet' | 'own-reporting';
export interface Origin {
  readonly id: string;
  readonly kind: OriginKind;
  /** For a reader: "Asharq al-Awsat, citing three Hamas sources", "Hazem Qassem". */
  readonly label: string;
}

/** One statement of a claim in one article: an attribution's content, or an unattributed sentence. */
export interface ClaimMention extends ArticleRange {
  readonly id: string;
  /** The innermost attribution whose content this is; undefined for the outlet's own statement. */
  readonly attribution?: string;
  /** Every attribution it is wrapped in, innermost first ("the outlet reported [one source said …]"). */
  readonly chain: readonly string[];
  readonly origin: Origin;
  readonly polarity: 'assert' | 'deny';
  /** Unattributed context about earlier events ("The dispute dates back to December"). */
  readonly background: boolean;
}

export type ClaimStatus = 'denied' | 'contested' | 'corroborated' | 'single-origin';
/** Mentions across the articles that state the same thing. */
export interface Claim {
  readonly id: string;
  readonly mentions: readonly ClaimMention[];
  /** The mention that stands for the claim (the one most like the others). */
  readonly representative: ClaimMention;
  readonly origins: readonly Origin[];
  readonly independentOrigins: number;
  status: ClaimStatus;
  conflicts: string[];
}

/**
 * The documented vocabulary of conflicts: `denial`, `number`, `date`, `role`, `permanence`,
 * `assertion` from the claims stage; `stale` and `recycled` from the time stage.
 */
export type ConflictKind =
  'denial' | 'number' | 'date' | 'role' | 'permanence' | 'assertion' | 'stale' | 'recycled';
export interface Conflict {
  readonly id: string;
  readonly kind: ConflictKind;
  readonly summary: string;
  /** Both sides, each a span in its article. */
  readonly evidence: readonly ArticleRange[];
  readonly claims: readonly string[];
  readonly ruleId: string;
  readonly reason: string;
}

export type RelationKind = 'same-event' | 'related' | 'unrelated';
export interface RelationEvidence {
  readonly kind: 'shared-claim' | 'shared-entity' | 'text-similarity' | 'dates' | 'shared-text';
  readonly detail: string;
  readonly claim?: string;
  readonly entity?: string;
  readonly value?: number;
}
/** How two articles of the run relate: the same event, a related one, or nothing in common. */
export interface ArticleRelation {
  readonly a: string;
  readonly b: string;
  readonly relation: RelationKind;
  readonly score: number;
  readonly evidence: readonly RelationEvidence[];
}

/**
 * The documented framing categories (`lexicons/framing.json`): labels attached to actors, loaded
 * or emotive words, intensifiers, hedges and speculation, vague attribution, certainty markers.
 */
export type FramingCategory =
  'actor-label' | 'loaded' | 'intensifier' | 'hedge' | 'vague-attribution' | 'certainty';
/** One framing term of one article: every place it occurs, and why it counts. */
export interface FramingTerm {
  /** The lexicon entry's head ("terror group"), or the word the loaded-language model scored. */
  readonly term: string;
  readonly category: FramingCategory;
  readonly spans: readonly ArticleRange[];
  /** How many of the spans stand inside quotation marks: a speaker's words, not the outlet's. */
  readonly quoted: number;
  /** `framing:<entry id>` for a lexicon entry, `loaded-language-model` for the trained scorer. */
  readonly ruleId: string;
  readonly reason: string;
}
export interface ArticleFraming {
  readonly article: string;
  readonly terms: readonly FramingTerm[];
}
/** What an outlet calls an entity: "terror leader" for Mashaal, "the terror group" for Hamas. */
export interface EntityLabel {
  readonly entity: string;
  readonly article: string;
  /** The label as written, folded to lower case ("terror leader"). */
  readonly label: string;
  /** Where the label stands; in `removed` text (a caption) it is offsets into the original input. */
  readonly span: ArticleRange;
  /** apposition ("terror leader X"), group noun ("the Hamas terror group"), caption, title. */
  readonly how: 'apposition' | 'group-noun' | 'caption' | 'title';
  readonly removed?: boolean;
}

/** How exactly a time expression is known: a day, a month, a year, a range, or not resolvable. */
export type DatePrecision = 'day' | 'month' | 'year' | 'range' | 'unresolved';
/** A dated event: the expression, what it resolves to, and the sentence it dates. */
export interface TimelineEntry extends ArticleRange {
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as far as it is known; absent when nothing is. */
  readonly date?: string;
  /** The last day (month, year) of a range ("over the weekend" → Saturday to Sunday). */
  readonly dateEnd?: string;
  readonly precision: DatePrecision;
  /** The sentence the expression dates. */
  readonly event: ArticleRange;
  readonly ruleId: string;
  readonly reason: string;
}

/** Two articles that share long runs of word-for-word text: copies of one another (syndication, recycling). */
export interface SharedText {
  readonly a: string;
  readonly b: string;
  /** How many eight-word shingles the two share. */
  readonly shared: number;
  /** Share of the shorter article's shingles that the other has too. */
  readonly share: number;
  /** The longest run of shared text, in each article. */
  readonly spanA: TextRange;
  readonly spanB: TextRange;
}

/** The whole stretch an attribution covers: source, cue and every piece of content. */
export function attributionRange(attribution: Attribution): TextRange {
  return rangeHull([
    attribution.cue,
    ...attribution.content,
    ...(attribution.source ? [attribution.source] : []),
  ]);
}

export class Story {
  entities: Entity[] = [];
  attributions: Attribution[] = [];
  claims: Claim[] = [];
  conflicts: Conflict[] = [];
  relations: ArticleRelation[] = [];
  /** Pairs of articles that are copies of one another (the claims stage finds them). */
  copies: SharedText[] = [];
  framing: ArticleFraming[] = [];
  labels: EntityLabel[] = [];
  /** Every article's dated events, oldest first; unresolved ones last, in article order. */
  timeline: TimelineEntry[] = [];
  private readonly byId: ReadonlyMap<string, Article>;
  constructor(readonly articles: readonly Article[]) {
    this.byId = new Map(articles.map((article) => [article.id, article]));
  }

  article(id: string): Article | undefined {
    return this.byId.get(id);
  }

  entity(id: string): Entity | undefined {
    return this.entities.find((entity) => entity.id === id);
  }
}
