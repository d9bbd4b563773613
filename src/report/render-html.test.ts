import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_VERSION, type Report } from '../model/report.js';
import { analyzeInputs } from '../pipeline/analyze.js';
import { runCliCaptured } from '../../test/run-cli-captured.js';
import { EXAMPLE_DIRECTORY } from '../../test/shared-data.js';
import { temporaryDirectory } from '../../test/temporary-directory.js';
import { buildReport } from './build-report.js';
import { escapeHtml, htmlPage, jsonForScript, renderHtml } from './render-html.js';

const HOSTILE =
  '</script><script>alert(1)</script> <!-- <img src=x onerror="alert(2)"> \u2028\u2029 &amp;';

/** A report by hand, with hostile text where article text and metadata go. */
function hostileReport(): Report {
  const text = `Officials said ${HOSTILE} on Friday.`;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'triangulate', version: '0.0.0-test' },
    diagnostics: [],
    articles: [
      {
        id: 'a',
        outlet: '<b>Outlet</b>',
        title: '</title><script>alert(3)</script>',
        language: 'en',
        text,
        headings: [],
        sentences: [{ start: 0, end: text.length }],
        removed: [],
      },
    ],
    entities: [],
    attributions: [],
    claims: [],
    conflicts: [],
    framing: [],
    labels: [],
    timeline: [],
    relations: [],
  };
}

/** The inline `<script>` bodies (not the JSON data block) and the `<style>` body of a page. */
function inlineParts(html: string): { scripts: string[]; styles: string[]; policy: string } {
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]!);
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  if (!policy) throw new Error('no Content-Security-Policy meta element');
  return { scripts, styles, policy: policy.replace(/&#39;/g, "'") };
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function directive(policy: string, name: string): string[] | undefined {
  const part = policy
    .split(';')
    .map((item) => item.trim().split(/\s+/))
    .find((words) => words[0] === name);
  return part?.slice(1);
}

describe('renderHtml', () => {
  it('carries a Content-Security-Policy whose hashes match the inline script and style', () => {
    const html = renderHtml(hostileReport());
    const { scripts, styles, policy } = inlineParts(html);
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(directive(policy, 'default-src')).toEqual(["'none'"]);
    expect(directive(policy, 'script-src')).toEqual(scripts.map(sha256));
    expect(directive(policy, 'style-src')).toEqual(styles.map(sha256));
    expect(directive(policy, 'img-src')).toEqual(['data:']);
    expect(directive(policy, 'base-uri')).toEqual(["'none'"]);
    expect(directive(policy, 'form-action')).toEqual(["'none'"]);
    expect(directive(policy, 'connect-src')).toBeUndefined();
    // The policy comes before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('is a complete, accessible page shell', () => {
    const html = renderHtml(hostileReport());
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<div id="app"></div>');
    expect(html).toContain('<noscript>');
  });

  it('keeps hostile article text inside the data block, where it parses back unchanged', () => {
    const report = hostileReport();
    const html = renderHtml(report);
    // Only the page's own elements close: the data block and the client script.
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    const outsideScripts = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '');
    expect(outsideScripts).not.toMatch(/<script|<img|alert\(1\)/);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<!-- <img');
    expect(html).not.toMatch(/[\u2028\u2029]/);
    const block = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(
      html,
    )?.[1];
    expect(block).toBeDefined();
    expect(JSON.parse(block!)).toEqual(report);
  });

  it('escapes the title taken from an article', () => {
    const html = renderHtml(hostileReport());
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
    expect(title).toContain('&#60;/title&#62;&#60;script&#62;alert(3)&#60;/script&#62;');
    expect(title).toContain('triangulate report (1 article)');
  });

  it('asks for nothing over the network: no external scripts, styles, images or fonts', () => {
    const html = renderHtml(hostileReport());
    const shell = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '');
    expect(shell).not.toMatch(/\s(src|href)=(?!"data:)/);
    const { styles } = inlineParts(html);
    expect(styles[0]).not.toMatch(/@import|url\(/);
  });

  it('the example report is well under 1 MB', async () => {
    const analysis = await analyzeInputs([EXAMPLE_DIRECTORY], { attributionModel: 'fast' });
    const html = renderHtml(buildReport(analysis.articles, analysis.diagnostics, analysis.story));
    expect(Buffer.byteLength(html)).toBeLessThan(1024 * 1024);
  });
});

describe('htmlPage', () => {
  it('hashes a second script and allows fetches to its own origin when asked', () => {
    const extraScript = 'window.triangulateRender && document.body.setAttribute("data-ready", "");';
    const html = htmlPage({
      title: 'triangulate serve',
      body: '<main id="app"></main>',
      extraScript,
      connectSelf: true,
    });
    const { scripts, policy } = inlineParts(html);
    expect(scripts).toHaveLength(2);
    expect(scripts[1]).toBe(extraScript);
    expect(directive(policy, 'script-src')).toEqual(scripts.map(sha256));
    expect(directive(policy, 'connect-src')).toEqual(["'self'"]);
    expect(html).not.toContain('id="report-data"');
    // The client comes first, so the extra script can call window.triangulateRender.
    expect(html.indexOf(scripts[0]!)).toBeLessThan(html.indexOf(extraScript));
  });

  it("hashes a second stylesheet for the host page's own controls", () => {
    const extraStyle = '.app-form { margin: 1rem; }';
    const html = htmlPage({ title: 't', body: '', extraStyle });
    const { styles, policy } = inlineParts(html);
    expect(styles).toEqual([expect.any(String), extraStyle]);
    expect(directive(policy, 'style-src')).toEqual(styles.map(sha256));
  });

  it('refuses inline code that would end its own element', () => {
    expect(() =>
      htmlPage({ title: 't', body: '', extraScript: 'let a = "</script><script>alert(1)";' }),
    ).toThrow(/must not contain/);
  });

  it('inlines exactly the shipped assets', () => {
    const html = htmlPage({ title: 't', body: '' });
    const { scripts, styles } = inlineParts(html);
    const folder = join(import.meta.dirname, '..', '..', 'assets', 'report');
    expect(scripts[0]).toBe(readFileSync(join(folder, 'report.js'), 'utf8'));
    expect(styles[0]).toBe(readFileSync(join(folder, 'report.css'), 'utf8'));
  });
});

describe('escaping helpers', () => {
  it('jsonForScript escapes what could end or confuse a script block and parses back', () => {
    const value = { text: HOSTILE };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('escapeHtml escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
    );
  });
});

describe('triangulate analyze --format html', () => {
  const directory = temporaryDirectory();

  it('writes the page with --out, like the other formats', async () => {
    const out = join(directory, 'story.html');
    const result = await runCliCaptured([
      'analyze',
      EXAMPLE_DIRECTORY,
      '--format',
      'html',
      '--attribution-model',
      'fast',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('id="report-data"');
    expect(html).toContain('Baltic Wire Service');
  });

  it('lists html among the formats in --help', async () => {
    const result = await runCliCaptured(['analyze', '--help']);
    expect(result.stdout).toMatch(/"html"/);
  });
});
