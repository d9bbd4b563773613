import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportClaim } from '../src/model/report.js';
import { analyzeInputs, type AnalyzeOptions } from '../src/pipeline/analyze.js';
import { buildReport } from '../src/report/build-report.js';
import { claimsInOrder } from '../src/report/claim-summary.js';
import { renderHtml } from '../src/report/render-html.js';
import { ARTIFACTS_DIRECTORY, hasChromium, launchChromium } from './browser.js';
import { EXAMPLE_DIRECTORY, hasSeeds, SEEDS_DIRECTORY } from './shared-data.js';
import { temporaryDirectory } from './temporary-directory.js';

/**
 * The HTML report in a real browser, opened from disk as an editor would open a mailed file: no
 * request leaves the page, nothing breaks the Content-Security-Policy, a claim stated in several
 * articles is marked in each of them, and article text that looks like markup stays text.
 * Screenshots are left in test-artifacts/ for people to look at.
 */

const ONE_MEGABYTE = 1024 * 1024;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** What a hostile article tries: each must show as text and never run. */
const SCRIPT_TEXT = '<script>window.__pwned=1</script>';
const IMAGE_TEXT = '<img src=x onerror="window.__pwned=1">';
const LINK_TEXT = 'javascript:window.__pwned=1';

async function reportOf(inputs: string[], options: AnalyzeOptions = {}): Promise<Report> {
  const analysis = await analyzeInputs(inputs, { attributionModel: 'fast', ...options });
  return buildReport(analysis.articles, analysis.diagnostics, analysis.story);
}

function writePage(name: string, report: Report): string {
  const path = join(ARTIFACTS_DIRECTORY, `${name}.html`);
  writeFileSync(path, renderHtml(report));
  return path;
}

interface OpenedPage {
  readonly page: Page;
  /** Every request the page made for anything but its own file. */
  readonly outside: string[];
  /** Console errors, uncaught exceptions and CSP violations. */
  readonly problems: string[];
}

