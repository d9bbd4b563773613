import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Diagnostic } from '../model/diagnostic.js';
import { InputError } from '../model/errors.js';
import { decodeText, MAX_INPUT_BYTES } from './decode-text.js';
import {
  DEFAULT_FETCH_OPTIONS,
  fetchUrl,
  isHttpUrl,
  type FetchedResource,
  type FetchOptions,
} from './fetch-url.js';
import { parseJsonLines } from './parse-json-lines.js';
import {
  looksLikeJsonFeed,
  looksLikeXmlFeed,
  parseJsonFeed,
  parseXmlFeed,
  type ParsedFeed,
} from './parse-feed.js';
import type { SourceDocument, SourceMetadata } from './source-document.js';

export interface IngestOptions {
  /** Fetch each feed item's page instead of using the feed's own text. */
  readonly follow: boolean;
  readonly fetch: FetchOptions;
  /** Reads standard input when an input is `-` (injectable for tests). */
  readonly readStdin: () => Promise<Uint8Array>;
  /** Called as each input is read, for progress displays. */
  readonly onInput?: (input: string) => void;
  /** Awaited before a feed item's page is fetched: `watch` spaces requests to one host. */
  readonly beforeFetch?: (url: string) => Promise<void>;
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = {
  follow: false,
  fetch: DEFAULT_FETCH_OPTIONS,
  readStdin: readAllStdin,
};

export interface IngestResult {
  readonly documents: SourceDocument[];
  readonly diagnostics: Diagnostic[];
}

/** File extensions read from directories; other files there are skipped. */
const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md']);
/** Markdown is read when named, but not from directories, where it is usually a README. */
const DIRECTORY_SKIPPED_EXTENSIONS = new Set(['.md']);
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const FEED_EXTENSIONS = new Set(['.xml', '.rss', '.atom', '.rdf', '.json']);
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);
const SIDECAR_SUFFIX = '.meta.json';

/**
 * Every input the user named, as source documents: files, directories (recursively), http(s) URLs,
 * feeds (RSS, Atom, JSON Feed; one document per item), JSONL (one per line) and `-` for stdin.
 * A failing input becomes an error diagnostic naming it; the others are still read.
 */
export async function readInputs(
  inputs: readonly string[],
  options: IngestOptions = DEFAULT_INGEST_OPTIONS,
): Promise<IngestResult> {
  const result: IngestResult = { documents: [], diagnostics: [] };
  for (const input of inputs) {
    options.onInput?.(input);
    try {
      await readOne(input, options, result);
    } catch (error) {
      recordInputError(error, result);
    }
  }
  return result;
}

async function readOne(input: string, options: IngestOptions, result: IngestResult): Promise<void> {
  if (input === '-') {
    const bytes = await options.readStdin();
    const decoded = decodeText(bytes, 'stdin');
    await pushDocuments(
      interpret(decoded.text, { label: 'stdin', idBasis: 'stdin' }),
      options,
      result,
    );
    return;
  }
  if (isHttpUrl(input)) {
    const fetched = await fetchUrl(input, options.fetch);
    await pushDocuments(interpretFetched(fetched, input), options, result);
    return;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    throw new InputError('bad-url', input, 'only http and https URLs can be fetched');
  }
  const info = statOrThrow(input);
  if (info.isDirectory()) {
    await readDirectory(input, options, result);
    return;
  }
  await readFileInput(input, info.size, options, result);
}

function interpretFetched(fetched: FetchedResource, input: string): PendingDocuments {
  const decoded = decodeText(fetched.bytes, input, fetched.charset);
  return interpret(decoded.text, {
    label: input,
    idBasis: slugOfUrl(fetched.finalUrl),
    url: fetched.finalUrl,
    contentType: fetched.contentType,
  });
}

/**
 * A fetched feed's items as documents, not yet followed: `watch` first drops the items it has
 * stored, then follows the rest with {@link followItems}. A fetched page that is not a feed is
 * one document. Throws InputError when the bytes cannot be read as any of them.
 */
export function readFetchedFeed(fetched: FetchedResource, input: string): IngestResult {
  const pending = interpretFetched(fetched, input);
  return { documents: pending.documents, diagnostics: pending.diagnostics };
}

/** Feed items with their pages fetched (`--follow`); an item whose page fails keeps its own text. */
export async function followItems(
  documents: readonly SourceDocument[],
  options: IngestOptions,
): Promise<IngestResult> {
  const result: IngestResult = { documents: [], diagnostics: [] };
  await pushDocuments(
    { documents: [...documents], diagnostics: [], followable: true },
    options,
    result,
  );
  return result;
}

async function readDirectory(
  directory: string,
  options: IngestOptions,
  result: IngestResult,
): Promise<void> {
  const files = await listReadableFiles(directory);
  if (files.length === 0) {
    throw new InputError(
      'nothing-readable',
      directory,
      'directory has no readable files (.txt, .html, .xml, .json, .jsonl)',
    );
  }
  for (const file of files) {
    options.onInput?.(file);
    try {
      const info = statOrThrow(file);
      await readFileInput(file, info.size, options, result);
    } catch (error) {
      recordInputError(error, result);
    }
  }
}

