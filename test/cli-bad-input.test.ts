import { mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { httpFixtureServer } from './http-fixture-server.js';
import { runCliCaptured } from './run-cli-captured.js';
import { EXAMPLE_DIRECTORY } from './shared-data.js';
import { temporaryDirectory } from './temporary-directory.js';

const directory = temporaryDirectory();
const good = join(directory, 'good.txt');
writeFileSync(good, 'The port reopened on Tuesday after a three-week strike, officials said.\n');

const server = httpFixtureServer({
  '/missing': (_request, response) => {
    response.writeHead(404, { 'content-type': 'text/html' });
    response.end('<h1>Not found</h1>');
  },
  '/image': (_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  },
});

/** Every bad input: one line on stderr naming the input and the problem, the good input still reported, exit 1. */
async function expectOneClearError(
  input: string,
  problem: RegExp,
  stderrName = input,
): Promise<void> {
  const result = await runCliCaptured(['analyze', input, good, '--format', 'json']);
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(stderrName);
  expect(lines[0]).toMatch(problem);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  const report = JSON.parse(result.stdout) as { articles: { id: string }[] };
  expect(report.articles.map((article) => article.id)).toEqual(['good']);
}

describe('bad input', () => {
  it('a missing path', async () => {
    await expectOneClearError(join(directory, 'nope.txt'), /no such file or directory/);
  });

  it('a directory with nothing readable in it', async () => {
    const empty = join(directory, 'empty-dir');
    mkdirSync(empty);
    writeFileSync(join(empty, 'photo.jpg'), 'x');
    await expectOneClearError(empty, /no readable files/);
  });

  it('an unreadable file (a symlink loop)', async () => {
    const loop = join(directory, 'loop.txt');
    symlinkSync(loop, loop);
    await expectOneClearError(loop, /cannot read: ELOOP/);
  });

  it('a binary file', async () => {
    const binary = join(directory, 'binary.txt');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]));
    await expectOneClearError(binary, /binary file/);
  });

  it('an empty file', async () => {
    const empty = join(directory, 'empty.txt');
    writeFileSync(empty, '');
    await expectOneClearError(empty, /file is empty/);
  });

  it('a file over 50 MB', async () => {
    const huge = join(directory, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 51 * 1024 * 1024);
    await expectOneClearError(huge, /over the 50 MB limit/);
  });

  it('a bad URL', async () => {
    await expectOneClearError('http://exa mple.com/story', /not a valid URL/);
    await expectOneClearError('ftp://example.com/story.txt', /only http and https/);
  });

  it('an HTTP error', async () => {
    await expectOneClearError(`${server.baseUrl()}/missing`, /HTTP 404/);
  });

  it('a URL that is not a page', async () => {
    await expectOneClearError(`${server.baseUrl()}/image`, /unsupported content type image\/png/);
  });

  it('a malformed feed', async () => {
    const feed = join(directory, 'broken.xml');
    writeFileSync(
      feed,
      '<?xml version="1.0"?><rss><channel><item><title>Open</title></channel></rss>',
    );
    await expectOneClearError(feed, /malformed feed XML at line 1/);
  });

  it('a bad JSONL line: names the line and reads the rest', async () => {
    const jsonl = join(directory, 'batch.jsonl');
    writeFileSync(
      jsonl,
      [
        '{"id":"a1","text":"The first article says the port reopened."}',
        '{"id":"a2","text":',
        '{"id":"a3","text":"The third says it did not."}',
      ].join('\n'),
    );
    const result = await runCliCaptured(['analyze', jsonl, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`${jsonl}:2: bad JSON line, skipped`);
    expect(
      (JSON.parse(result.stdout) as { articles: { id: string }[] }).articles.map(
        (article) => article.id,
      ),
    ).toEqual(['a1', 'a3']);
  });

  it('non-UTF-8 text is decoded, not mangled', async () => {
    const legacy = join(directory, 'legacy.txt');
    writeFileSync(
      legacy,
      Buffer.from(
        'The minister\x92s decree was \x93ready\x94, officials said on Tuesday in the capital of the republic.\n',
        'latin1',
      ),
    );
    const result = await runCliCaptured(['analyze', legacy, '--format', 'json', '--verbose']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { articles: { text: string }[] };
    expect(report.articles[0]!.text).toContain('The minister’s decree was “ready”');
    expect(result.stderr).toMatch(/legacy\.txt: not UTF-8: decoded as windows-1252/);
  });

  it('only bad inputs: exit 2 and says no article could be read', async () => {
    const result = await runCliCaptured(['analyze', join(directory, 'nope.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no article could be read');
  });

  it('an unknown option or format is a usage error', async () => {
    expect((await runCliCaptured(['analyze', good, '--format', 'pdf'])).code).toBe(2);
    expect((await runCliCaptured(['analyze', good, '--date', '2026-02-30'])).stderr).toContain(
      'not a real calendar date',
    );
  });

  it('never overwrites an input with --out', async () => {
    const before = readFileSync(good, 'utf8');
    const result = await runCliCaptured(['analyze', good, '--out', good]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('refusing to overwrite an input file');
    expect(readFileSync(good, 'utf8')).toBe(before);
  });

  it('the bundled example reads without any problem', async () => {
    const result = await runCliCaptured(['analyze', EXAMPLE_DIRECTORY]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('3 articles from 3 outlets');
  });
});
