import { isHttpUrl } from '../ingest/fetch-url.js';
import { HttpError } from './http-error.js';

/** One entry of `articles` in `POST /api/analyze`: exactly one of text, html or url, and metadata. */
export interface ArticleItem {
  readonly kind: 'text' | 'html' | 'url';
  /** The text, the HTML, or the http(s) URL of a page or feed. */
  readonly content: string;
  readonly id?: string;
  readonly outlet?: string;
  readonly title?: string;
  readonly published?: string;
}

export interface AnalyzeRequest {
  readonly articles: readonly ArticleItem[];
}

const CONTENT_FIELDS = ['text', 'html', 'url'] as const;
/** Metadata fields and their longest accepted value: longer is a client bug, not a title. */
const METADATA_LIMITS = { id: 200, outlet: 200, title: 1000, published: 100 } as const;
const METADATA_FIELDS = Object.keys(METADATA_LIMITS) as (keyof typeof METADATA_LIMITS)[];
const ITEM_FIELDS = new Set<string>([...CONTENT_FIELDS, ...METADATA_FIELDS]);
/** URLs longer than this are not news pages; browsers and servers cap near here too. */
const MAX_URL_LENGTH = 8192;

/**
 * The body of `POST /api/analyze` checked field by field: `{ articles: [{ text | html | url, id?,
 * outlet?, title?, published? }] }`. Every problem is a 400 naming the field (`articles[2].url`).
 * Unknown fields are refused rather than ignored, so a misspelt `txt` is not silently dropped.
 */
export function parseAnalyzeRequest(
  body: unknown,
  limits: { readonly maxArticles: number },
): AnalyzeRequest {
  if (!isObject(body)) throw bad(`expected a JSON object with "articles", got ${typeName(body)}`);
  for (const key of Object.keys(body)) {
    if (key !== 'articles') throw bad(`unknown field "${key}" (expected only "articles")`);
  }
  const { articles } = body;
  if (articles === undefined) throw bad('missing "articles": a list of {text | html | url}');
  if (!Array.isArray(articles)) throw bad(`"articles" must be a list, got ${typeName(articles)}`);
  if (articles.length === 0) throw bad('"articles" is empty: send at least one article');
  if (articles.length > limits.maxArticles) {
    throw bad(`too many articles: ${articles.length}, at most ${limits.maxArticles} per request`);
  }
  return {
    articles: articles.map((item: unknown, index) => parseItem(item, `articles[${index}]`)),
  };
}

function parseItem(item: unknown, where: string): ArticleItem {
  if (!isObject(item)) throw bad(`${where} must be an object, got ${typeName(item)}`);
  for (const key of Object.keys(item)) {
    if (!ITEM_FIELDS.has(key)) {
      throw bad(
        `${where}: unknown field "${key}" (expected text, html or url, and optionally id, outlet, title, published)`,
      );
    }
  }
  const given = CONTENT_FIELDS.filter((field) => item[field] !== undefined && item[field] !== null);
  if (given.length === 0) throw bad(`${where} has none of "text", "html" or "url"`);
  if (given.length > 1) {
    throw bad(`${where} has ${given.map((field) => `"${field}"`).join(' and ')}: give only one`);
  }
  const kind = given[0]!;
  const content = item[kind];
  if (typeof content !== 'string') {
    throw bad(`${where}.${kind} must be a string, got ${typeName(content)}`);
  }
  if (!content.trim()) throw bad(`${where}.${kind} is empty`);
  if (kind === 'url') checkUrl(content, `${where}.url`);
  const metadata: { -readonly [K in keyof typeof METADATA_LIMITS]?: string } = {};
  for (const field of METADATA_FIELDS) {
    const value = item[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') {
      throw bad(`${where}.${field} must be a string, got ${typeName(value)}`);
    }
    if (value.length > METADATA_LIMITS[field]) {
      throw bad(`${where}.${field} is longer than ${METADATA_LIMITS[field]} characters`);
    }
    const trimmed = value.trim();
    if (trimmed) metadata[field] = trimmed;
  }
  return { kind, content: kind === 'url' ? content.trim() : content, ...metadata };
}

function checkUrl(value: string, where: string): void {
  const trimmed = value.trim();
  if (trimmed.length > MAX_URL_LENGTH)
    throw bad(`${where} is longer than ${MAX_URL_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw bad(`${where} is not a valid URL: ${trimmed.slice(0, 200)}`);
  }
  // Only http(s): anything else (a path, file:, ftp:) would make the server read what it should not.
  if (!isHttpUrl(trimmed) || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw bad(`${where} must be an http or https URL, got ${parsed.protocol}`);
  }
  if (parsed.username || parsed.password)
    throw bad(`${where} must not contain a user name or password`);
}

function bad(message: string): HttpError {
  return new HttpError(400, message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
