import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Block, BlockHint, ReadableText } from '../model/block.js';
import type { SourceMetadata } from './source-document.js';

type HtmlDocument = ReturnType<typeof parseHTML>['document'];
type HtmlElement = HtmlDocument['body'];
type HtmlNode = HtmlElement['firstChild'] & object;
type ReadabilityResult = ReturnType<Readability<string>['parse']>;

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'CENTER',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'TFOOT',
  'THEAD',
  'TR',
  'UL',
  'BR',
]);
/**
 * Table cells are not blocks of their own: a row is one block, its cells separated by a space, so
 * that a row of a results table reads as one line ("6 Ryan Blaney 2339 1 1") rather than a run of
 * one-word blocks that boilerplate rules mistake for caption debris.
 */
const CELL_TAGS = new Set(['TD', 'TH']);
const CELL_SEPARATOR = ' ';
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'INPUT',
]);
/** Media that a caption may follow. */
const MEDIA_TAGS = new Set(['IMG', 'PICTURE', 'VIDEO', 'FIGURE']);
/** Inline emphasis: a short wholly italic line right under an image is its caption. */
const EMPHASIS_TAGS = new Set(['EM', 'I']);
const HINT_BY_TAG: Readonly<Record<string, BlockHint>> = {
  FIGCAPTION: 'caption',
  H1: 'heading',
  H2: 'heading',
  H3: 'heading',
  H4: 'heading',
  H5: 'heading',
  H6: 'heading',
  LI: 'list-item',
  BLOCKQUOTE: 'quote',
};
/** Between blocks in the readable text of a page: a blank line, as in a plain-text article. */
const BLOCK_SEPARATOR = '\n\n';

/**
 * Page landmarks that are never the story: site navigation, banners, footers, sidebars. Readability
 * drops most of them itself, but when its first pass finds too little text it retries with its
 * filters off and can return the whole page, menus included; taking them out first prevents that.
 * An article's own <header> goes too: it holds the headline, byline and date, none of it body text.
 */
const FURNITURE_SELECTOR = [
  'nav',
  '[role="navigation"]',
  'header',
  '[role="banner"]',
  'footer',
  '[role="contentinfo"]',
  'aside',
  '[role="complementary"]',
].join(', ');
/**
 * Text only screen readers get: the page draws it off-screen ("Skip to content", "Opens in a new
 * window"), so a reader never sees it. Class names of WordPress, Bootstrap and common CSS kits.
 */
const SCREEN_READER_SELECTOR = [
  '.screen-reader-text',
  '.sr-only',
  '.visually-hidden',
  '.visuallyhidden',
  '.element-invisible',
].join(', ');
/**
 * A landmark holding more than this share of the page's paragraph text is not furniture but
 * broken markup (an unclosed <header> swallowing the page) or an odd template: it stays.
 */
const MAX_FURNITURE_TEXT_SHARE = 0.5;
/**
 * An element named as a caption, byline or date with more words than this is a container that
 * happens to be named so (`<article class="post author-jane">`): it is left as it is.
 */
const MAX_NAMED_ELEMENT_WORDS = 80;
/**
 * Attribute put on a <span> wrapped around a byline's or a date's content before Readability runs.
 * Readability rewrites text-only <div>s into bare <p>s, losing their class, so what a class name
 * says must be carried by an element that it leaves alone.
 */
const MARK_ATTRIBUTE = 'data-triangulate';
type Mark = 'byline' | 'dateline';
/** itemprop values and class-name words (see nameWords) that mark a publication date. */
const DATE_ITEMPROPS = new Set(['datepublished', 'datemodified', 'datecreated']);
const DATE_NAME_WORDS = new Set(['date', 'dateline', 'timestamp', 'postdate', 'pubdate']);
/** itemprop values, rel values and class-name words that mark an author's name. */
const BYLINE_NAME_WORDS = new Set(['byline', 'author']);
/**
 * A block holding a byline or date with at most this many words is the byline or dateline itself
 * ("Posted on March 30, 2015 by Admin"); a longer one is a paragraph that happens to contain one.
 */
