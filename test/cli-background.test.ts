import { describe, expect, it } from 'vitest';
import type { Report } from '../src/model/report.js';
import { runCliCaptured } from './run-cli-captured.js';
import { hasSeeds, SEEDS_DIRECTORY } from './shared-data.js';

describe.skipIf(!hasSeeds)('analyze --no-background (on ../shared/seeds)', () => {
  it('drops the unattributed sentences about an earlier time from the claims', async () => {
    const run = async (...extra: string[]) => {
      const result = await runCliCaptured([
        'analyze',
        SEEDS_DIRECTORY,
        '--format',
        'json',
        '--attribution-model',
        'fast',
        ...extra,
      ]);
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as Report;
    };
    const backgroundMentions = (report: Report) =>
      report.claims.flatMap((claim) => claim.mentions).filter((mention) => mention.background);
    const all = await run();
    // The seeds recall earlier years (the 2012 move to Doha, earlier talks): background exists.
    expect(backgroundMentions(all).length).toBeGreaterThan(0);
    const without = await run('--no-background');
    expect(backgroundMentions(without)).toEqual([]);
    expect(without.claims.length).toBeGreaterThan(0);
    expect(without.claims.length).toBeLessThan(all.claims.length);
  }, 60_000);
});