/** Readable files under a directory, recursively, sorted by path; hidden entries and sidecars skipped. */
export async function listReadableFiles(directory: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        throw fileError(folder, error);
      },
    );
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile() && isReadableName(entry.name)) found.push(path);
    }
  };
  await visit(directory);
  return found.sort();
}

function isReadableName(name: string): boolean {
  if (name.endsWith(SIDECAR_SUFFIX)) return false;
  const extension = extensionOf(name);
  if (DIRECTORY_SKIPPED_EXTENSIONS.has(extension)) return false;
  return (
    TEXT_EXTENSIONS.has(extension) ||
    HTML_EXTENSIONS.has(extension) ||
    FEED_EXTENSIONS.has(extension) ||
    JSONL_EXTENSIONS.has(extension)
  );
}

/** The extension that says what a file holds, looking through a `.gz` suffix. */
function extensionOf(name: string): string {
  const lower = name.toLowerCase();
  return extname(lower.endsWith('.gz') ? lower.slice(0, -3) : lower);
}

async function readFileInput(
  path: string,
  size: number,
  options: IngestOptions,
  result: IngestResult,
): Promise<void> {
  if (size > MAX_INPUT_BYTES) {
    throw new InputError(
      'too-large',
      path,
      `file is ${(size / 1024 / 1024).toFixed(0)} MB, over the ${MAX_INPUT_BYTES / 1024 / 1024} MB limit`,
    );
  }
  // Local files are read synchronously: for hundreds of small articles the promise API costs
  // several times the read itself, and a CLI has nothing else to do meanwhile.
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw fileError(path, error as NodeJS.ErrnoException);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new InputError(
        'unreadable',
        path,
        'file looks gzip-compressed but cannot be decompressed',
      );
    }
  }
  const decoded = decodeText(bytes, path);
  const name = basename(path);
  const extension = extensionOf(name);
  const stem =
    name.slice(
      0,
      name.toLowerCase().lastIndexOf(extension) >= 0
        ? name.toLowerCase().lastIndexOf(extension)
        : undefined,
    ) || name;
  const sidecar = readSidecar(path, result);
  const documents = interpret(decoded.text, {
    label: path,
    idBasis: stem,
    path,
    extension,
    sidecar,
  });
  if (decoded.legacy) {
    result.diagnostics.push({
      input: path,
      severity: 'info',
      message: `not UTF-8: decoded as ${decoded.encoding}`,
    });
  }
  await pushDocuments(documents, options, result);
}

/** `<file>.meta.json` beside a file sets its outlet, title, published date and URL. */
function readSidecar(path: string, result: IngestResult): SourceMetadata | undefined {
  const sidecarPath = path.replace(/\.gz$/i, '') + SIDECAR_SUFFIX;
  // Most files have no sidecar: a failed read per file would cost an exception each.
  if (!existsSync(sidecarPath)) return undefined;
  let raw: string;
  try {
    raw = readFileSync(sidecarPath, 'utf8');
  } catch (error) {
    result.diagnostics.push({
      input: sidecarPath,
      severity: 'error',
      message: fileError(sidecarPath, error as NodeJS.ErrnoException).message,
    });
    return undefined;
  }
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('expected a JSON object');
    const fields = parsed as Record<string, unknown>;
    const metadata: SourceMetadata = {};
    for (const key of ['outlet', 'title', 'published', 'url', 'byline', 'id'] as const) {
      const value = fields[key];
      if (value === undefined) continue;
      if (typeof value !== 'string') throw new Error(`"${key}" must be a string`);
      metadata[key] = value;
    }
    return metadata;
  } catch (error) {
    result.diagnostics.push({
      input: sidecarPath,
      severity: 'error',
      message: `bad sidecar metadata, ignored: ${(error as Error).message}`,
    });
    return undefined;
  }
}

interface InputContext {
  readonly label: string;
  readonly idBasis: string;
  readonly path?: string;
  readonly url?: string;
  readonly extension?: string;
  readonly contentType?: string;
  readonly sidecar?: SourceMetadata | undefined;
}

interface PendingDocuments {
  readonly documents: SourceDocument[];
  readonly diagnostics: Diagnostic[];
  /** Feed items whose pages `--follow` should fetch. */
  readonly followable: boolean;
}