const MAX_MARKED_LINE_WORDS = 15;
/**
 * A block that lies (almost) wholly inside an element named as a byline or author is the byline or
 * the author's box, whatever its length: "Regan is a Connecticut native now living in …".
 */
const MIN_AUTHOR_BOX_SHARE = 0.9;
/** Words in class names and itemprop that name a caption or a credit (see nameWords). */
const CAPTION_NAME_WORDS = new Set(['caption', 'credit']);
/**
 * A block is a link when at least this share of its text is link text: a headline teaser, a menu
 * entry. Runs of them pointing into the page's own site are "related stories" and menus.
 */
const MIN_LINK_BLOCK_SHARE = 0.9;
/** Fewer than this many link blocks in a row may be a real paragraph that is one link ("Read the report"). */
const MIN_LINK_RUN = 2;
/**
 * List items that only hold a link among other words count as teasers in runs at least this long:
 * a short list with a link in each item may be the article's own.
 */
const MIN_TEASER_LIST_RUN = 3;
/** Emphasised text must be at least this share of a line under an image for the line to be its caption. */
const MIN_CAPTION_EMPHASIS_SHARE = 0.9;
/** An italic line under an image longer than this is an italic paragraph, not a caption. */
const MAX_POSITIONAL_CAPTION_WORDS = 25;
/**
 * Headings before the first paragraph of at least this many words are the page's headline and dek
 * when they repeat its title or description; past it, headings are the article's own.
 */
const MIN_LEAD_PARAGRAPH_WORDS = 12;
/**
 * When the page marks its body, with microdata (itemprop="articleBody") or as its one <article>
 * element, Readability is run again on that element alone, which leaves out the dek, bylines and
 * furniture around it. The narrowed result is used when it keeps at least this share of the
 * whole-page result's text; a page that marks only a teaser or the first paragraph fails that.
 */
const MIN_MARKED_BODY_SHARE = 0.6;
/**
 * JSON-LD articleBody is used instead of Readability's result only when that result is shorter
 * than this share of it: Readability failed or caught a fragment. Otherwise Readability is
 * preferred, since articleBody is often truncated, stripped of paragraphs or stale.
 */
const MIN_READABILITY_SHARE_OF_DECLARED_BODY = 0.5;
/** A marked body shorter than this is a teaser, not the article. */
const MIN_MARKED_BODY_CHARACTERS = 500;

export interface ExtractedPage {
  readonly readable: ReadableText;
  readonly metadata: SourceMetadata;
  /** True when Readability found no article and the whole body was used. */
  readonly fellBack: boolean;
}

/** What block filtering knows about the page: its own site and the texts of its headline and dek. */
interface PageContext {
  /** Host of the page's URL without "www.", when the page names its URL. */
  readonly site: string | undefined;
  /** Title and description from meta tags and <title>, normalised by headlineKey. */
  readonly headlines: ReadonlySet<string>;
}

/**
 * The article out of an HTML page: Mozilla Readability over linkedom picks the body; its blocks
 * become the readable text. Metadata comes from meta tags and JSON-LD, read before Readability
 * rewrites the document. A fragment (a feed item's HTML) skips Readability: it has no furniture.
 *
 * Around Readability: landmarks (menus, banners, footers) and screen-reader-only text go before it
 * runs, and named captions, bylines and dates are marked so the marks survive it. When the page
 * marks its body, Readability also runs on that alone (see MIN_MARKED_BODY_SHARE). After it, menus
 * and related-story lists that survived (runs of links into the page's own site) and a headline or
 * dek repeating the page's title are dropped; bylines, datelines and captions get their block hint
 * for boilerplate cleaning. JSON-LD articleBody stands in when Readability finds little or nothing.
 */
