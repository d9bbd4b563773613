import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AttributionModelName } from '../attribution/tag-attributions.js';
import { DEFAULT_FETCH_OPTIONS } from '../ingest/fetch-url.js';
import { findPackageRoot } from '../model/package-files.js';
import { addressCheck, type LookupAll } from './address-policy.js';
import { HttpError } from './http-error.js';
import { parseAnalyzeRequest } from './parse-analyze-request.js';
import { readJsonBody } from './read-body.js';
import { checkItemAddresses, runAnalysis } from './run-analysis.js';
import { SerialQueue } from './serial-queue.js';

export interface ServeOptions {
  /** Interface to listen on; loopback by default, so nothing off this machine can reach it. */
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** The app page (`appPage()`): served at `/`, its CSP meta also sent as a header. */
  readonly page: string;
  /** Fetch URLs on private, loopback and link-local addresses too. */
  readonly allowPrivate: boolean;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** Most articles in one request (feed items count one each). */
  readonly maxArticles: number;
  /** Most bytes the URLs of one request may bring in, together. */
  readonly maxFetchedBytes: number;
  /** Whole-request limit, from arrival to answer, in ms: waiting, fetching and analysing. */
  readonly requestTimeoutMs: number;
  /** Analyses waiting or running at most; more get a 503. */
  readonly queueCapacity: number;
  /** Per-URL fetch limit, in ms (cut to what the request has left). */
  readonly fetchTimeoutMs: number;
  /** Largest page or feed fetched for a URL item, in bytes. */
  readonly maxFetchBytes: number;
  readonly attributionModel?: AttributionModelName;
  /** Injectable resolver for the address check (tests). */
  readonly lookup?: LookupAll;
  /** Where server-side problems are logged (bugs, with their stack). */
  readonly log?: (line: string) => void;
}

/**
 * Defaults for `triangulate serve`. Each limit keeps one request from taking the whole machine:
 * 5 MB of JSON is hundreds of long articles' worth of text; 50 articles is far more than one story
 * needs and takes the accurate model well under the two-minute limit; 25 MB fetched bounds memory
 * when URLs are feeds or large pages.
 */
export const DEFAULT_SERVE_OPTIONS: Omit<ServeOptions, 'page'> = {
  host: '127.0.0.1',
  port: 4173,
  allowPrivate: false,
  maxBodyBytes: 5 * 1024 * 1024,
  maxArticles: 50,
  maxFetchedBytes: 25 * 1024 * 1024,
  requestTimeoutMs: 120_000,
  queueCapacity: 16,
  fetchTimeoutMs: DEFAULT_FETCH_OPTIONS.timeoutMs,
  maxFetchBytes: 5 * 1024 * 1024,
};

/** Slow clients get this long to send their headers and body; analysis time is not counted here. */
const RECEIVE_TIMEOUT_MS = 30_000;
/**
 * A shutdown waits for running requests up to their own time limit plus this (to send the 503 of
 * a request that ran out of time), then cuts off whatever is left.
 */
const SHUTDOWN_GRACE_MS = 5_000;

export interface TriangulateServer {
  readonly server: Server;
  /** Listens and resolves with the base URL (`http://127.0.0.1:4173/`). */
  listen(): Promise<URL>;
  /**
   * Graceful shutdown: stops accepting connections, lets the requests already received (running or
   * queued) finish and answer, then closes every connection. Requests still running after
   * `graceMs` (default: the request time limit and 5 s) are cut off.
   */
  close(graceMs?: number): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};
