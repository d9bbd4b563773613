import { foldName } from '../entities/name-keys.js';
import type { Article } from '../model/article.js';
import type { Attribution, Entity, Origin, Story } from '../model/story.js';
import type { MentionDraft } from './claim-mentions.js';

/**
 * The origin of each statement: the innermost source of its chain, so that a report retold by
 * several outlets counts once. Rules, in order:
 *  - a named person or organization (not an outlet) is its own origin, whoever quotes them;
 *  - an outlet speaking ("Asharq Al-Awsat reported …") is that outlet;
 *  - anonymous, vague and document sources are known only through the outlet they spoke to: the
 *    first outlet of the chain, else an enclosing attribution's outlet, else the outlet an
 *    antecedent ("one of the sources") came through, else, for "the report", the last outlet cited
 *    before it; failing all of these, the article's own sourcing;
 *  - an unattributed sentence is the article's own reporting.
 * The article's own outlet is its metadata outlet, or else the outlet its sources "spoke with"
 * that it never cites as a speaker ("Palestinian sources who spoke with ynet"). Articles that are
 * copies of each other share one own-reporting origin.
 */
export interface OriginContext {
  readonly story: Story;
  /** Article id → id of its copy group (itself when it has no copies). */
  readonly copyGroup: ReadonlyMap<string, string>;
}

/** "Baltic Wire" is "Baltic Wire Service": one folded name starts the other, word for word. */
function sameOutletName(a: string, b: string): boolean {
  const [x, y] = [foldName(a), foldName(b)];
  return x === y || y.startsWith(`${x} `) || x.startsWith(`${y} `);
}

const SPOKE_WITH = /\b(?:spoke|spoken|speaking|talked|talking)\s+(?:with|to)\s+$|\btold\s+$/i;

function attributionIndex(story: Story): Map<string, Attribution> {
  return new Map(story.attributions.map((attribution) => [attribution.id, attribution]));
}

/** The outlet entity an article speaks for: its metadata, or the outlet its sources spoke with. */
export function ownOutlets(story: Story): Map<string, Entity | undefined> {
  const outlets = story.entities.filter((entity) => entity.outlet);
  const own = new Map<string, Entity | undefined>();
  const byArticle = new Map<string, Attribution[]>();
  for (const attribution of story.attributions) {
    const list = byArticle.get(attribution.article) ?? [];
    list.push(attribution);
    byArticle.set(attribution.article, list);
  }
  for (const article of story.articles) {
    const name = article.metadata.outlet;
    let outlet = name
      ? outlets.find((entity) =>
          [entity.name, ...entity.aliases].some((alias) => sameOutletName(alias, name)),
        )
      : undefined;
    if (!name) {
      const attributions = byArticle.get(article.id) ?? [];
      const speakers = new Set(
        attributions
          .map((attribution) => attribution.source?.entity)
          .filter((id) => id !== undefined),
      );
      // An outlet writes about itself as the one its sources "spoke with"/"told".
      const spokenTo = outlets.filter((entity) =>
        entity.mentions.some(
          (mention) =>
            mention.article === article.id &&
            SPOKE_WITH.test(article.text.slice(Math.max(0, mention.start - 24), mention.start)),
        ),
      );
      const candidates = new Set(
        attributions
          .filter((attribution) => attribution.source && attribution.source.kind !== 'outlet')
          .flatMap((attribution) => attribution.via.slice(0, 1))
          .filter((id) => !speakers.has(id) && spokenTo.some((entity) => entity.id === id)),
      );
      outlet = candidates.size === 1 ? story.entity([...candidates][0]!) : undefined;
    }
    own.set(article.id, outlet);
  }
  return own;
}

function articleLabel(article: Article, outlet: Entity | undefined): string {
  return outlet?.name ?? article.metadata.outlet ?? `article ${article.id}`;
}

export class OriginTracer {
  private readonly attributions: Map<string, Attribution>;
  private readonly own: Map<string, Entity | undefined>;
  private readonly details = new Map<string, string[]>();
  private readonly names = new Map<string, string>();

  constructor(private readonly context: OriginContext) {
    this.attributions = attributionIndex(context.story);
    this.own = ownOutlets(context.story);
  }