export function extractHtml(
  html: string,
  options: { fragment?: boolean; url?: string } = {},
): ExtractedPage {
  const source = options.fragment ? `<!doctype html><html><body>${html}</body></html>` : html;
  const { document } = parseHTML(source);
  if (options.fragment) {
    return { readable: blocksOf(document.body), metadata: {}, fellBack: false };
  }
  const metadata = readPageMetadata(document);
  const page: PageContext = {
    site: siteOf(options.url ?? metadata.url),
    headlines: headlineKeys(document),
  };
  const declaredBody = jsonLdArticleBody(document);
  const markedBody = markedArticleBody(document);
  prepareDocument(document);
  let article = runReadability(document);
  if (markedBody) {
    prepareDocument(markedBody);
    const narrowed = runReadability(markedBody);
    if (narrowed && textLength(narrowed) >= textLength(article) * MIN_MARKED_BODY_SHARE) {
      article = narrowed;
    }
  }
  const readable = article?.content
    ? blocksOf(
        parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body,
        page,
      )
    : undefined;
  const readableLength = readable?.text.length ?? 0;
  if (
    declaredBody &&
    readableLength < declaredBody.length * MIN_READABILITY_SHARE_OF_DECLARED_BODY
  ) {
    return { readable: declaredBlocks(declaredBody, page), metadata, fellBack: false };
  }
  if (article && readable?.text.trim()) {
    const byline = metadata.byline ?? cleanByline(article.byline);
    return {
      readable,
      metadata: { ...metadata, ...(byline ? { byline } : {}) },
      fellBack: false,
    };
  }
  const { document: again } = parseHTML(source);
  prepareDocument(again);
  return { readable: blocksOf(again.body, page), metadata, fellBack: true };
}

/**
 * The article body a page declares in JSON-LD, as blocks: HTML when it holds markup, else one block
 * per line.
 */
function declaredBlocks(body: string, page: PageContext): ReadableText {
  if (/<(p|br|div)\b/i.test(body)) {
    return blocksOf(
      parseHTML(`<!doctype html><html><body>${body}</body></html>`).document.body,
      page,
    );
  }
  const lines = body
    .split(/\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return assemble(lines.map((text) => ({ ...PLAIN_BLOCK, text })));
}

function runReadability(document: HtmlDocument): ReadabilityResult {
  try {
    return new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      keepClasses: true,
    }).parse();
  } catch {
    return null;
  }
}

function textLength(article: ReadabilityResult): number {
  return article?.textContent?.trim().length ?? 0;
}

/**
 * The element a page marks as its body (see MIN_MARKED_BODY_SHARE) as a document of its own, only
 * when there is exactly one and it is long enough to be the article. It keeps the page's <head>:
 * Readability reads the title there to spot a repeated headline, and the author meta tags to decide
 * whether a byline in the body is still to be found (and removed) or already known (and left for
 * boilerplate cleaning to record). Read before anything rewrites the page.
 */
function markedArticleBody(document: HtmlDocument): HtmlDocument | undefined {
  let marked = document.querySelectorAll('[itemprop="articleBody"]');
  if (marked.length === 0) marked = document.querySelectorAll('article');
  if (marked.length !== 1) return undefined;
  const body = marked[0]!;
  if ((body.textContent ?? '').trim().length < MIN_MARKED_BODY_CHARACTERS) return undefined;
  const head = document.head?.outerHTML ?? '<head></head>';
  return parseHTML(`<!doctype html><html>${head}<body>${body.outerHTML}</body></html>`).document;
}

/**
 * Readies a page for Readability: takes out furniture landmarks and screen-reader-only text, turns
 * elements named as captions or credits into <figcaption>, and marks bylines and dates (see
 * MARK_ATTRIBUTE).
 */
