import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPage } from '../src/serve/app-page.js';
import { createAppServer, type TriangulateServer } from '../src/serve/create-server.js';
import { EXAMPLE_DIRECTORY } from './shared-data.js';

/** Requests in the measured run, and how many are sent at once. */
const REQUESTS = 200;
const CONCURRENCY = 4;
/** Requests before the baseline is taken: models loaded, code optimised, caches filled. */
const WARM_UP_REQUESTS = 20;
/** The whole measured run must finish within this (the fast model takes about 0.1 s a request). */
const TIME_BUDGET_MS = 240_000;

/**
 * A collector to call between measurements: `global.gc` when node runs with --expose-gc, else the
 * same function taken from V8 at run time (the flag can be set after start-up).
 */
function garbageCollector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

async function settle(collect: (() => void) | undefined): Promise<number> {
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    collect?.();
  }
  return process.memoryUsage().heapUsed;
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

describe('triangulate serve under load (loopback)', () => {
  let app: TriangulateServer;
  let endpoint = '';
  const read = (name: string) => readFileSync(join(EXAMPLE_DIRECTORY, name), 'utf8');
  const body = JSON.stringify({
    articles: [
      { id: 'baltic-wire', text: read('baltic-wire.txt'), outlet: 'Baltic Wire Service' },
      { id: 'coastal-herald', text: read('coastal-herald.txt'), outlet: 'The Coastal Herald' },
      { id: 'velmora-daily', html: read('velmora-daily.html') },
    ],
  });

  beforeAll(async () => {
    app = createAppServer({
      page: appPage(),
      host: '127.0.0.1',
      port: 0,
      attributionModel: 'fast',
      // 4 clients never queue more than 4; the default capacity (16) is not what is measured here.
      log: (line) => process.stderr.write(`${line}\n`),
    });
    endpoint = new URL('api/analyze', await app.listen()).href;
  });

  afterAll(async () => {
    await app?.close(1000);
  });

  /** Sends `count` analyses with CONCURRENCY clients; returns the statuses seen, by count. */
  async function send(count: number): Promise<Map<number, number>> {
    const statuses = new Map<number, number>();
    let next = 0;
    const client = async () => {
      while (next < count) {
        next++;
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const report = (await response.json()) as { articles?: unknown[] };
        const status = response.ok && report.articles?.length !== 3 ? -1 : response.status;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
    return statuses;
  }

  it(
    `answers ${REQUESTS} analyses of the bundled example, all 200, in bounded time, memory back to baseline`,
    async () => {
      const collect = garbageCollector();
      const warmUp = await send(WARM_UP_REQUESTS);
      expect([...warmUp]).toEqual([[200, WARM_UP_REQUESTS]]);
      const baseline = await settle(collect);

      const started = performance.now();
      const statuses = await send(REQUESTS);
      const elapsed = performance.now() - started;
      const peakRss = process.resourceUsage().maxRSS * 1024;
      const after = await settle(collect);

      const figures = {
        requests: REQUESTS,
        concurrency: CONCURRENCY,
        seconds: Math.round(elapsed / 100) / 10,
        perRequestMs: Math.round(elapsed / REQUESTS),
        gcForced: Boolean(collect),
        baselineHeapMB: megabytes(baseline),
        afterHeapMB: megabytes(after),
        peakRssMB: megabytes(peakRss),
      };
      process.stdout.write(`serve load test: ${JSON.stringify(figures)}\n`);

      expect([...statuses]).toEqual([[200, REQUESTS]]);
      expect(elapsed).toBeLessThan(TIME_BUDGET_MS);
      // With a forced collection the heap comes back to within a few MB of the baseline; without
      // one, garbage not yet collected gets a generous allowance.
      const allowance = collect
        ? baseline * 0.2 + 20 * 1024 * 1024
        : baseline * 0.5 + 50 * 1024 * 1024;
      expect(after).toBeLessThan(baseline + allowance);
    },
    TIME_BUDGET_MS + 60_000,
  );
});
