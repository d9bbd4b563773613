import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl } from '../src/ingest/fetch-url.js';
import { InputError } from '../src/model/errors.js';
import { findPackageRoot } from '../src/model/package-files.js';
import { appPage } from '../src/serve/app-page.js';
import {
  contentSecurityPolicyOf,
  createAppServer,
  type ServeOptions,
  type TriangulateServer,
} from '../src/serve/create-server.js';
import { httpFixtureServer } from './http-fixture-server.js';
import { EXAMPLE_DIRECTORY } from './shared-data.js';

const schemaText = readFileSync(join(findPackageRoot(), 'schema', 'report.schema.json'), 'utf8');
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
  JSON.parse(schemaText) as object,
);
const page = appPage();

interface ReportShape {
  articles: { id: string; outlet?: string; title?: string; published?: string; url?: string }[];
  diagnostics: { input: string; severity: string; message: string }[];
  claims: { articles: string[] }[];
}

/** The bundled example as API items: the two text files with their sidecar metadata, and the page. */
function exampleArticles(): Record<string, string>[] {
  const read = (name: string) => readFileSync(join(EXAMPLE_DIRECTORY, name), 'utf8');
  const withMeta = (name: string) => {
    const meta = JSON.parse(read(`${name}.meta.json`)) as Record<string, string>;
    return {
      id: name.replace(/\.txt$/, ''),
      text: read(name),
      outlet: meta['outlet']!,
      title: meta['title']!,
      published: meta['published']!,
    };
  };
  return [
    withMeta('baltic-wire.txt'),
    withMeta('coastal-herald.txt'),
    { id: 'velmora-daily', html: read('velmora-daily.html') },
  ];
}

/** A server on an ephemeral loopback port for one describe block. */
function serverFixture(options: Partial<ServeOptions> = {}): {
  base: () => string;
  app: () => TriangulateServer;
} {
  let app: TriangulateServer;
  let base = '';
  beforeAll(async () => {
    app = createAppServer({
      page,
      host: '127.0.0.1',
      port: 0,
      attributionModel: 'fast',
      log: () => {},
      ...options,
    });
    base = (await app.listen()).href.replace(/\/$/, '');
  });
  afterAll(async () => {
    await app.close(1000);
  });
  return { base: () => base, app: () => app };
}

async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** An error answer: the status, JSON with exactly one field `error`, one line, no stack. */
async function expectError(response: Response, status: number, message: RegExp): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = (await response.json()) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['error']);
  const error = body['error'] as string;
  expect(error).toMatch(message);
  expect(error).not.toContain('\n');
  expect(error).not.toMatch(/\bat .*\.(ts|js):\d+/);
  return error;
}

