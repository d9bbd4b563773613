import { Article, type ArticleMetadata } from '../model/article.js';
import type { ReadableText } from '../model/block.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { InputError } from '../model/errors.js';
import { extractHtml } from '../ingest/parse-html.js';
import type { SourceDocument, SourceMetadata } from '../ingest/source-document.js';
import { cleanBoilerplate } from '../text/clean-boilerplate.js';
import { detectHeadings } from '../text/detect-headings.js';
import { detectLanguage } from '../text/detect-language.js';
import { dominantScript } from '../text/detect-script.js';
import { splitTextBlocks } from '../text/split-text-blocks.js';

/** Characters read to tell an article's script. */
const SCRIPT_SAMPLE_CHARACTERS = 4000;

/** Metadata the user sets for every input of a run that lacks it (`--outlet`, `--date`). */
export interface RunDefaults {
  readonly outlet?: string;
  readonly published?: string;
}

/**
 * A source document to an Article: the readable text (Readability for pages), metadata merged
 * (the input's own fields first, then the page's meta tags, then the run's defaults), language,
 * boilerplate out, and the paragraph and heading layers.
 */
export function buildArticle(
  document: SourceDocument,
  id: string,
  defaults: RunDefaults = {},
): Article {
  let readable: ReadableText;
  let pageMetadata: SourceMetadata = {};
  const diagnostics: Diagnostic[] = [...document.diagnostics];
  if (document.format === 'html') {
    // Feed items and JSONL `html` fields are usually fragments (no <html> or <body>): no page furniture to strip.
    const fragment = document.fragment ?? !/<(html|body)[\s>]/i.test(document.content);
    const page = extractHtml(document.content, fragment ? { fragment: true } : {});
    readable = page.readable;
    pageMetadata = page.metadata;
    if (page.fellBack) {
      diagnostics.push({
        input: document.input,
        severity: 'warning',
        message: 'no article found by Readability; used the whole page text',
      });
    }
  } else {
    readable = splitTextBlocks(document.content);
  }
  if (!readable.text.trim())
    throw new InputError('no-text', document.input, 'no article text found');

  const language = detectLanguage(readable.text);
  // A sample is enough to tell the article's script; counting every letter of long pages is not.
  const script = dominantScript(readable.text.slice(0, SCRIPT_SAMPLE_CHARACTERS))?.script;
  const cleaned = cleanBoilerplate(readable, { language, script });
  if (!cleaned.text.trim())
    throw new InputError('no-text', document.input, 'nothing left after removing boilerplate');

  const merged: SourceMetadata = { ...pageMetadata, ...withoutUndefined(document.metadata) };
  const headings = detectHeadings(cleaned.text, cleaned.blocks, document.format === 'text');
  const headline = headings.find((heading) => heading.kind === 'headline');
  const title =
    merged.title ?? (headline ? cleaned.text.slice(headline.start, headline.end) : undefined);
  const published = normaliseDate(merged.published) ?? defaults.published;
  const outlet = merged.outlet ?? defaults.outlet;
  const metadata: ArticleMetadata = {
    id,
    language,
    ...(merged.path ? { path: merged.path } : {}),
    ...(merged.url ? { url: merged.url } : {}),
    ...(outlet ? { outlet } : {}),
    ...(title ? { title: title.replace(/\s+/g, ' ').trim() } : {}),
    ...(published ? { published } : {}),
    ...(merged.byline ? { byline: merged.byline } : {}),
  };
  const article = new Article(
    cleaned.text,
    metadata,
    readable.text,
    cleaned.removed,
    cleaned.offsetMap,
  );
  article.diagnostics.push(...diagnostics);
  article.setLayer(
    'paragraphs',
    cleaned.blocks.map((block) => block.range),
  );
  article.setLayer('headings', headings);
  return article;
}

function withoutUndefined(metadata: SourceMetadata): SourceMetadata {
  return Object.fromEntries(
    Object.entries(metadata).filter(([, value]) => value !== undefined && value !== ''),
  ) as SourceMetadata;
}

/**
 * Dates as ISO 8601: a bare `YYYY-MM-DD` stays a date; anything else Date can parse (RFC 822 from
 * RSS, ISO date-times) becomes a UTC date-time; what cannot be parsed is kept as given.
 */
export function normaliseDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const time = Date.parse(trimmed);
  return Number.isNaN(time) ? trimmed : new Date(time).toISOString();
}