function prepareDocument(document: HtmlDocument): void {
  const body = document.body;
  if (!body) return;
  const total = paragraphTextLength(body);
  for (const element of body.querySelectorAll(FURNITURE_SELECTOR)) {
    if (!element.parentNode) continue;
    if (total > 0 && paragraphTextLength(element) > total * MAX_FURNITURE_TEXT_SHARE) continue;
    element.remove();
  }
  for (const element of body.querySelectorAll(SCREEN_READER_SELECTOR)) element.remove();
  for (const element of body.querySelectorAll('[class], [itemprop], [rel]')) {
    if (!element.parentNode) continue;
    // A credit inside a caption is part of it: the caption stays one block.
    if (element.tagName === 'FIGCAPTION' || element.closest('figcaption')) continue;
    const caption = isCaptionElement(element);
    const mark = caption ? undefined : markOf(element);
    if (!caption && !mark) continue;
    if (wordCount(element.textContent ?? '') > MAX_NAMED_ELEMENT_WORDS) continue;
    if (caption) {
      const figcaption = document.createElement('figcaption');
      while (element.firstChild) figcaption.appendChild(element.firstChild);
      element.replaceWith(figcaption);
    } else if (mark) {
      const span = document.createElement('span');
      span.setAttribute(MARK_ATTRIBUTE, mark);
      while (element.firstChild) span.appendChild(element.firstChild);
      element.appendChild(span);
    }
  }
}

function paragraphTextLength(root: HtmlElement): number {
  let length = 0;
  for (const paragraph of root.querySelectorAll('p'))
    length += (paragraph.textContent ?? '').trim().length;
  return length;
}

/**
 * The words of class names, split at hyphens, underscores, digits and camelCase humps, lower-cased:
 * "wp-caption-text", "InlineImage-imageEmbedCaption" and "storyDate" give "caption", "caption" and
 * "date", while "captioned" or "update" give no such word.
 */
function nameWords(names: string): string[] {
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

function isCaptionElement(element: HtmlElement): boolean {
  const names = `${element.getAttribute('class') ?? ''} ${element.getAttribute('itemprop') ?? ''}`;
  return nameWords(names).some((word) => CAPTION_NAME_WORDS.has(word));
}

function markOf(element: HtmlElement): Mark | undefined {
  if (element.tagName === 'TIME') return undefined;
  const itemprop = (element.getAttribute('itemprop') ?? '').toLowerCase();
  const classWords = nameWords(element.getAttribute('class') ?? '');
  if (DATE_ITEMPROPS.has(itemprop) || classWords.some((word) => DATE_NAME_WORDS.has(word)))
    return 'dateline';
  if (
    itemprop === 'author' ||
    element.getAttribute('rel') === 'author' ||
    classWords.some((word) => BYLINE_NAME_WORDS.has(word))
  ) {
    return 'byline';
  }
  return undefined;
}

/** Title and description texts of the page, normalised, to recognise its headline and dek in the body. */
function headlineKeys(document: HtmlDocument): Set<string> {
  const keys = new Set<string>();
  const selectors = [
    'meta[property="og:title"]',
    'meta[name="twitter:title"]',
    'meta[name="description"]',
    'meta[property="og:description"]',
    'meta[name="twitter:description"]',
  ];
  for (const selector of selectors) {
    const key = headlineKey(document.querySelector(selector)?.getAttribute('content') ?? '');
    if (key) keys.add(key);
  }
  const title = headlineKey(document.querySelector('title')?.textContent ?? '');
  if (title) keys.add(title);
  return keys;
}

/** Letters and digits only, lower-cased: "Meth. We’re on it!" and "meth we re on it" compare equal. */
function headlineKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The host a page belongs to, without "www.", to tell its own links from links elsewhere. */
function siteOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return undefined;
  }
}

type LinkTarget = 'own-site' | 'elsewhere';

