import { describe, expect, it } from 'vitest';
import { HostPacer } from './host-pacer.js';

describe('HostPacer', () => {
  it('spaces requests to one host and lets other hosts through', async () => {
    const slept: number[] = [];
    const pacer = new HostPacer(1_000, async (ms) => {
      slept.push(ms);
    });
    await pacer.wait('https://a.example/rss');
    await pacer.wait('https://b.example/rss');
    await pacer.wait('https://a.example/story/1');
    await pacer.wait('https://a.example/story/2');
    expect(slept).toHaveLength(2);
    expect(slept[0]).toBeGreaterThan(900);
    expect(slept[1]).toBeGreaterThan(1_900);
  });
});