/** Decides what a decoded input is (JSONL, a feed, an HTML page or plain text) and reads it as that. */
function interpret(text: string, context: InputContext): PendingDocuments {
  const { extension = '', contentType = '' } = context;
  const base: SourceMetadata = {
    ...(context.path ? { path: context.path } : {}),
    ...(context.url ? { url: context.url } : {}),
  };
  if (JSONL_EXTENSIONS.has(extension) || (!extension && !contentType && looksLikeJsonLines(text))) {
    const parsed = parseJsonLines(text, context.label);
    return { documents: parsed.documents, diagnostics: parsed.diagnostics, followable: false };
  }
  const isJsonType = contentType.includes('json');
  if (
    looksLikeJsonFeed(text) ||
    (extension === '.json' && !looksLikeXmlFeed(text)) ||
    (isJsonType && !looksLikeXmlFeed(text))
  ) {
    return feedDocuments(parseJsonFeed(text, context.label), context);
  }
  if (
    looksLikeXmlFeed(text) ||
    ((FEED_EXTENSIONS.has(extension) || /xml/.test(contentType)) && !looksLikeHtml(text))
  ) {
    return feedDocuments(parseXmlFeed(text, context.label), context);
  }
  const isHtml =
    HTML_EXTENSIONS.has(extension) ||
    contentType.includes('html') ||
    (!TEXT_EXTENSIONS.has(extension) && looksLikeHtml(text));
  const metadata = { ...base, ...context.sidecar };
  return {
    documents: [
      {
        input: context.label,
        format: isHtml ? 'html' : 'text',
        content: text,
        metadata,
        idBasis: context.idBasis,
        diagnostics: [],
      },
    ],
    diagnostics: [],
    followable: false,
  };
}

function feedDocuments(feed: ParsedFeed, context: InputContext): PendingDocuments {
  const diagnostics: Diagnostic[] = [];
  if (feed.items.length === 0)
    diagnostics.push({ input: context.label, severity: 'warning', message: 'feed has no items' });
  const documents = feed.items.map((item, index): SourceDocument => ({
    input: `${context.label}#${index + 1}`,
    format: item.contentFormat,
    content: item.content,
    fragment: true,
    metadata: { ...item.metadata, ...context.sidecar },
    idBasis:
      item.metadata.id ??
      (item.metadata.url ? slugOfUrl(item.metadata.url) : `${context.idBasis}-${index + 1}`),
    diagnostics: [],
  }));
  return { documents, diagnostics, followable: true };
}

async function pushDocuments(
  pending: PendingDocuments,
  options: IngestOptions,
  result: IngestResult,
): Promise<void> {
  result.diagnostics.push(...pending.diagnostics);
  for (const document of pending.documents) {
    if (!(pending.followable && options.follow && document.metadata.url)) {
      result.documents.push(document);
      continue;
    }
    options.onInput?.(document.metadata.url);
    try {
      await options.beforeFetch?.(document.metadata.url);
      const fetched = await fetchUrl(document.metadata.url, options.fetch);
      const decoded = decodeText(fetched.bytes, document.metadata.url, fetched.charset);
      const { fragment: _fragment, ...page } = document;
      result.documents.push({ ...page, format: 'html', content: decoded.text });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      result.diagnostics.push({
        input: document.input,
        severity: 'warning',
        message: `could not follow ${document.metadata.url} (${error.message}); using the feed's own text`,
      });
      result.documents.push(document);
    }
  }
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(
    text.slice(0, 4000),
  );
}

function looksLikeJsonLines(text: string): boolean {
  const firstLine = text.trimStart().split('\n', 1)[0] ?? '';
  if (!firstLine.startsWith('{') || looksLikeJsonFeed(text)) return false;
  try {
    JSON.parse(firstLine);
    return true;
  } catch {
    return false;
  }
}

/** A readable id from a URL: its last meaningful path segment, else its host. */
export function slugOfUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const segments = parsed.pathname.split('/').filter(Boolean);
    const last = segments.length
      ? segments[segments.length - 1]!.replace(/\.(html?|php|aspx?)$/i, '')
      : '';
    return slugify(
      last && last.length > 2
        ? last
        : `${parsed.hostname}${segments.length ? '-' + segments.join('-') : ''}`,
    );
  } catch {
    return slugify(url);
  }
}

export function slugify(value: string): string {
  return (
    value
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'article'
  );
}

/** An InputError becomes an error diagnostic and the run goes on; anything else is a bug and is rethrown. */
function recordInputError(error: unknown, result: IngestResult): void {
  if (!(error instanceof InputError)) throw error;
  result.diagnostics.push({ input: error.input, severity: 'error', message: error.message });
}

function statOrThrow(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw fileError(path, error as NodeJS.ErrnoException);
  }
}

function fileError(path: string, error: NodeJS.ErrnoException): InputError {
  switch (error.code) {
    case 'ENOENT':
      return new InputError('not-found', path, 'no such file or directory');
    case 'EACCES':
    case 'EPERM':
      return new InputError('unreadable', path, 'permission denied');
    case 'EISDIR':
      return new InputError('unreadable', path, 'is a directory');
    default:
      return new InputError('unreadable', path, `cannot read: ${error.code ?? error.message}`);
  }
}

async function readAllStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > MAX_INPUT_BYTES)
      throw new InputError(
        'too-large',
        'stdin',
        `input is over the ${MAX_INPUT_BYTES / 1024 / 1024} MB limit`,
      );
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