/** Relative links stay on the page's site; absolute ones are on it when the host is the site or a subdomain of it. */
function linkTarget(href: string, site: string | undefined): LinkTarget {
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');
  if (!absolute) return 'own-site';
  const host = siteOf(href.startsWith('//') ? `https:${href}` : href);
  if (!host || !site) return 'elsewhere';
  return host === site || host.endsWith(`.${site}`) || site.endsWith(`.${host}`)
    ? 'own-site'
    : 'elsewhere';
}

function cleanByline(byline: string | null | undefined): string | undefined {
  const trimmed = byline?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : undefined;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A block as the walk over the DOM finds it, with what filtering needs to know about its markup. */
interface RawBlock {
  readonly text: string;
  readonly hint?: BlockHint;
  /** Characters of `text` inside links. */
  readonly linkLength: number;
  /** True when a link in the block leads off the page's own site. */
  readonly linksElsewhere: boolean;
  /** Characters of `text` inside <em>/<i>. */
  readonly emphasisLength: number;
  /** True when the block comes right after an image with no text between. */
  readonly followsMedia: boolean;
  readonly marks: ReadonlySet<Mark>;
  /** Characters of `text` inside an element marked as a byline. */
  readonly bylineLength: number;
}

/**
 * The readable text under `root`: one block per block element, inline text with whitespace
 * collapsed. With a page context (a whole page, not a fragment) page furniture is filtered out.
 */
function blocksOf(root: HtmlElement | null, page?: PageContext): ReadableText {
  const raw = collectBlocks(root, page?.site);
  return assemble(page ? filterBlocks(raw, page) : raw);
}

/** What an element passes down to the text inside it. */
interface Inherited {
  readonly hint?: BlockHint;
  readonly inLink: boolean;
  readonly emphasised: boolean;
  readonly mark?: Mark;
}

function collectBlocks(root: HtmlElement | null, site: string | undefined): RawBlock[] {
  const blocks: RawBlock[] = [];
  let buffer = '';
  let bufferHint: BlockHint | undefined;
  let linkLength = 0;
  let linksElsewhere = false;
  let emphasisLength = 0;
  let marks = new Set<Mark>();
  let bylineLength = 0;
  let mediaSeen = false;
  let followsMedia = false;
  const flush = (): void => {
    const collapsed = buffer.replace(/\s+/g, ' ').trim();
    if (collapsed) {
      blocks.push({
        text: collapsed,
        linkLength: Math.min(linkLength, collapsed.length),
        linksElsewhere,
        emphasisLength: Math.min(emphasisLength, collapsed.length),
        followsMedia,
        marks,
        bylineLength: Math.min(bylineLength, collapsed.length),
        ...(bufferHint ? { hint: bufferHint } : {}),
      });
      mediaSeen = false;
    }
    followsMedia = mediaSeen;
    buffer = '';
    bufferHint = undefined;
    linkLength = 0;
    linksElsewhere = false;
    emphasisLength = 0;
    marks = new Set<Mark>();
    bylineLength = 0;
  };
  const walk = (node: HtmlNode, inherited: Inherited): void => {
    if (node.nodeType === 3) {
      const content = node.textContent ?? '';
      if (!buffer.trim()) bufferHint = inherited.hint;
      buffer += content;
      const length = content.replace(/\s+/g, ' ').trim().length;
      if (inherited.inLink) linkLength += length;
      if (inherited.emphasised) emphasisLength += length;
      if (inherited.mark && length > 0) marks.add(inherited.mark);
      if (inherited.mark === 'byline') bylineLength += length;
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as unknown as HtmlElement;
    const tag = element.tagName.toUpperCase();
    if (
      SKIPPED_TAGS.has(tag) ||
      element.hasAttribute('hidden') ||
      element.getAttribute('aria-hidden') === 'true'
    ) {
      return;
    }
    if (MEDIA_TAGS.has(tag) && !buffer.trim()) {
      mediaSeen = true;
      followsMedia = true;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) flush();
    if (CELL_TAGS.has(tag)) buffer += CELL_SEPARATOR;
    const href = tag === 'A' ? element.getAttribute('href') : null;
    if (href && linkTarget(href, site) === 'elsewhere') linksElsewhere = true;
    const hint =
      HINT_BY_TAG[tag] ?? (isCaptionElement(element) ? 'caption' : undefined) ?? inherited.hint;
    const mark = (tag === 'TIME' ? 'dateline' : markAttribute(element)) ?? inherited.mark;
    const passed: Inherited = {
      inLink: inherited.inLink || Boolean(href),
      emphasised: inherited.emphasised || EMPHASIS_TAGS.has(tag),
      ...(hint ? { hint } : {}),
      ...(mark ? { mark } : {}),
    };
    for (let child = element.firstChild; child; child = child.nextSibling)
      walk(child as HtmlNode, passed);
    if (isBlock) flush();
  };
  if (root) {
    for (let child = root.firstChild; child; child = child.nextSibling) {
      walk(child as HtmlNode, { inLink: false, emphasised: false });
    }
  }
  flush();
  return blocks;
}

function markAttribute(element: HtmlElement): Mark | undefined {
  const value = element.getAttribute(MARK_ATTRIBUTE);
  return value === 'byline' || value === 'dateline' ? value : undefined;
}

/**
 * Drops page furniture that Readability let through: runs of teasers (menus and "related stories"
 * lists) and a headline or dek that repeats the page's title or description. Bylines and
 * datelines, and captions found by position (see isPositionalCaption), are not dropped but given
 * their hint, so that boilerplate cleaning removes them and records why.
 */
function filterBlocks(blocks: readonly RawBlock[], page: PageContext): RawBlock[] {
  const drop = blocks.map(() => false);
  for (let start = 0; start < blocks.length;) {
    let end = start;
    while (end < blocks.length && isTeaser(blocks[end]!)) end++;
    const run = blocks.slice(start, end);
    const allLinks = run.every(isLinkBlock);
    if (run.length >= (allLinks ? MIN_LINK_RUN : MIN_TEASER_LIST_RUN)) drop.fill(true, start, end);
    start = Math.max(end, start + 1);
  }
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    if (block.hint === 'heading' && page.headlines.has(headlineKey(block.text))) drop[index] = true;
    else if (!drop[index] && wordCount(block.text) >= MIN_LEAD_PARAGRAPH_WORDS) break;
  }
  return blocks
    .map((block): RawBlock => {
      if (isBylineOrDateline(block)) return { ...block, hint: 'byline' };
      if (isPositionalCaption(block)) return { ...block, hint: 'caption' };
      return block;
    })
    .filter((_, index) => !drop[index]);
}

/**
 * A block inside an author's box (see MIN_AUTHOR_BOX_SHARE), or a short block holding a byline or
 * a date that does not end like a sentence: "Posted on March 30, 2015 by Admin", "Updated 1:39 am
 * EST". A sentence that mentions a date ("The vote is on <time>Tuesday</time>.") is body text.
 */
function isBylineOrDateline(block: RawBlock): boolean {
  if (block.bylineLength >= block.text.length * MIN_AUTHOR_BOX_SHARE) return true;
  if (block.marks.size === 0 || wordCount(block.text) > MAX_MARKED_LINE_WORDS) return false;
  return !/[.!?…]["'”’»)\]]*$/.test(block.text);
}

function isLinkBlock(block: RawBlock): boolean {
  return block.linkLength >= block.text.length * MIN_LINK_BLOCK_SHARE;
}

/**
 * A block that points elsewhere on the page's own site rather than telling the story: a link line
 * (a headline teaser, a menu entry) or a list item holding a link ("Paid political ads are not
 * the problem. <a>Our perceptions are</a>").
 */
function isTeaser(block: RawBlock): boolean {
  if (block.linksElsewhere) return false;
  return isLinkBlock(block) || (block.hint === 'list-item' && block.linkLength > 0);
}

/** A short line in italics right under an image, the way blogs caption photos without markup for it. */
function isPositionalCaption(block: RawBlock): boolean {
  return (
    block.followsMedia &&
    block.emphasisLength >= block.text.length * MIN_CAPTION_EMPHASIS_SHARE &&
    wordCount(block.text) <= MAX_POSITIONAL_CAPTION_WORDS
  );
}

/** A block with nothing known about its markup: text from JSON-LD. */
const PLAIN_BLOCK: RawBlock = {
  text: '',
  linkLength: 0,
  linksElsewhere: false,
  emphasisLength: 0,
  followsMedia: false,
  marks: new Set(),
  bylineLength: 0,
};

function assemble(blocks: readonly RawBlock[]): ReadableText {
  const assembled: Block[] = [];
  let text = '';
  for (const block of blocks) {
    if (text) text += BLOCK_SEPARATOR;
    const start = text.length;
    text += block.text;
    assembled.push({ start, end: text.length, ...(block.hint ? { hint: block.hint } : {}) });
  }
  return { text, blocks: assembled };
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
    meta('og:title', 'twitter:title') ??
    jsonLd.title ??
    document.querySelector('title')?.textContent?.trim() ??
    undefined;
  const outlet = meta('og:site_name', 'application-name') ?? jsonLd.outlet;
  const published =
    meta(
      'article:published_time',
      'og:published_time',
      'datePublished',
      'date',
      'pubdate',
      'publishdate',
      'dc.date',
      'DC.date.issued',
      'sailthru.date',
      'parsely-pub-date',
    ) ??
    jsonLd.published ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const byline = meta('author', 'article:author', 'byl', 'parsely-author') ?? jsonLd.byline;
  const canonical =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta('og:url');
  const result: SourceMetadata = {};
  if (title) result.title = title;
  if (outlet) result.outlet = outlet;
  if (published) result.published = published;
  if (byline && !/^https?:/i.test(byline)) result.byline = byline;
  if (canonical && /^https?:\/\//i.test(canonical)) result.url = canonical;
  return result;
}

const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|OpinionNewsArticle|LiveBlogPosting|WebPage)$/;

interface JsonLdFields {
  title?: string;
  outlet?: string;
  published?: string;
  byline?: string;
}

/** The longest articleBody string in the page's JSON-LD, if any. */
function jsonLdArticleBody(document: HtmlDocument): string | undefined {
  let longest: string | undefined;
  for (const value of jsonLdObjects(document)) {
    const body = stringOf(value['articleBody']);
    if (body && body.length > (longest?.length ?? 0)) longest = body;
  }
  return longest;
}

function jsonLdObjects(document: HtmlDocument): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      collectObjects(JSON.parse(script.textContent ?? ''), objects);
    } catch {
      // A broken JSON-LD block is common on real pages and says nothing about the article: skip it.
    }
  }
  return objects;
}

function readJsonLdArticle(document: HtmlDocument): JsonLdFields {
  const candidates = jsonLdObjects(document);
  const typeOf = (value: Record<string, unknown>): string[] =>
    ([] as unknown[])
      .concat(value['@type'] ?? [])
      .filter((type): type is string => typeof type === 'string');
  const article =
    candidates.find((value) =>
      typeOf(value).some((type) => ARTICLE_TYPES.test(type) && type !== 'WebPage'),
    ) ?? candidates.find((value) => typeOf(value).includes('WebPage'));
  if (!article) return {};
  const fields: JsonLdFields = {};
  const headline = stringOf(article['headline']) ?? stringOf(article['name']);
  if (headline) fields.title = headline;
  const published = stringOf(article['datePublished']) ?? stringOf(article['dateCreated']);
  if (published) fields.published = published;
  const outlet = nameOf(article['publisher']);
  if (outlet) fields.outlet = outlet;
  const byline = ([] as unknown[])
    .concat(article['author'] ?? [])
    .map(nameOf)
    .filter(Boolean)
    .join(', ');
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