describe('triangulate serve: pages and the schema', () => {
  const server = serverFixture();

  it('serves the app page with nosniff, no-referrer and the page CSP as a header', async () => {
    const response = await fetch(`${server.base()}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = contentSecurityPolicyOf(page);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).toBe(`${csp}; frame-ancestors 'none'`);
    const html = await response.text();
    expect(html).toBe(page);
    expect(html).toContain('<form id="analyze-form"');
    for (const control of ['file-input', 'urls']) expect(html).toContain(`<label for="${control}"`);
  });

  it('answers HEAD for the page without a body', async () => {
    const response = await fetch(`${server.base()}/`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('serves the report schema at GET /api/schema', async () => {
    const response = await fetch(`${server.base()}/api/schema`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual(JSON.parse(schemaText));
  });

  it('answers 405 with Allow for a wrong method, 404 for an unknown path', async () => {
    await expectError(await fetch(`${server.base()}/api/analyze`), 405, /use POST/);
    expect((await fetch(`${server.base()}/api/analyze`)).headers.get('allow')).toBe('POST');
    const post = await fetch(`${server.base()}/`, { method: 'POST', body: '{}' });
    await expectError(post, 405, /method POST not allowed here; use GET or HEAD/);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    await expectError(
      await fetch(`${server.base()}/api/schema`, { method: 'DELETE' }),
      405,
      /DELETE/,
    );
    await expectError(
      await fetch(`${server.base()}/api/nothing`),
      404,
      /no such page or endpoint: \/api\/nothing/,
    );
    await expectError(await fetch(`${server.base()}/favicon.ico`), 404, /favicon/);
  });

  it('answers only to loopback host names (no DNS rebinding)', async () => {
    const answer = await rawRequest(server.base(), '/api/schema', { host: 'attacker.example:80' });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({
      error: expect.stringMatching(/unexpected Host header "attacker\.example:80"/),
    });
    const local = await rawRequest(server.base(), '/api/schema', {
      host: `localhost:${new URL(server.base()).port}`,
    });
    expect(local.status).toBe(200);
  });
});

describe('triangulate serve: POST /api/analyze', () => {
  const server = serverFixture({ maxBodyBytes: 64 * 1024 });
  const analyze = (body: unknown) => postJson(`${server.base()}/api/analyze`, body);

  it('answers the report for the bundled example, valid against the schema', async () => {
    const response = await analyze({ articles: exampleArticles() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const report = (await response.json()) as ReportShape;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.articles.map((article) => article.id)).toEqual([
      'baltic-wire',
      'coastal-herald',
      'velmora-daily',
    ]);
    expect(report.articles[0]).toMatchObject({
      outlet: 'Baltic Wire Service',
      published: '2026-03-10',
    });
    expect(report.claims.some((claim) => claim.articles.length >= 2)).toBe(true);
  });

  it('names pasted articles after their outlet, else their place in the request', async () => {
    const text =
      'The port of Velmora reopened on Tuesday after a three-week strike, officials said.';
    const response = await analyze({
      articles: [
        { text, outlet: 'The Coastal Herald' },
        { text },
        { text, outlet: 'The Coastal Herald' },
      ],
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ReportShape;
    expect(report.articles.map((article) => article.id)).toEqual([
      'the-coastal-herald',
      'article-2',
      'the-coastal-herald-2',
    ]);
  });

  it.each([
    ['bad JSON', '{"articles": [', /the request body is not valid JSON/],
    ['an empty body', '', /the request body is empty/],
    ['not an object', '[1, 2]', /expected a JSON object with "articles", got a list/],
    ['missing articles', {}, /missing "articles"/],
    ['articles not a list', { articles: 'text' }, /"articles" must be a list, got a string/],
    ['an empty list', { articles: [] }, /"articles" is empty/],
    [
      'an unknown top-level field',
      { articles: [{ text: 'x' }], format: 'md' },
      /unknown field "format"/,
    ],
    [
      'an item that is not an object',
      { articles: ['just text'] },
      /articles\[0\] must be an object, got a string/,
    ],
    [
      'an item with none of text, html or url',
      { articles: [{ outlet: 'X' }] },
      /articles\[0\] has none of "text", "html" or "url"/,
    ],
    [
      'an item with two of them',
      { articles: [{ text: 'a', url: 'https://example.com/' }] },
      /"text" and "url": give only one/,
    ],
    [
      'text of the wrong type',
      { articles: [{ text: 42 }] },
      /articles\[0\]\.text must be a string, got a number/,
    ],
    [
      'metadata of the wrong type',
      { articles: [{ text: 'a', outlet: ['X'] }] },
      /articles\[0\]\.outlet must be a string, got a list/,
    ],
    [
      'blank text',
      { articles: [{ text: 'a' }, { text: '  \n ' }] },
      /articles\[1\]\.text is empty/,
    ],
    ['a misspelt field', { articles: [{ txt: 'a' }] }, /articles\[0\]: unknown field "txt"/],
    [
      'a URL that is not one',
      { articles: [{ url: 'not a url' }] },
      /articles\[0\]\.url is not a valid URL/,
    ],
    [
      'a file path as URL',
      { articles: [{ url: '/etc/passwd' }] },
      /articles\[0\]\.url is not a valid URL/,
    ],
    [
      'a file: URL',
      { articles: [{ url: 'file:///etc/passwd' }] },
      /must be an http or https URL, got file:/,
    ],
    [
      'a URL with credentials',
      { articles: [{ url: 'https://user:pw@example.com/' }] },
      /user name or password/,
    ],
    [
      'too many articles',
      { articles: Array.from({ length: 51 }, () => ({ text: 'a' })) },
      /too many articles: 51, at most 50/,
    ],
  ])('answers 400 for %s', async (_name, body, message) => {
    await expectError(await analyze(body), 400, message);
  });

  it('answers 415 unless the body is declared JSON', async () => {
    const response = await fetch(`${server.base()}/api/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ articles: [{ text: 'a' }] }),
    });
    await expectError(response, 415, /expected content-type application\/json, got text\/plain/);
    const form = await fetch(`${server.base()}/api/analyze`, {
      method: 'POST',
      body: new URLSearchParams({ text: 'a' }),
    });
    await expectError(form, 415, /application\/x-www-form-urlencoded/);
  });

  it('answers 413 for a declared length over the limit, without reading the body', async () => {
    const big = JSON.stringify({ articles: [{ text: 'x'.repeat(100 * 1024) }] });
    await expectError(await analyze(big), 413, /over the 64 KB limit/);
  });

  it('answers 413 as soon as a streamed body passes the limit', async () => {
    // Chunked, no content-length: the limit is enforced while reading, and the rest is never read.
    const answer = await streamedRequest(server.base(), '/api/analyze', 16 * 1024, 1024);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: 'the request body is over the 64 KB limit' });
    expect(answer.headers['connection']).toBe('close');
    expect(answer.sent).toBeLessThan(256 * 1024);
  });

  it('answers 422 when no article has any text left', async () => {
    const error = await expectError(
      await analyze({ articles: [{ html: '<html><body><nav></nav></body></html>' }] }),
      422,
      /^no article could be read \(articles\[0\]: /,
    );
    expect(error).toMatch(/no article text found|nothing left/);
  });

  it('keeps the good articles and reports the bad one as a diagnostic', async () => {
    const response = await analyze({
      articles: [
        { text: 'The port of Velmora reopened on Tuesday, officials said.' },
        { html: '<html><body></body></html>', id: 'blank' },
      ],
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ReportShape;
    expect(report.articles).toHaveLength(1);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ input: 'articles[1] (blank)', severity: 'error' }),
    );
  });
});