/** Opens a report file with the network shut: anything but the file itself is counted and aborted. */
async function openOffline(
  browser: Browser,
  path: string,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport });
  const target = pathToFileURL(path).href;
  const outside: string[] = [];
  const problems: string[] = [];
  await page.route('**/*', (route) => {
    if (route.request().url() === target) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  page.on('request', (request) => {
    if (request.url() !== target && !outside.includes(request.url())) outside.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  await page.addInitScript({
    content:
      'window.__cspViolations = [];' +
      'document.addEventListener("securitypolicyviolation", function (event) {' +
      '  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);' +
      '});',
  });
  await page.goto(target);
  await page.locator('#app .report-main').waitFor();
  return { page, outside, problems };
}

async function cspViolations(page: Page): Promise<string[]> {
  return (await page.evaluate('window.__cspViolations')) as string[];
}

/** A claim stated in two or more articles, the one the page lists first. */
function sharedClaim(report: Report): ReportClaim {
  const claim = claimsInOrder(report).shared.find((candidate) => candidate.articles.length >= 2);
  if (!claim) throw new Error('no claim in two or more articles');
  return claim;
}

async function expectMarkedInEveryArticle(page: Page, claim: ReportClaim): Promise<void> {
  for (const article of claim.articles) {
    const marks = page.locator(`article[data-article="${article}"] mark[data-claim="${claim.id}"]`);
    expect(await marks.count(), `marks of ${claim.id} in ${article}`).toBeGreaterThan(0);
  }
}

describe.skipIf(!hasChromium)('the HTML report in a browser', () => {
  let browser: Browser;
  let example: Report;
  let seeds: Report | undefined;
  let injected: Report;
  const paths: Record<string, string> = {};
  const directory = temporaryDirectory();

  beforeAll(async () => {
    const launching = launchChromium();
    example = await reportOf([EXAMPLE_DIRECTORY]);
    paths['example'] = writePage('html-report-example', example);
    if (hasSeeds) {
      seeds = await reportOf([SEEDS_DIRECTORY], { published: '2026-01-20' });
      paths['seeds'] = writePage('html-report-seeds', seeds);
    }
    // A plain-text article keeps markup as written; its sidecar puts markup in the title and
    // outlet. A saved web page has it as entities (Readability drops real scripts).
    writeFileSync(
      join(directory, 'a-hostile.txt'),
      [
        `Port officials said on Friday that the strike would end soon ${SCRIPT_TEXT} and the union agreed.`,
        `A photo of the pier ${IMAGE_TEXT} showed the cranes standing still on Friday.`,
        `Readers were told to follow [this link](${LINK_TEXT}) for the union statement.`,
      ].join('\n\n'),
    );
    writeFileSync(
      join(directory, 'a-hostile.txt.meta.json'),
      JSON.stringify({
        outlet: `The ${IMAGE_TEXT} Times`,
        title: `</title>${SCRIPT_TEXT}`,
        published: '2026-03-10',
      }),
    );
    const escapedScript = SCRIPT_TEXT.replace(/</g, '&lt;').replace(/>/g, '&gt;');
    writeFileSync(
      join(directory, 'b-hostile.html'),
      `<!doctype html><html><head><title>Strike ends</title><script>window.__pwned=1</script></head>
<body><article><h1>Strike ends at the port</h1>
<p>Port officials said on Friday that the strike would end soon, and the union agreed to return to work on Monday. ${escapedScript}</p>
<p>The union said its members would vote on the deal at a meeting on Saturday, <a href="${LINK_TEXT}">${LINK_TEXT}</a>, according to a statement.</p>
<p>The port authority said ships waiting offshore would be unloaded first, and that the backlog would take a week to clear.</p>
<img src="x" onerror="window.__pwned=1" alt="cranes">
</article></body></html>`,
    );
    injected = await reportOf([directory], { published: '2026-03-10' });
    paths['injected'] = writePage('html-report-injected', injected);
    browser = await launching;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('writes the pages; the seeds page is under 1 MB', () => {
    expect(statSync(paths['example']!).size).toBeLessThan(ONE_MEGABYTE);
    if (paths['seeds']) expect(statSync(paths['seeds']).size).toBeLessThan(ONE_MEGABYTE);
  });

  it('opens the example with no network, no console errors and no CSP violations', async () => {
    const { page, outside, problems } = await openOffline(browser, paths['example']!);
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    expect(await page.locator('article.report-article').count()).toBe(example.articles.length);
    await page.screenshot({
      path: join(ARTIFACTS_DIRECTORY, 'html-report-example.png'),
      fullPage: true,
    });

    // Clicking a claim marks it in every article it is in and shows where it comes from.
    const claim = sharedClaim(example);
    const button = page.locator(`button[data-claim-button="${claim.id}"]`);
    await button.click();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    await expectMarkedInEveryArticle(page, claim);
    const detail = page.locator('li.claim', { has: button }).locator('.claim-detail');
    await expect.poll(() => detail.isVisible()).toBe(true);
    const chains = await detail.locator('.chain').allTextContents();
    expect(chains.length).toBeGreaterThan(0);
    expect(chains.join('\n')).toContain('→');
    for (const origin of claim.origins) expect(await detail.textContent()).toContain(origin.label);
    await page.screenshot({ path: join(ARTIFACTS_DIRECTORY, 'html-report-example-claim.png') });

    // A conflict side marks its own span.
    const conflict = example.conflicts.find((candidate) => candidate.evidence.length > 1);
    if (conflict) {
      await page.locator(`button[data-select="conflict:${conflict.id}:1"]`).click();
      expect(
        await page.locator(`mark[data-conflict="${conflict.id}"][data-side="1"]`).count(),
      ).toBeGreaterThan(0);
      expect(await page.locator('mark[data-claim]').count()).toBe(0);
    }

    // Framing terms of a chosen category are underlined in place.
    await page.locator('.framing-control select').selectOption('loaded');
    expect(await page.locator('mark.fr[data-framing="loaded"]').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('works from the keyboard: Tab to a claim, Enter marks it, Escape clears', async () => {
    const { page, problems } = await openOffline(browser, paths['example']!);
    const claims = claimsInOrder(example).shared.filter((claim) => claim.articles.length >= 2);
    const claim = claims[1] ?? claims[0]!;
    const button = page.locator(`button[data-claim-button="${claim.id}"]`);
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    await expectMarkedInEveryArticle(page, claim);
    // Focus stays on the claim, with a visible outline.
    expect(await page.evaluate('document.activeElement.getAttribute("data-claim-button")')).toBe(
      claim.id,
    );
    const outline = await button.evaluate((node) => getComputedStyle(node).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.tagName')).toBe('BUTTON');
    await page.keyboard.press('Escape');
    expect(await page.locator('mark.hl').count()).toBe(0);
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    // Space toggles as well.
    await button.focus();
    await page.keyboard.press('Space');
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fits a phone screen and prints the articles one after another', async () => {
    const { page, problems } = await openOffline(browser, paths['example']!, PHONE);
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS_DIRECTORY, 'html-report-phone.png') });
    await page.setViewportSize(DESKTOP);
    await page.emulateMedia({ media: 'print' });
    const body = page.locator('.article-body').first();
    expect(await body.evaluate((node) => getComputedStyle(node).overflowY)).toBe('visible');
    expect(await page.locator('nav.sections').isVisible()).toBe(false);
    const grid = page.locator('.article-grid');
    expect(await grid.evaluate((node) => getComputedStyle(node).display)).toBe('block');
    await page.screenshot({
      path: join(ARTIFACTS_DIRECTORY, 'html-report-print.png'),
      fullPage: true,
    });
    expect(problems).toEqual([]);
    await page.close();
  });

  it.skipIf(!hasSeeds)(
    'opens the seeds offline and marks a shared claim in each article',
    async () => {
      const { page, outside, problems } = await openOffline(browser, paths['seeds']!);
      expect(outside).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
      await page.screenshot({
        path: join(ARTIFACTS_DIRECTORY, 'html-report-seeds.png'),
        fullPage: true,
      });
      const claim = sharedClaim(seeds!);
      await page.locator(`button[data-claim-button="${claim.id}"]`).click();
      await expectMarkedInEveryArticle(page, claim);
      const chainText = (await page.locator('.claim-detail .chain').allTextContents()).join('\n');
      expect(chainText).toContain('→');
      await page.screenshot({ path: join(ARTIFACTS_DIRECTORY, 'html-report-seeds-claim.png') });
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it('shows markup in article text as text and runs none of it', async () => {
    const { page, outside, problems } = await openOffline(browser, paths['injected']!);
    // Select everything that re-draws article text, to check the marked text as well.
    const buttons = page.locator('button[data-claim-button]');
    if (await buttons.count()) await buttons.first().click();
    await page
      .locator('.framing-control select')
      .selectOption('*')
      .catch(() => undefined);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('#app script, #app img, #app iframe, #app object').count()).toBe(0);
    expect(await page.locator('#app a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.evaluate('document.scripts.length')).toBe(2);
    const text = await page.locator('#app').innerText();
    const plain = injected.articles.find((article) => article.text.includes(SCRIPT_TEXT));
    expect(plain, 'the text article keeps the markup in its text').toBeDefined();
    expect(text).toContain(SCRIPT_TEXT);
    expect(text).toContain(IMAGE_TEXT);
    expect(text).toContain(LINK_TEXT);
    expect(text).toContain(`The ${IMAGE_TEXT} Times`);
    expect(await page.title()).toContain(`</title>${SCRIPT_TEXT}`);
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.screenshot({
      path: join(ARTIFACTS_DIRECTORY, 'html-report-injected.png'),
      fullPage: true,
    });
    await page.close();
  });
});
