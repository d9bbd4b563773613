import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { parseAnalyzeRequest } from './parse-analyze-request.js';

const limits = { maxArticles: 3 };

describe('parseAnalyzeRequest', () => {
  it('reads each kind of item with its metadata, trimmed, and drops empty metadata', () => {
    const parsed = parseAnalyzeRequest(
      {
        articles: [
          { text: 'Body one.', outlet: ' The Herald ', title: '', published: '2026-03-10' },
          { html: '<p>Body two.</p>', id: 'two', outlet: null },
          { url: '  https://news.example/story  ' },
        ],
      },
      limits,
    );
    expect(parsed.articles).toEqual([
      { kind: 'text', content: 'Body one.', outlet: 'The Herald', published: '2026-03-10' },
      { kind: 'html', content: '<p>Body two.</p>', id: 'two' },
      { kind: 'url', content: 'https://news.example/story' },
    ]);
  });

  it('keeps pasted text exactly as sent (offsets index it)', () => {
    const text = '  Headline\n\nBody.  \n';
    expect(parseAnalyzeRequest({ articles: [{ text }] }, limits).articles[0]!.content).toBe(text);
  });

  it('counts the limit on articles from the request', () => {
    const articles = Array.from({ length: 4 }, () => ({ text: 'x' }));
    expect(() => parseAnalyzeRequest({ articles }, limits)).toThrow(
      'too many articles: 4, at most 3 per request',
    );
  });

  it('fails with a 400 HttpError naming the field', () => {
    const failure = (() => {
      try {
        parseAnalyzeRequest({ articles: [{ text: 'a' }, { title: 5, text: 'b' }] }, limits);
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(HttpError);
    expect(failure).toMatchObject({
      status: 400,
      message: 'articles[1].title must be a string, got a number',
    });
  });

  it.each([
    'ftp://example.com/feed',
    'javascript:alert(1)',
    'data:text/html,hi',
    'HTTPS://EXAMPLE.COM/',
  ])('accepts only http(s) URLs: %s', (url) => {
    const parse = () => parseAnalyzeRequest({ articles: [{ url }] }, limits);
    if (/^https?:/i.test(url)) expect(parse().articles[0]!.kind).toBe('url');
    else expect(parse).toThrow(/must be an http or https URL/);
  });
});
