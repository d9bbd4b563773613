import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { analyzeInputs } from '../src/pipeline/analyze.js';
import { fetchUrl } from '../src/ingest/fetch-url.js';
import { httpFixtureServer } from './http-fixture-server.js';
import { EXAMPLE_DIRECTORY } from './shared-data.js';
import { temporaryDirectory } from './temporary-directory.js';

const directory = temporaryDirectory();
const STORY =
  'The port authority said on Tuesday that replacement crews would arrive next week, two officials said.';
const PAGE = `<!doctype html><html><head><title>Crews to arrive | Harbor News</title>
<meta property="og:site_name" content="Harbor News"><meta property="article:published_time" content="2026-03-10T09:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Crews to arrive</h1>
<p>${STORY}</p><p>The union said it would extend the strike to two smaller ports if the crews came, a step it has threatened before.</p>
<p>Talks are due to resume on Thursday under a state mediator, the ministry said in a statement released late on Monday.</p></article>
<footer>© 2026 Harbor News</footer></body></html>`;

const RSS = (base: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbor News</title>
<item><title>Crews to arrive</title><link>${base}/page</link><pubDate>Tue, 10 Mar 2026 09:00:00 GMT</pubDate>
<description><![CDATA[<p>${STORY}</p>]]></description></item>
<item><title>Second item</title><link>${base}/gone</link><description>The union said it would extend the strike, its leader said.</description></item>
</channel></rss>`;

const server = httpFixtureServer({
  '/page': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(PAGE);
  },
  '/gzipped': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    response.end(gzipSync(PAGE));
  },
  '/redirect': (_request, response) => {
    response.writeHead(302, { location: '/page' });
    response.end();
  },
  '/loop': (_request, response) => {
    response.writeHead(302, { location: '/loop' });
    response.end();
  },
  '/big': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('x'.repeat(5000));
  },
  '/slow': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.write('<html>');
    setTimeout(() => response.end('</html>'), 2000);
  },
  '/feed': (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.end(RSS(server.baseUrl()));
  },
});

describe('inputs', () => {
  it('reads a plain text file with a sidecar, and a page with metadata from its meta tags', async () => {
    writeFileSync(join(directory, 'wire.txt'), `${STORY}\n`);
    writeFileSync(
      join(directory, 'wire.txt.meta.json'),
      JSON.stringify({
        outlet: 'Wire',
        title: 'Crews',
        published: '2026-03-10',
        url: 'https://wire.example/crews',
      }),
    );
    writeFileSync(join(directory, 'page.html'), PAGE);
    const { articles, diagnostics } = await analyzeInputs([
      join(directory, 'wire.txt'),
      join(directory, 'page.html'),
    ]);
    expect(diagnostics).toEqual([]);
    expect(articles[0]!.metadata).toMatchObject({
      id: 'wire',
      outlet: 'Wire',
      title: 'Crews',
      published: '2026-03-10',
      url: 'https://wire.example/crews',
      language: 'en',
    });
    expect(articles[1]!.metadata).toMatchObject({
      id: 'page',
      outlet: 'Harbor News',
      published: '2026-03-10T09:00:00.000Z',
    });
    expect(articles[1]!.text).toContain(STORY);
    expect(articles[1]!.text).not.toMatch(/Home|© 2026/);
  });

  it('--outlet and --date fill only what inputs lack', async () => {
    const { articles } = await analyzeInputs(
      [join(directory, 'wire.txt'), join(directory, 'page.html')],
      { outlet: 'Fallback', published: '2026-01-01' },
    );
    expect(articles.map((article) => article.metadata.outlet)).toEqual(['Wire', 'Harbor News']);
    writeFileSync(join(directory, 'bare.txt'), `${STORY}\n`);
    const bare = await analyzeInputs([join(directory, 'bare.txt')], {
      outlet: 'Fallback',
      published: '2026-01-01',
    });
    expect(bare.articles[0]!.metadata).toMatchObject({
      outlet: 'Fallback',
      published: '2026-01-01',
    });
  });

  it('reads RSS, Atom and JSON Feed files, one article per item', async () => {
    writeFileSync(join(directory, 'feed.rss'), RSS('https://harbor.example'));
    writeFileSync(
      join(directory, 'feed.atom'),
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
      <entry><title>Crews</title><link href="https://atom.example/crews"/><published>2026-03-10T08:00:00Z</published><content type="html">&lt;p&gt;${STORY}&lt;/p&gt;</content></entry></feed>`,
    );
    writeFileSync(
      join(directory, 'feed.json'),
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON News',
        items: [
          {
            id: 'j1',
            url: 'https://json.example/j1',
            title: 'Crews',
            content_text: STORY,
            date_published: '2026-03-10T07:00:00Z',
          },
        ],
      }),
    );
    const { articles, diagnostics } = await analyzeInputs([
      join(directory, 'feed.rss'),
      join(directory, 'feed.atom'),
      join(directory, 'feed.json'),
    ]);
    expect(diagnostics).toEqual([]);
    expect(
      articles.map((article) => [article.id, article.metadata.outlet, article.metadata.published]),
    ).toEqual([
      ['page', 'Harbor News', '2026-03-10T09:00:00.000Z'],
      ['gone', 'Harbor News', undefined],
      ['crews', 'Atom News', '2026-03-10T08:00:00.000Z'],
      ['j1', 'JSON News', '2026-03-10T07:00:00.000Z'],
    ]);
    expect(articles[0]!.text).toBe(STORY);
    expect(articles[2]!.metadata.url).toBe('https://atom.example/crews');
  });

  it('reads JSONL with ids, text or html, and makes repeated ids unique', async () => {
    writeFileSync(
      join(directory, 'batch.jsonl'),
      [
        JSON.stringify({ id: 'x-1', outlet: 'A', text: STORY }),
        JSON.stringify({ id: 'x-1', outlet: 'B', html: `<p>${STORY}</p>` }),
        JSON.stringify({ outlet: 'C', text: STORY }),
      ].join('\n'),
    );
    const { articles } = await analyzeInputs([join(directory, 'batch.jsonl')]);
    expect(articles.map((article) => [article.id, article.metadata.outlet])).toEqual([
      ['x-1', 'A'],
      ['x-1-2', 'B'],
      ['line-3', 'C'],
    ]);
  });

  it('reads directories recursively, skipping sidecars, hidden files and other extensions', async () => {
    const tree = join(directory, 'tree');
    mkdirSync(join(tree, 'nested', '.hidden'), { recursive: true });
    writeFileSync(join(tree, 'one.txt'), STORY);
    writeFileSync(join(tree, 'one.txt.meta.json'), '{"outlet":"One"}');
    writeFileSync(join(tree, 'nested', 'two.html'), PAGE);
    writeFileSync(join(tree, 'nested', '.hidden', 'three.txt'), STORY);
    writeFileSync(join(tree, 'notes.pdf'), 'x');
    const { articles } = await analyzeInputs([tree]);
    expect(articles.map((article) => [article.id, article.metadata.outlet])).toEqual([
      ['two', 'Harbor News'],
      ['one', 'One'],
    ]);
  });

  it('reads standard input for -', async () => {
    const { articles } = await analyzeInputs(['-'], {
      ingest: { readStdin: async () => Buffer.from(STORY) },
    });
    expect(articles[0]!.id).toBe('stdin');
    expect(articles[0]!.text).toBe(STORY);
  });

  it('fetches URLs: follows redirects, undoes gzip, reads the page', async () => {
    const { articles, diagnostics } = await analyzeInputs([
      `${server.baseUrl()}/redirect`,
      `${server.baseUrl()}/gzipped`,
    ]);
    expect(diagnostics).toEqual([]);
    expect(articles.map((article) => article.metadata.url)).toEqual([
      `${server.baseUrl()}/page`,
      `${server.baseUrl()}/gzipped`,
    ]);
    for (const article of articles) expect(article.text).toContain(STORY);
  });

  it('refuses redirect loops, oversize responses and slow servers, each with a clear message', async () => {
    const options = { timeoutMs: 500, maxBytes: 1000, maxRedirects: 3 };
    await expect(fetchUrl(`${server.baseUrl()}/loop`, options)).rejects.toThrow(
      'more than 3 redirects',
    );
    await expect(fetchUrl(`${server.baseUrl()}/big`, options)).rejects.toThrow(
      'over the 1000-byte limit',
    );
    await expect(fetchUrl(`${server.baseUrl()}/slow`, options)).rejects.toThrow(
      'no complete response within 0.5 s',
    );
    await expect(fetchUrl(`http://127.0.0.1:${await closedPort()}/none`, options)).rejects.toThrow(
      'connection refused',
    );
  });

  it('--follow fetches each feed item page and falls back to the feed text when it cannot', async () => {
    const { articles, diagnostics } = await analyzeInputs([`${server.baseUrl()}/feed`], {
      ingest: { follow: true },
    });
    expect(articles[0]!.text).toContain('a step it has threatened before');
    expect(articles[1]!.text).toBe('The union said it would extend the strike, its leader said.');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      severity: 'warning',
      input: `${server.baseUrl()}/feed#2`,
    });
    expect(diagnostics[0]!.message).toContain('HTTP 404');
  });

  it('reads the bundled example: two text reports with sidecars and one page', async () => {
    const { articles } = await analyzeInputs([EXAMPLE_DIRECTORY]);
    expect(articles.map((article) => article.metadata.outlet)).toEqual([
      'Baltic Wire Service',
      'The Coastal Herald',
      'Velmora Daily',
    ]);
  });
});

/** A loopback port nothing listens on: bound once by the OS, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
