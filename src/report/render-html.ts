import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../model/package-files.js';
import type { Report } from '../model/report.js';

/**
 * The HTML report: one self-contained page that a reporter can mail to an editor. The page holds
 * the report JSON and the client (`assets/report/report.js`, `report.css`) inline; the client draws
 * everything with DOM text nodes, so article text never becomes markup. A Content-Security-Policy
 * allows exactly the inline script and style by hash and no network at all.
 */
export function renderHtml(report: Report): string {
  const first = report.articles[0];
  const lead = first?.title ?? first?.headings.find((heading) => heading.kind === 'headline')?.text;
  const count = report.articles.length;
  return htmlPage({
    title: `${lead ? `${lead.replace(/\s+/g, ' ').trim()} – ` : ''}triangulate report (${count} article${count === 1 ? '' : 's'})`,
    body: [
      '<div id="app"></div>',
      '<noscript><p class="noscript">This report is drawn by the script in the page; allow',
      'JavaScript for this file to read it. The data is in the page as JSON',
      '(<code>report-data</code>).</p></noscript>',
    ].join('\n'),
    data: report,
  });
}

export interface HtmlPageOptions {
  /** The page title (plain text: escaped here). */
  readonly title: string;
  /** Trusted markup for `<body>`, e.g. `<div id="app"></div>`; never put report text in it. */
  readonly body: string;
  /** JSON for `<script type="application/json" id="report-data">`; the client draws it into `#app`. */
  readonly data?: unknown;
  /** A second inline script, run after the client (`window.triangulateRender` is defined). */
  readonly extraScript?: string;
  /** A second inline stylesheet, after the report's (for a host page's own controls). */
  readonly extraStyle?: string;
  /** Allow `fetch` to the page's own origin (`connect-src 'self'`), for a served page. */
  readonly connectSelf?: boolean;
}

/**
 * The page shell: doctype, language, charset, viewport, the Content-Security-Policy (inline script
 * and style allowed by sha256, `default-src 'none'`), the client's CSS and script inline, and the
 * data block. Used by `renderHtml` and by a server that draws a fetched report with the same client.
 */
export function htmlPage(options: HtmlPageOptions): string {
  const assets = reportAssets();
  const scripts = [assets.script];
  if (options.extraScript) scripts.push(inlineSafe(options.extraScript, 'script'));
  const styles = [assets.style];
  if (options.extraStyle) styles.push(inlineSafe(options.extraStyle, 'style'));
  const policy = [
    "default-src 'none'",
    `script-src ${scripts.map(sourceHash).join(' ')}`,
    `style-src ${styles.map(sourceHash).join(' ')}`,
    'img-src data:',
    ...(options.connectSelf ? ["connect-src 'self'"] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const data =
    options.data === undefined
      ? ''
      : `<script type="application/json" id="report-data">${jsonForScript(options.data)}</script>\n`;
  return (
    '<!doctype html>\n' +
    '<html lang="en">\n' +
    '<head>\n' +
    '<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="referrer" content="no-referrer">\n' +
    '<meta name="generator" content="triangulate">\n' +
    `<title>${escapeHtml(options.title)}</title>\n` +
    // An empty icon, so that no browser asks for /favicon.ico.
    '<link rel="icon" href="data:,">\n' +
    styles.map((style) => `<style>${style}</style>\n`).join('') +
    '</head>\n' +
    '<body>\n' +
    `${options.body}\n` +
    data +
    scripts.map((script) => `<script>${script}</script>\n`).join('') +
    '</body>\n' +
    '</html>\n'
  );
}

/** Text for HTML text and attribute values: `&`, `<`, `>`, `"` and `'` as character references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&` as `\u003c` etc.
 * (no `</script>` or `<!--` can end the block early), and U+2028/U+2029 escaped as well. It parses
 * back to the same value.
 */
export function jsonForScript(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(
    /[<>&\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A CSP source expression for an inline script or style: `'sha256-…'` of its exact text. */
function sourceHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

let cachedAssets: { readonly script: string; readonly style: string } | undefined;

/** The client script and stylesheet shipped in `assets/report/`, read once. */
function reportAssets(): { readonly script: string; readonly style: string } {
  if (!cachedAssets) {
    const folder = join(findPackageRoot(), 'assets', 'report');
    cachedAssets = {
      script: inlineSafe(readFileSync(join(folder, 'report.js'), 'utf8'), 'script'),
      style: inlineSafe(readFileSync(join(folder, 'report.css'), 'utf8'), 'style'),
    };
  }
  return cachedAssets;
}

/** Inline code must not contain its own end tag (or `<!--`), which would end the element early. */
function inlineSafe(content: string, tag: 'script' | 'style'): string {
  if (new RegExp(`</${tag}|<!--`, 'i').test(content))
    throw new Error(`triangulate: inline ${tag} must not contain "</${tag}" or "<!--"`);
  return content;
}