  originOf(mention: MentionDraft): Origin {
    const article = this.context.story.article(mention.article)!;
    if (!mention.attribution) return this.ownReporting(article);
    const attribution = mention.attribution;
    const source = attribution.source;
    const entity = source?.entity ? this.context.story.entity(source.entity) : undefined;
    if (entity && !entity.outlet && (source!.kind === 'named' || source!.kind === 'organization')) {
      return {
        id: `entity:${entity.id}`,
        kind: entity.type === 'person' ? 'person' : 'organization',
        label: entity.name,
      };
    }
    if (entity?.outlet) return this.outletOrigin(article, entity, undefined);
    const outletId = this.outletThrough(mention);
    const outlet = outletId ? this.context.story.entity(outletId) : undefined;
    // Only unnamed sources describe an outlet's sourcing ("three Hamas sources").
    const detail = source?.kind === 'anonymous' ? article.slice(source).trim() : undefined;
    if (outlet) return this.outletOrigin(article, outlet, detail);
    return this.ownReporting(article, detail);
  }

  private outletOrigin(article: Article, outlet: Entity, detail: string | undefined): Origin {
    if (this.own.get(article.id)?.id === outlet.id) return this.ownReporting(article, detail);
    const id = `outlet:${outlet.id}`;
    return { id, kind: 'outlet', label: this.label(id, outlet.name, detail) };
  }

  private ownReporting(article: Article, detail?: string): Origin {
    const group = this.context.copyGroup.get(article.id) ?? article.id;
    const id = `own:${group}`;
    const members = this.context.story.articles.filter(
      (other) => (this.context.copyGroup.get(other.id) ?? other.id) === group,
    );
    const name = `${members.map((member) => articleLabel(member, this.own.get(member.id))).join(' / ')} (own reporting)`;
    return { id, kind: 'own-reporting', label: this.label(id, name, detail) };
  }

  /** Notes the sourcing seen for an origin; the label is final once every mention is traced. */
  private label(id: string, name: string, detail: string | undefined): string {
    this.names.set(id, name);
    const details = this.details.get(id) ?? [];
    // "The same sources", "another", "one of the sources" only point back: they add nothing.
    const pointsBack =
      /^(?:the\s+)?(?:same|other|these|those|another|one of|some of|the sources)\b/i;
    if (
      detail &&
      !pointsBack.test(detail) &&
      /\b(sources?|officials?|people|person|leaders?|members?|diplomats?|officers?)\b/i.test(detail)
    ) {
      details.push(detail.replace(/^(?:the|a|an)\s+/i, '').replace(/["“”]/g, ''));
    }
    this.details.set(id, details);
    return name;
  }

  /**
   * "Asharq al-Awsat, citing three Hamas sources": the outlet and its most specific sourcing (one
   * that counts its sources, else the shortest), from every mention traced so far.
   */
  finalLabel(origin: Origin): Origin {
    const name = this.names.get(origin.id) ?? origin.label;
    const details = this.details.get(origin.id) ?? [];
    const counted = details.filter((text) =>
      /\d|\b(?:two|three|four|five|six|seven|eight|nine|ten)\b/i.test(text),
    );
    const best = (counted.length > 0 ? counted : details).sort((a, b) => a.length - b.length)[0];
    return { ...origin, label: best ? `${name}, citing ${best}` : name };
  }

  /** The outlet an anonymous, vague or document source came through, if the text says. */
  private outletThrough(mention: MentionDraft): string | undefined {
    for (const attribution of mention.chain) {
      if (attribution.via[0]) return attribution.via[0];
      const entity = attribution.source?.entity;
      if (entity && this.context.story.entity(entity)?.outlet) return entity;
    }
    let antecedent = mention.attribution?.source?.antecedent;
    for (let hops = 0; antecedent && hops < 8; hops++) {
      const earlier = this.attributions.get(antecedent);
      if (!earlier) break;
      if (earlier.via[0]) return earlier.via[0];
      antecedent = earlier.source?.antecedent;
    }
    if (mention.attribution?.source?.kind === 'document') {
      const before = this.context.story.attributions.filter(
        (attribution) =>
          attribution.article === mention.article &&
          attribution.cue.start < mention.attribution!.cue.start &&
          (attribution.via.length > 0 || attribution.source?.kind === 'outlet'),
      );
      // A headline's "report says" is the report its body goes on to cite.
      const cited =
        before.at(-1) ??
        this.context.story.attributions.find(
          (attribution) =>
            attribution.article === mention.article &&
            attribution.cue.start > mention.attribution!.cue.start &&
            (attribution.via.length > 0 || attribution.source?.kind === 'outlet'),
        );
      return cited?.via[0] ?? cited?.source?.entity;
    }
    return undefined;
  }
}
