/**
 * Child process for `test/store-kill.test.ts`: ingests `count` synthetic variants of the bundled
 * example's articles into the store at `dbPath`, one transaction each, printing `done <n> <id>`
 * after each commit, and groups them into stories every ten. Run from `dist/` (after `npm run build`):
 * `node dist/test/store-ingest-child.js <dbPath> <count>`.
 */
import { readFileSync } from 'node:fs';
import { articleInputOf } from '../src/store/article-input.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { StoreClusterer } from '../src/stream/store-clusterer.js';
import { buildArticle } from '../src/pipeline/build-article.js';

const BASES = ['baltic-wire', 'coastal-herald'] as const;

function exampleText(name: string): string {
  return readFileSync(new URL(`../../examples/harbor-strike/${name}.txt`, import.meta.url), 'utf8');
}

/**
 * The `n`th variant's text: a numbered update line, then a base article. At the top, because
 * cleaning drops everything after the example's comment section.
 */
function variantText(base: string, n: number): string {
  return `Update ${n}: the port authority said crew ${n} of ${n * 7 + 3} had signed on.\n\n${base}`;
}

async function main(): Promise<void> {
  const [dbPath, countArgument] = process.argv.slice(2);
  const count = Number(countArgument);
  if (!dbPath || !Number.isInteger(count) || count < 1) {
    process.stderr.write('usage: store-ingest-child <dbPath> <count>\n');
    process.exit(2);
  }
  const bases = BASES.map(exampleText);
  const store = openSqliteStore(dbPath);
  const clusterer = new StoreClusterer(store);
  for (let n = 0; n < count; n += 1) {
    const base = bases[n % bases.length] ?? '';
    // Every third variant has a URL too, so both de-duplication paths are exercised.
    const id = `variant-${n}`;
    const article = buildArticle(
      {
        input: `${id}.txt`,
        format: 'text',
        content: variantText(base, n),
        metadata: {
          outlet: BASES[n % BASES.length] ?? 'unknown',
          published: '2026-03-10',
          ...(n % 3 === 0 ? { url: `https://example.test/harbor/${n}?utm_source=feed` } : {}),
        },
        idBasis: id,
        diagnostics: [],
      },
      id,
    );
    const stored = await store.addArticle(articleInputOf(article));
    process.stdout.write(`done ${n} ${stored.id}\n`);
    // Group into stories every ten articles, as watch does after each round: a kill can land
    // inside a clustering transaction too.
    if ((n + 1) % 10 === 0) await clusterer.clusterPending();
  }
  await clusterer.clusterPending();
  await store.close();
}

await main();
