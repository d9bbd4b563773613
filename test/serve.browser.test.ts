import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPage } from '../src/serve/app-page.js';
import { createAppServer, type TriangulateServer } from '../src/serve/create-server.js';
import { ARTIFACTS_DIRECTORY, hasChromium, launchChromium } from './browser.js';
import { EXAMPLE_DIRECTORY } from './shared-data.js';

interface ReportShape {
  articles: { id: string }[];
  claims: { id: string; articles: string[]; mentions: { article: string }[] }[];
}

const read = (name: string) => readFileSync(join(EXAMPLE_DIRECTORY, name), 'utf8');
const meta = (name: string) =>
  JSON.parse(read(`${name}.meta.json`)) as { outlet: string; title: string; published: string };

describe.skipIf(!hasChromium)('the web app in Chromium', () => {
  let app: TriangulateServer;
  let base = '';
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = createAppServer({
      page: appPage(),
      host: '127.0.0.1',
      port: 0,
      attributionModel: 'fast',
      log: () => {},
    });
    base = (await app.listen()).href;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close(1000);
  });

  async function openApp(): Promise<Page> {
    const opened = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // Any script error or CSP violation fails the test that caused it.
    opened.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    opened.on('console', (message) => {
      // An error answer from the API is logged as a failed load: expected in the error test.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(`console: ${message.text()}`);
    });
    await opened.goto(base);
    return opened;
  }

  it('analyses two pasted articles and highlights a shared claim in both', async () => {
    page = await openApp();
    const articles = [
      { file: 'baltic-wire.txt', id: 'baltic-wire-service' },
      { file: 'coastal-herald.txt', id: 'the-coastal-herald' },
    ];
    for (const [index, article] of articles.entries()) {
      const group = page.getByRole('group', { name: `Article ${index + 1}` });
      const info = meta(article.file);
      await group.getByLabel('Text or HTML').fill(read(article.file));
      await group.getByLabel('Outlet (optional)').fill(info.outlet);
      await group.getByLabel('Title (optional)').fill(info.title);
      await group.getByLabel('Published (optional)').fill(info.published);
    }
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/analyze'));
    // Keyboard only: focus the button and press Enter.
    await page.getByRole('button', { name: 'Analyse' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/Analysing 2 articles…|Analysed/);
    const report = (await (await answer).json()) as ReportShape;
    expect(report.articles.map((article) => article.id)).toEqual(articles.map((a) => a.id));
    await page
      .getByRole('status')
      .filter({ hasText: /Analysed 2 articles in/ })
      .waitFor();
    expect(await page.locator('#app article.report-article').count()).toBe(2);

    const shared = report.claims.find((claim) =>
      articles.every((article) => claim.mentions.some((mention) => mention.article === article.id)),
    );
    expect(shared, 'a claim told by both outlets').toBeDefined();
    const button = page.locator(`button[data-claim-button="${shared!.id}"]`);
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    for (const article of articles) {
      const marks = page.locator(
        `article[data-article="${article.id}"] mark.hl[data-claim="${shared!.id}"]`,
      );
      expect(await marks.count(), `highlights in ${article.id}`).toBeGreaterThan(0);
      expect((await marks.first().textContent())!.trim()).not.toBe('');
    }
    await page.screenshot({ path: join(ARTIFACTS_DIRECTORY, 'serve-app.png'), fullPage: false });
    expect(problems).toEqual([]);
  });

  it('reads chosen files with their sidecars and sends .html as HTML', async () => {
    page = await openApp();
    await page
      .getByLabel(/^Files/)
      .setInputFiles(
        [
          'baltic-wire.txt',
          'baltic-wire.txt.meta.json',
          'coastal-herald.txt',
          'coastal-herald.txt.meta.json',
          'velmora-daily.html',
        ].map((name) => join(EXAMPLE_DIRECTORY, name)),
      );
    await expect.poll(() => page.locator('fieldset.app-article').count()).toBe(3);
    const first = page.getByRole('group', { name: 'Article 1 (baltic-wire.txt)' });
    await expect
      .poll(() => first.getByLabel('Outlet (optional)').inputValue())
      .toBe('Baltic Wire Service');
    const answer = page.waitForRequest((request) => request.url().endsWith('/api/analyze'));
    await page.getByLabel('Text or HTML').first().press('Control+Enter');
    const sent = (await answer).postDataJSON() as { articles: Record<string, string>[] };
    expect(
      sent.articles.map((article) => [article['id'], 'html' in article, article['outlet']]),
    ).toEqual([
      ['baltic-wire', false, 'Baltic Wire Service'],
      ['coastal-herald', false, 'The Coastal Herald'],
      ['velmora-daily', true, undefined],
    ]);
    await page
      .getByRole('status')
      .filter({ hasText: /Analysed 3 articles in/ })
      .waitFor();
    expect(await page.locator('#app article.report-article').count()).toBe(3);
    await page.screenshot({
      path: join(ARTIFACTS_DIRECTORY, 'serve-app-files.png'),
      fullPage: true,
    });
    expect(problems).toEqual([]);
  });

  it('takes files dropped anywhere on the page', async () => {
    page = await openApp();
    const files = [
      { name: 'coastal-herald.txt', text: read('coastal-herald.txt') },
      { name: 'coastal-herald.txt.meta.json', text: read('coastal-herald.txt.meta.json') },
    ];
    // Built in the page (a string: the tests compile without the DOM library).
    const transfer = await page.evaluateHandle(
      `(() => { const transfer = new DataTransfer(); for (const item of ${JSON.stringify(files)}) transfer.items.add(new File([item.text], item.name)); return transfer; })()`,
    );
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    const first = page.getByRole('group', { name: 'Article 1 (coastal-herald.txt)' });
    await expect
      .poll(() => first.getByLabel('Outlet (optional)').inputValue())
      .toBe('The Coastal Herald');
    expect(await first.getByLabel('Text or HTML').inputValue()).toBe(files[0]!.text);
    expect(await first.getByLabel('Published (optional)').inputValue()).toBe('2026-03-10');
    expect(problems).toEqual([]);
  });

  it("shows the API's error message when a URL is refused", async () => {
    page = await openApp();
    await page.getByLabel(/^URLs of pages/).fill('http://127.0.0.1:9/private');
    await page.getByRole('button', { name: 'Analyse' }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: /refused/ }).waitFor();
    expect(await alert.textContent()).toBe(
      'Could not analyse: articles[0].url: refused: 127.0.0.1 is a loopback address; the server only fetches from public addresses unless started with --allow-private',
    );
    expect(await page.getByRole('button', { name: 'Analyse' }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIRECTORY, 'serve-app-error.png') });
    expect(problems).toEqual([]);
  });
});
