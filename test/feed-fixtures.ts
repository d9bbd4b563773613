/** RSS for the watch tests, written from items the tests make up. */

export interface Item {
  readonly guid: string;
  readonly title: string;
  readonly text: string;
  readonly date: string;
}

/** An RSS 2.0 feed of `items`, each body as HTML paragraphs in its description. */
export function rss(title: string, items: readonly Item[]): string {
  const escape = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${escape(title)}</title><link>https://feeds.example/</link>
${items
  .map(
    (item) =>
      `<item><title>${escape(item.title)}</title><link>${escape(item.guid)}</link><guid>${escape(item.guid)}</guid><pubDate>${item.date}</pubDate><description>${escape(
        item.text
          .split(/\n+/)
          .map((paragraph) => `<p>${paragraph}</p>`)
          .join(''),
      )}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}