/** For JSON answers: nothing in them may ever be run or framed, whatever a browser makes of them. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The local web app and its JSON API: `GET /`, `GET /api/schema`, `POST /api/analyze`. */
export function createAppServer(
  options: Partial<ServeOptions> & { page: string },
): TriangulateServer {
  const settings: ServeOptions = { ...DEFAULT_SERVE_OPTIONS, ...options };
  const log = settings.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const pageCsp = contentSecurityPolicyOf(settings.page);
  const schema = readFileSync(join(findPackageRoot(), 'schema', 'report.schema.json'));
  const checkAddress = settings.allowPrivate
    ? undefined
    : addressCheck({
        allowPrivate: false,
        ...(settings.lookup ? { lookup: settings.lookup } : {}),
      });
  const queue = new SerialQueue(settings.queueCapacity);
  let closing = false;
  let active = 0;
  let drained: (() => void) | undefined;

  const server = createServer((request, response) => {
    active++;
    response.on('close', () => {
      active--;
      if (closing) {
        server.closeIdleConnections();
        if (active === 0) drained?.();
      }
    });
    handle(request, response).catch((error: unknown) => {
      log(`triangulate serve: internal error: ${(error as Error)?.stack ?? String(error)}`);
      if (!response.headersSent) {
        sendJson(response, 500, { error: 'internal error; this is a bug in triangulate' });
      } else response.destroy();
    });
  });
  server.requestTimeout = RECEIVE_TIMEOUT_MS;
  server.headersTimeout = RECEIVE_TIMEOUT_MS;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now();
    try {
      checkHost(request);
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path === '/' || path === '/index.html') {
        allow(request, ['GET', 'HEAD']);
        sendPage(response);
      } else if (path === '/api/schema') {
        allow(request, ['GET', 'HEAD']);
        send(response, 200, JSON_TYPE, schema);
      } else if (path === '/api/analyze') {
        allow(request, ['POST']);
        await analyze(request, response, started);
      } else {
        throw new HttpError(404, `no such page or endpoint: ${path.slice(0, 200)}`);
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (response.headersSent || response.destroyed) return;
      // A body left unread (a 413, or a POST refused before reading) is not read after the
      // answer either: the connection closes instead.
      if (!request.complete) response.setHeader('connection', 'close');
      for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
      sendJson(response, error.status, { error: error.message });
    }
  }

  async function analyze(
    request: IncomingMessage,
    response: ServerResponse,
    started: number,
  ): Promise<void> {
    const body = await readJsonBody(request, settings.maxBodyBytes);
    const parsed = parseAnalyzeRequest(body, settings);
    await checkItemAddresses(parsed, checkAddress);
    const deadline = started + settings.requestTimeoutMs;
    // One signal per request, aborted by the time limit or by the client going away; the timer is
    // cleared as soon as the request is answered, so nothing of it outlives the request.
    const controller = new AbortController();
    const timeLimit = new HttpError(
      503,
      `the analysis did not finish within ${settings.requestTimeoutMs / 1000} s; send fewer or shorter articles`,
    );
    const timer = setTimeout(() => controller.abort(timeLimit), Math.max(1, deadline - Date.now()));
    let gone = false;
    const onClose = () => {
      gone = true;
      controller.abort(new Error('the client went away'));
    };
    response.on('close', onClose);
    try {
      const report = await queue.run(() => {
        controller.signal.throwIfAborted();
        return runAnalysis(parsed, {
          fetch: {
            ...DEFAULT_FETCH_OPTIONS,
            timeoutMs: settings.fetchTimeoutMs,
            maxBytes: settings.maxFetchBytes,
            ...(checkAddress ? { checkAddress } : {}),
          },
          maxArticles: settings.maxArticles,
          maxFetchedBytes: settings.maxFetchedBytes,
          signal: controller.signal,
          deadline,
          ...(settings.attributionModel ? { attributionModel: settings.attributionModel } : {}),
        });
      });
      sendJson(response, 200, report);
    } catch (error) {
      if (gone) return;
      // Anything that failed because time ran out (an aborted fetch, say) is the time limit's 503.
      if (controller.signal.reason === timeLimit) throw timeLimit;
      throw error;
    } finally {
      clearTimeout(timer);
      response.off('close', onClose);
    }
  }

  function checkHost(request: IncomingMessage): void {
    // A web page elsewhere can point its own host name at 127.0.0.1 (DNS rebinding) and then talk
    // to this server as same-origin; a loopback server only answers to loopback host names.
    if (!isLoopbackHost(settings.host)) return;
    const host = (request.headers.host ?? '').toLowerCase();
    const name = host.replace(/:\d+$/, '');
    if (!['localhost', '127.0.0.1', '[::1]', settings.host.toLowerCase()].includes(name)) {
      throw new HttpError(
        403,
        `unexpected Host header "${host.slice(0, 100)}": open the app at ${baseUrl()}`,
      );
    }
  }

  function sendPage(response: ServerResponse): void {
    response.setHeader('referrer-policy', 'no-referrer');
    response.setHeader('x-frame-options', 'DENY');
    if (pageCsp)
      response.setHeader('content-security-policy', `${pageCsp}; frame-ancestors 'none'`);
    send(response, 200, 'text/html; charset=utf-8', settings.page);
  }

  function sendJson(response: ServerResponse, status: number, value: unknown): void {
    response.setHeader('content-security-policy', API_CSP);
    send(response, status, JSON_TYPE, JSON.stringify(value));
  }

  function send(
    response: ServerResponse,
    status: number,
    contentType: string,
    body: string | Buffer,
  ): void {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    // While shutting down, every answer is the connection's last.
    if (closing) response.setHeader('connection', 'close');
    response.writeHead(status, { 'content-type': contentType, 'content-length': bytes.length });
    response.end(bytes);
  }

  function baseUrl(): string {
    const address = server.address() as AddressInfo | null;
    const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
    return `http://${host}:${address?.port ?? settings.port}/`;
  }

  return {
    server,
    listen: () =>
      new Promise<URL>((resolve, reject) => {
        server.once('error', reject);
        server.listen(settings.port, settings.host, () => {
          server.off('error', reject);
          resolve(new URL(baseUrl()));
        });
      }),
    close: async (graceMs = settings.requestTimeoutMs + SHUTDOWN_GRACE_MS) => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (active > 0) {
        const finished = new Promise<void>((resolve) => (drained = resolve));
        let timer: NodeJS.Timeout | undefined;
        const expired = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
        await Promise.race([finished, expired]);
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}

function allow(request: IncomingMessage, methods: readonly string[]): void {
  if (methods.includes(request.method ?? '')) return;
  throw new HttpError(
    405,
    `method ${request.method} not allowed here; use ${methods.join(' or ')}`,
    {
      allow: methods.join(', '),
    },
  );
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** The policy of the page's `<meta http-equiv="Content-Security-Policy">`, to send as a header too. */
export function contentSecurityPolicyOf(html: string): string | undefined {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    if (!/http-equiv\s*=\s*["']?content-security-policy["'\s>/]/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    const value = content?.[1] ?? content?.[2];
    if (value) return decodeEntities(value).trim();
  }
  return undefined;
}

/** Character references in an attribute value (`escapeHtml` writes `'` as `&#39;`). */
function decodeEntities(value: string): string {
  const named: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };
  return value.replace(
    /&(?:#(\d+)|#x([0-9a-f]+)|(quot|apos|lt|gt|amp));/gi,
    (whole, decimal, hex, name) =>
      decimal
        ? String.fromCodePoint(Number(decimal))
        : hex
          ? String.fromCodePoint(parseInt(hex as string, 16))
          : (named[(name as string).toLowerCase()] ?? whole),
  );
}