describe('triangulate serve: URL items and server-side request forgery', () => {
  const example = readFileSync(join(EXAMPLE_DIRECTORY, 'velmora-daily.html'), 'utf8');
  const pages = httpFixtureServer({
    '/story': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(example);
    },
    '/feed': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>' +
          '<item><title>One</title><link>https://wire.example/one</link><description>The port of Velmora reopened on Tuesday, officials said.</description></item>' +
          '<item><title>Two</title><link>https://wire.example/two</link><description>Dockworkers in Velmora ended their strike, the union said.</description></item>' +
          '</channel></rss>',
      );
    },
  });
  const guarded = serverFixture({
    lookup: async (host) => (host === 'intranet.test' ? [{ address: '10.0.0.7' }] : []),
  });
  const open = serverFixture({ allowPrivate: true });

  it('refuses a URL on 127.0.0.1 with a clear error', async () => {
    const error = await expectError(
      await postJson(`${guarded.base()}/api/analyze`, {
        articles: [{ text: 'Some text.' }, { url: `${pages.baseUrl()}/story` }],
      }),
      400,
      /^articles\[1\]\.url: refused: 127\.0\.0\.1 is a loopback address/,
    );
    expect(error).toContain('--allow-private');
  });

  it('refuses a host name that resolves to a private address, and localhost', async () => {
    await expectError(
      await postJson(`${guarded.base()}/api/analyze`, {
        articles: [{ url: 'http://intranet.test/wiki' }],
      }),
      400,
      /refused: intranet\.test resolves to 10\.0\.0\.7, a private-network address/,
    );
    await expectError(
      await postJson(`${guarded.base()}/api/analyze`, {
        articles: [{ url: 'http://[::ffff:169.254.169.254]/latest/meta-data/' }],
      }),
      400,
      /link-local/,
    );
  });

  it('fetches pages and feeds on private addresses with allowPrivate', async () => {
    const response = await postJson(`${open.base()}/api/analyze`, {
      articles: [
        { url: `${pages.baseUrl()}/story`, outlet: 'Velmora Daily (given)', id: 'daily' },
        { url: `${pages.baseUrl()}/feed`, outlet: 'Wire' },
      ],
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ReportShape;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.articles.map((article) => [article.id, article.outlet])).toEqual([
      ['daily', 'Velmora Daily (given)'],
      ['one', 'Wire'],
      ['two', 'Wire'],
    ]);
    expect(report.articles[0]!.url).toBe(`${pages.baseUrl()}/story`);
  });

  it('reports a URL that fails as a diagnostic, like the CLI', async () => {
    const response = await postJson(`${open.base()}/api/analyze`, {
      articles: [
        { text: 'The port reopened on Tuesday, officials said.' },
        { url: `${pages.baseUrl()}/gone` },
      ],
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ReportShape;
    expect(report.diagnostics).toContainEqual({
      input: `${pages.baseUrl()}/gone`,
      severity: 'error',
      message: 'HTTP 404 Not Found',
    });
  });
});

describe('fetchUrl checkAddress hook', () => {
  const pages = httpFixtureServer({
    '/hop': (_request, response) => {
      response.writeHead(302, { location: '/private' });
      response.end();
    },
    '/private': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('secret');
    },
  });

  it('runs before connecting and for every redirect hop', async () => {
    const seen: string[] = [];
    const checkAddress = async (url: URL) => {
      seen.push(url.pathname);
      if (url.pathname === '/private') throw new Error('refused: a private address');
    };
    const options = { timeoutMs: 5000, maxBytes: 1024, maxRedirects: 5, checkAddress };
    const failure = await fetchUrl(`${pages.baseUrl()}/hop`, options).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).message).toBe(
      `redirect to ${pages.baseUrl()}/private: refused: a private address`,
    );
    expect((failure as InputError).input).toBe(`${pages.baseUrl()}/hop`);
    expect(seen).toEqual(['/hop', '/private']);
  });
});

