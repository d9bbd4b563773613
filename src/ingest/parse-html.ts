import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Block, BlockHint, ReadableText } from '../model/block.js';
import type { SourceMetadata } from './source-document.js';

type HtmlDocument = ReturnType<typeof parseHTML>['document'];
type HtmlElement = HtmlDocument['body'];
type HtmlNode = HtmlElement['firstChild'] & object;

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH',
  'THEAD', 'TR', 'UL', 'BR',
]);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT']);
const HINT_BY_TAG: Readonly<Record<string, BlockHint>> = {
  FIGCAPTION: 'caption',
  H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading',
  LI: 'list-item',
  BLOCKQUOTE: 'quote',
};
/** Between blocks in the readable text of a page: a blank line, as in a plain-text article. */
const BLOCK_SEPARATOR = '\n\n';

export interface ExtractedPage {
  readonly readable: ReadableText;
  readonly metadata: SourceMetadata;
  /** True when Readability found no article and the whole body was used. */
  readonly fellBack: boolean;
}

/**
 * The article out of an HTML page: Mozilla Readability over linkedom picks the body; its blocks
 * become the readable text. Metadata comes from meta tags and JSON-LD, read before Readability
 * rewrites the document. A fragment (a feed item's HTML) skips Readability: it has no furniture.
 */
export function extractHtml(html: string, options: { fragment?: boolean; url?: string } = {}): ExtractedPage {
  const source = options.fragment ? `<!doctype html><html><body>${html}</body></html>` : html;
  const { document } = parseHTML(source);
  const metadata = options.fragment ? {} : readPageMetadata(document);
  if (options.fragment) {
    return { readable: blocksOf(document.body), metadata, fellBack: false };
  }
  let article: ReturnType<Readability<string>['parse']> = null;
  try {
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { keepClasses: true }).parse();
  } catch {
    article = null;
  }
  if (article?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    const readable = blocksOf(content.body);
    if (readable.text.trim()) {
      const byline = metadata.byline ?? cleanByline(article.byline);
      return { readable, metadata: { ...metadata, ...(byline ? { byline } : {}) }, fellBack: false };
    }
  }
  const { document: again } = parseHTML(source);
  return { readable: blocksOf(again.body), metadata, fellBack: true };
}

function cleanByline(byline: string | null | undefined): string | undefined {
  const trimmed = byline?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : undefined;
}

/** Walks block elements, collecting each one's inline text (whitespace collapsed) as a block. */
function blocksOf(root: HtmlElement | null): ReadableText {
  const blocks: Block[] = [];
  let text = '';
  let buffer = '';
  let bufferHint: BlockHint | undefined;
  const flush = (): void => {
    const collapsed = buffer.replace(/\s+/g, ' ').trim();
    if (collapsed) {
      if (text) text += BLOCK_SEPARATOR;
      const start = text.length;
      text += collapsed;
      blocks.push({ start, end: text.length, ...(bufferHint ? { hint: bufferHint } : {}) });
    }
    buffer = '';
    bufferHint = undefined;
  };
  const walk = (node: HtmlNode, hint: BlockHint | undefined): void => {
    if (node.nodeType === 3) {
      if (!buffer.trim()) bufferHint = hint;
      buffer += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as unknown as HtmlElement;
    const tag = element.tagName.toUpperCase();
    if (SKIPPED_TAGS.has(tag) || element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return;
    const isBlock = BLOCK_TAGS.has(tag);
    const ownHint = HINT_BY_TAG[tag] ?? (isCaptionElement(element) ? 'caption' : undefined);
    if (isBlock) flush();
    for (let child = element.firstChild; child; child = child.nextSibling) {
      walk(child as HtmlNode, ownHint ?? hint);
    }
    if (isBlock) flush();
  };
  if (root) {
    for (let child = root.firstChild; child; child = child.nextSibling) walk(child as HtmlNode, undefined);
  }
  flush();
  return { text, blocks };
}

function isCaptionElement(element: HtmlElement): boolean {
  const className = `${element.getAttribute('class') ?? ''} ${element.getAttribute('itemprop') ?? ''}`;
  return /\b(caption|credit|photo-credit|image-credit|wp-caption-text)\b/i.test(className);
}

/** Title, byline, date, site name and canonical URL from meta tags, then JSON-LD for what is missing. */
export function readPageMetadata(document: HtmlDocument): SourceMetadata {
  const meta = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const element =
        document.querySelector(`meta[property="${key}"]`) ??
        document.querySelector(`meta[name="${key}"]`) ??
        document.querySelector(`meta[itemprop="${key}"]`);
      const value = element?.getAttribute('content')?.trim();
      if (value) return value;
    }
    return undefined;
  };
  const jsonLd = readJsonLdArticle(document);
  const title =
    meta('og:title', 'twitter:title') ?? jsonLd.title ?? document.querySelector('title')?.textContent?.trim() ?? undefined;
  const outlet = meta('og:site_name', 'application-name') ?? jsonLd.outlet;
  const published =
    meta('article:published_time', 'og:published_time', 'datePublished', 'date', 'pubdate', 'publishdate', 'dc.date', 'DC.date.issued', 'sailthru.date', 'parsely-pub-date') ??
    jsonLd.published ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const byline = meta('author', 'article:author', 'byl', 'parsely-author') ?? jsonLd.byline;
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta('og:url');
  const result: SourceMetadata = {};
  if (title) result.title = title;
  if (outlet) result.outlet = outlet;
  if (published) result.published = published;
  if (byline && !/^https?:/i.test(byline)) result.byline = byline;
  if (canonical && /^https?:\/\//i.test(canonical)) result.url = canonical;
  return result;
}

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|OpinionNewsArticle|LiveBlogPosting|WebPage)$/;

interface JsonLdFields {
  title?: string;
  outlet?: string;
  published?: string;
  byline?: string;
}

function readJsonLdArticle(document: HtmlDocument): JsonLdFields {
  const candidates: Record<string, unknown>[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      collectObjects(JSON.parse(script.textContent ?? ''), candidates);
    } catch {
      // A broken JSON-LD block is common on real pages and says nothing about the article: skip it.
    }
  }
  const typeOf = (value: Record<string, unknown>): string[] =>
    ([] as unknown[]).concat(value['@type'] ?? []).filter((type): type is string => typeof type === 'string');
  const article =
    candidates.find((value) => typeOf(value).some((type) => ARTICLE_TYPES.test(type) && type !== 'WebPage')) ??
    candidates.find((value) => typeOf(value).includes('WebPage'));
  if (!article) return {};
  const fields: JsonLdFields = {};
  const headline = stringOf(article['headline']) ?? stringOf(article['name']);
  if (headline) fields.title = headline;
  const published = stringOf(article['datePublished']) ?? stringOf(article['dateCreated']);
  if (published) fields.published = published;
  const outlet = nameOf(article['publisher']);
  if (outlet) fields.outlet = outlet;
  const byline = ([] as unknown[]).concat(article['author'] ?? []).map(nameOf).filter(Boolean).join(', ');
  if (byline) fields.byline = byline;
  return fields;
}

function collectObjects(value: unknown, into: Record<string, unknown>[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectObjects(item, into);
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    into.push(object);
    if (object['@graph']) collectObjects(object['@graph'], into);
  }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return stringOf(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return stringOf((value as Record<string, unknown>)['name']);
  }
  if (Array.isArray(value)) return nameOf(value[0]);
  return undefined;
}
