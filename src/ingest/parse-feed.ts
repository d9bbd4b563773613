import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../model/errors.js';
import type { SourceMetadata } from './source-document.js';

/** One item of an RSS, Atom or JSON Feed, reduced to what an article needs. */
export interface FeedItem {
  readonly metadata: SourceMetadata;
  /** The item's body: HTML for most feeds, plain text when the feed says so. */
  readonly content: string;
  readonly contentFormat: 'html' | 'text';
}

export interface ParsedFeed {
  readonly title?: string;
  readonly items: readonly FeedItem[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  cdataPropName: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'link', 'category', 'author'].includes(name),
});

/** True when text looks like an XML feed (RSS, RDF or Atom) rather than an HTML page. */
export function looksLikeXmlFeed(text: string): boolean {
  const head = text.slice(0, 2000).trimStart();
  return /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(rss|feed|rdf:RDF)[\s>]/i.test(head);
}

/** True when text is a JSON Feed (https://jsonfeed.org). */
export function looksLikeJsonFeed(text: string): boolean {
  return /^\s*\{[\s\S]{0,500}"version"\s*:\s*"https:\/\/jsonfeed\.org/.test(text);
}

export function parseXmlFeed(xml: string, input: string): ParsedFeed {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    throw new InputError(
      'bad-feed',
      input,
      `malformed feed XML at line ${validation.err.line}: ${validation.err.msg}`,
    );
  }
  const document = parser.parse(xml) as Record<string, unknown>;
  const rss = record(document['rss']);
  const rdf = record(document['rdf:RDF']);
  const atom = record(document['feed']);
  if (rss || rdf) {
    const channel = record(rss?.['channel']) ?? record(rdf?.['channel']) ?? {};
    const rawItems = list(channel['item'] ?? rdf?.['item']);
    const feedTitle = textOf(channel['title']);
    return {
      ...(feedTitle ? { title: feedTitle } : {}),
      items: rawItems.map((item) => rssItem(record(item) ?? {}, feedTitle)),
    };
  }
  if (atom) {
    const feedTitle = textOf(atom['title']);
    return {
      ...(feedTitle ? { title: feedTitle } : {}),
      items: list(atom['entry']).map((entry) => atomEntry(record(entry) ?? {}, feedTitle)),
    };
  }
  throw new InputError('bad-feed', input, 'XML is not an RSS, RDF or Atom feed');
}

function rssItem(item: Record<string, unknown>, feedTitle: string | undefined): FeedItem {
  const content = textOf(item['content:encoded']) ?? textOf(item['description']) ?? '';
  const link = list(item['link']).map(textOf).find(Boolean) ?? textOf(item['guid']);
  return {
    content,
    contentFormat: 'html',
    metadata: compact({
      title: textOf(item['title']),
      url: link && /^https?:\/\//i.test(link) ? link : undefined,
      published: textOf(item['pubDate']) ?? textOf(item['dc:date']),
      byline: textOf(item['dc:creator']) ?? textOf(list(item['author'])[0]),
      outlet: textOf(item['source']) ?? feedTitle,
    }),
  };
}

function atomEntry(entry: Record<string, unknown>, feedTitle: string | undefined): FeedItem {
  const contentNode = entry['content'] ?? entry['summary'];
  const type = record(contentNode)?.['@type'];
  const links = list(entry['link']).map((link) => record(link) ?? {});
  const alternate = links.find((link) => !link['@rel'] || link['@rel'] === 'alternate') ?? links[0];
  const author = record(list(entry['author'])[0]);
  return {
    content: textOf(contentNode) ?? '',
    contentFormat: type === 'text' ? 'text' : 'html',
    metadata: compact({
      title: textOf(entry['title']),
      url: textOf(alternate?.['@href']),
      published: textOf(entry['published']) ?? textOf(entry['updated']),
      byline: textOf(author?.['name']),
      outlet: feedTitle,
    }),
  };
}

export function parseJsonFeed(json: string, input: string): ParsedFeed {
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(json) as Record<string, unknown>;
  } catch (error) {
    throw new InputError('bad-feed', input, `malformed JSON Feed: ${(error as Error).message}`);
  }
  if (!Array.isArray(document['items']))
    throw new InputError('bad-feed', input, 'JSON Feed has no "items" array');
  const feedTitle = textOf(document['title']);
  return {
    ...(feedTitle ? { title: feedTitle } : {}),
    items: document['items'].map((raw) => {
      const item = record(raw) ?? {};
      const html = textOf(item['content_html']);
      const authors = list(item['authors'] ?? item['author']).map((author) =>
        textOf(record(author)?.['name']),
      );
      return {
        content: html ?? textOf(item['content_text']) ?? textOf(item['summary']) ?? '',
        contentFormat: html ? 'html' : 'text',
        metadata: compact({
          id: textOf(item['id']),
          title: textOf(item['title']),
          url: textOf(item['url']),
          published: textOf(item['date_published']) ?? textOf(item['date_modified']),
          byline: authors.filter(Boolean).join(', ') || undefined,
          outlet: feedTitle,
        }),
      };
    }),
  };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  const node = record(value);
  if (node) return textOf(node['#text']);
  return undefined;
}

function compact(fields: Record<string, string | undefined>): SourceMetadata {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (value) result[key] = value;
  return result as SourceMetadata;
}