describe('triangulate serve: limits and shutdown', () => {
  const slow = serverFixture({ requestTimeoutMs: 30, attributionModel: 'accurate' });
  const single = serverFixture({ queueCapacity: 1 });

  it('answers 503 when an analysis runs past the request time limit', async () => {
    await expectError(
      await postJson(`${slow.base()}/api/analyze`, { articles: exampleArticles() }),
      503,
      /the analysis did not finish within 0\.03 s/,
    );
  });

  it('runs analyses one at a time and answers 503 when the queue is full', async () => {
    const body = { articles: exampleArticles() };
    const [first, second] = await Promise.all([
      postJson(`${single.base()}/api/analyze`, body),
      // Sent a moment later, while the first is running.
      new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        postJson(`${single.base()}/api/analyze`, body),
      ),
    ]);
    expect(first.status).toBe(200);
    await expectError(second, 503, /the server is busy/);
    expect(second.headers.get('retry-after')).toBe('5');
  });

  it('shuts down gracefully: finishes the request in flight, then refuses connections', async () => {
    const app = createAppServer({ page, host: '127.0.0.1', port: 0, attributionModel: 'fast' });
    const base = (await app.listen()).href;
    const inFlight = postJson(`${base}api/analyze`, { articles: exampleArticles() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = app.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as ReportShape).articles).toHaveLength(3);
    await closed;
    expect(app.server.listening).toBe(false);
    await expect(fetch(`${base}api/schema`)).rejects.toThrow();
  });
});

const builtCli = join(findPackageRoot(), 'dist', 'src', 'cli', 'main.js');

describe.skipIf(!existsSync(builtCli))('triangulate serve (the built command)', () => {
  it('prints its URL, and on SIGTERM finishes the request in flight and exits 0', async () => {
    const child = spawn(
      process.execPath,
      [builtCli, 'serve', '--port', '0', '--attribution-model', 'fast'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const base = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (found) resolve(found[1]!);
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    const inFlight = postJson(`${base}api/analyze`, { articles: exampleArticles() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as ReportShape).articles).toHaveLength(3);
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM: finishing the requests received, then stopping');
  });

  it('says clearly when the port is taken', async () => {
    const app = createAppServer({ page, host: '127.0.0.1', port: 0 });
    const port = (await app.listen()).port;
    const child = spawn(process.execPath, [builtCli, 'serve', '--port', port], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    await app.close();
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      `triangulate: cannot listen on 127.0.0.1:${port}: the port is in use (choose another with --port)`,
    );
  });
});

/** A GET with headers fetch will not let us set (Host). */
function rawRequest(
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * POSTs a chunked body of `chunks` × `chunkBytes` of JSON, chunk by chunk, stopping when the answer
 * comes; returns the answer and how many bytes were written by then.
 */
function streamedRequest(
  base: string,
  path: string,
  chunkBytes: number,
  chunks: number,
): Promise<{ status: number; body: string; headers: IncomingHttpHeaders; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = httpRequest(
      `${base}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (response) => {
        answered = true;
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers, sent }),
        );
      },
    );
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(chunkBytes, 'x');
    request.write('{"articles": [{"text": "');
    let written = 0;
    const writeNext = () => {
      if (answered || written >= chunks) {
        if (!answered) request.end('"}]}');
        return;
      }
      written++;
      sent += chunk.length;
      request.write(chunk, () => setImmediate(writeNext));
    };
    writeNext();
  });
}
