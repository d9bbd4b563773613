import type { Article, EntityType } from './article.js';
import type { SourceKind } from './report.js';
import type { TextRange } from './span.js';

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

export class Story {
  entities: Entity[] = [];
  attributions: Attribution[] = [];
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
