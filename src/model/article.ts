import type { Diagnostic } from './diagnostic.js';
import { PipelineError } from './errors.js';
import type { OffsetMap } from './offset-map.js';
import type { TextRange } from './span.js';

/** Metadata an input may carry; any of it may be missing. */
export interface ArticleMetadata {
  readonly id: string;
  readonly path?: string;
  readonly url?: string;
  readonly outlet?: string;
  readonly title?: string;
  /** ISO 8601 date or date-time, as the input gave it (normalised to ISO when parseable). */
  readonly published?: string;
  readonly byline?: string;
  /** ISO 639-1 code of the article's language, or `und` when it cannot be told. */
  readonly language: string;
}

/** Something cleaning took out of the input, with offsets into the original input text. */
export interface RemovedText extends TextRange {
  readonly text: string;
  /** Why it went, for the reader ("photo credit", "gallery widget"). */
  readonly reason: string;
  /** The lexicon rule or structural rule that removed it. */
  readonly ruleId: string;
}

export type HeadingKind = 'headline' | 'dek' | 'subheading';
export interface Heading extends TextRange {
  readonly kind: HeadingKind;
}

export type TokenKind = 'word' | 'number' | 'punctuation' | 'symbol' | 'other';
export interface Token extends TextRange {
  readonly kind: TokenKind;
}

/** NER classes, mapped to CoNLL as person→PER, organization→ORG, place→LOC, group/other→MISC. */
export type EntityType = 'person' | 'organization' | 'place' | 'group' | 'other';
/** One name in the text as the tagger (or a rule) found it; resolution merges them into entities. */
export interface EntityMention extends TextRange {
  readonly type: EntityType;
  /** The model or rule that found it (`ner-model`, a gazetteer rule id, …). */
  readonly ruleId: string;
}

/**
 * One attribution as the tagger found it, before sources are classified and chains resolved:
 * who (may be missing: "it was reported that …"), the cue ("said", "according to"), and what was
 * attributed (possibly discontinuous, as in "“X,” he said, “Y.”").
 */
export interface AttributionSpans extends TextRange {
  /** `start`/`end` cover every part below, so the layer can be searched like any other. */
  readonly cue: TextRange;
  readonly source?: TextRange;
  readonly content: readonly TextRange[];
}

/** The stand-off layers over an article's text, by name, with the type of their items. */
export interface LayerTypes {
  paragraphs: TextRange;
  headings: Heading;
  sentences: TextRange;
  tokens: Token;
  entityMentions: EntityMention;
  attributionSpans: AttributionSpans;
}
export type LayerName = keyof LayerTypes;

/**
 * One report: its cleaned text, which never changes once built, and everything found in it as
 * stand-off layers of offsets into that text. Layers are set once, by the stage that provides them.
 */
export class Article {
  private readonly layers = new Map<LayerName, readonly TextRange[]>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly text: string,
    readonly metadata: ArticleMetadata,
    /** The text cleaning started from: the decoded file, or the readable text of an HTML page. */
    readonly original: string,
    readonly removed: readonly RemovedText[],
    /** Maps offsets in `text` back to `original`. */
    readonly offsetMap: OffsetMap,
  ) {}

  get id(): string {
    return this.metadata.id;
  }

  hasLayer(name: LayerName): boolean {
    return this.layers.has(name);
  }

  layer<Name extends LayerName>(name: Name): readonly LayerTypes[Name][] {
    const items = this.layers.get(name);
    if (!items) {
      throw new PipelineError('missing-layer', `article ${this.id} has no "${name}" layer yet`);
    }
    return items as readonly LayerTypes[Name][];
  }

  setLayer<Name extends LayerName>(name: Name, items: readonly LayerTypes[Name][]): void {
    if (this.layers.has(name)) {
      throw new PipelineError(
        'layer-already-set',
        `article ${this.id} already has a "${name}" layer`,
      );
    }
    this.layers.set(name, items);
  }

  slice(range: TextRange): string {
    return this.text.slice(range.start, range.end);
  }
}
