import { InputError } from '../model/errors.js';

export interface FetchOptions {
  /** Whole-request limit, connection to last byte. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /**
   * Called with the URL before connecting, and again for every redirect hop; rejecting refuses the
   * fetch, and the rejection's message becomes the InputError's. The server uses it to keep away
   * from private addresses; the CLI sets none.
   */
  readonly checkAddress?: (url: URL) => Promise<void>;
}

/** News pages load in well under this; a slower server is treated as down rather than waited on. */
export const DEFAULT_FETCH_OPTIONS: FetchOptions = {
  timeoutMs: 20_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
};

export interface FetchedResource {
  readonly url: string;
  readonly finalUrl: string;
  readonly contentType: string;
  readonly charset?: string;
  readonly bytes: Uint8Array;
  /** The server's validators, for the next conditional request. */
  readonly etag?: string;
  readonly lastModified?: string;
  /** True when a conditional request was answered 304 Not Modified: `bytes` is empty. */
  readonly notModified?: boolean;
}

/** What a poller remembers of a resource, sent back so an unchanged one costs a 304. */
export interface Validators {
  readonly etag?: string | null | undefined;
  readonly lastModified?: string | null | undefined;
}

const ACCEPTED_CONTENT_TYPES = [
  'text/html',
  'application/xhtml+xml',
  'text/plain',
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/feed+json',
  'application/json',
];

const USER_AGENT = 'triangulate-news (+https://www.npmjs.com/package/triangulate-news)';

/** True for strings triangulate treats as URLs rather than paths. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/**
 * GET a URL with a timeout, a size cap, a redirect limit and a content-type check; gzip and deflate
 * are undone by fetch. Every failure is an InputError naming the URL and what went wrong.
 */
export async function fetchUrl(
  url: string,
  options: FetchOptions = DEFAULT_FETCH_OPTIONS,
  validators: Validators = {},
  stop?: AbortSignal,
): Promise<FetchedResource> {
  let current = parseHttpUrl(url, url);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = stop ? AbortSignal.any([timeout, stop]) : timeout;
  const conditional: Record<string, string> = {};
  if (validators.etag) conditional['if-none-match'] = validators.etag;
  if (validators.lastModified) conditional['if-modified-since'] = validators.lastModified;
  for (let redirects = 0; ; redirects++) {
    if (options.checkAddress) await checkHop(options.checkAddress, current, url, redirects > 0);
    let response: Response;
    try {
      response = await fetch(current, {
        redirect: 'manual',
        signal,
        headers: {
          'user-agent': USER_AGENT,
          accept:
            'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/plain;q=0.8',
          'accept-encoding': 'gzip, deflate, br',
          ...conditional,
        },
      });
    } catch (error) {
      throw networkError(url, error, options.timeoutMs);
    }
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel();
      if (redirects >= options.maxRedirects) {
        throw new InputError(
          'too-many-redirects',
          url,
          `more than ${options.maxRedirects} redirects`,
        );
      }
      current = parseHttpUrl(new URL(response.headers.get('location')!, current).href, url);
      continue;
    }
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    const validatorsOut = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
    if (response.status === 304 && Object.keys(conditional).length > 0) {
      await response.body?.cancel();
      return {
        url,
        finalUrl: current.href,
        contentType: '',
        bytes: new Uint8Array(),
        notModified: true,
        // A 304 may omit validators: the ones sent still hold.
        ...(validators.etag ? { etag: validators.etag } : {}),
        ...(validators.lastModified ? { lastModified: validators.lastModified } : {}),
        ...validatorsOut,
      };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new InputError(
        'http',
        url,
        `HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}`,
      );
    }
    const contentTypeHeader = response.headers.get('content-type') ?? '';
    const contentType = contentTypeHeader.split(';')[0]!.trim().toLowerCase();
    if (
      contentType &&
      !ACCEPTED_CONTENT_TYPES.includes(contentType) &&
      !contentType.endsWith('+xml')
    ) {
      await response.body?.cancel();
      throw new InputError(
        'content-type',
        url,
        `unsupported content type ${contentType} (expected HTML, text, a feed or JSON)`,
      );
    }
    const declaredLength = Number(response.headers.get('content-length') ?? NaN);
    if (declaredLength > options.maxBytes) {
      await response.body?.cancel();
      throw new InputError(
        'too-large',
        url,
        `response is ${declaredLength} bytes, over the ${options.maxBytes}-byte limit`,
      );
    }
    const bytes = await readCapped(response, url, options, signal);
    const charset = /charset=["']?([\w-]+)/i.exec(contentTypeHeader)?.[1];
    return {
      url,
      finalUrl: current.href,
      contentType,
      bytes,
      ...(charset ? { charset } : {}),
      ...validatorsOut,
    };
  }
}

async function checkHop(
  checkAddress: (url: URL) => Promise<void>,
  hop: URL,
  input: string,
  redirected: boolean,
): Promise<void> {
  try {
    await checkAddress(hop);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(
      'bad-url',
      input,
      redirected ? `redirect to ${hop.href}: ${message}` : message,
    );
  }
}

function parseHttpUrl(value: string, input: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new InputError('bad-url', input, `not a valid URL: ${value}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InputError(
      'bad-url',
      input,
      `only http and https URLs can be fetched, not ${parsed.protocol}`,
    );
  }
  return parsed;
}

async function readCapped(
  response: Response,
  url: string,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel();
        throw new InputError(
          'too-large',
          url,
          `response is over the ${options.maxBytes}-byte limit`,
        );
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw networkError(url, signal.aborted ? signal.reason : error, options.timeoutMs);
  }
  return Buffer.concat(chunks);
}

function networkError(url: string, error: unknown, timeoutMs: number): InputError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new InputError('timeout', url, `no complete response within ${timeoutMs / 1000} s`);
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: string } | undefined)?.code;
  const detail =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? 'host not found'
      : code === 'ECONNREFUSED'
        ? 'connection refused'
        : (code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)));
  return new InputError('network', url, `could not fetch: ${detail}`);
}
