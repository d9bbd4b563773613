import { describe, expect, it } from 'vitest';
import { runCliCaptured } from './run-cli-captured.js';
import { EXAMPLE_DIRECTORY } from './shared-data.js';

describe('triangulate cluster', () => {
  it('groups the example into two stories, as JSON with names and date spans', async () => {
    const result = await runCliCaptured(['cluster', EXAMPLE_DIRECTORY, '--format', 'json']);
    expect(result.code).toBe(0);
    const { stories } = JSON.parse(result.stdout) as {
      stories: {
        id: string;
        articles: string[];
        title: string;
        entities: string[];
        span: { from?: string; to?: string };
      }[];
    };
    expect(stories.map((story) => story.articles)).toEqual([
      ['baltic-wire', 'coastal-herald'],
      ['velmora-daily'],
    ]);
    expect(stories[0]!.span).toEqual({ from: '2026-03-10', to: '2026-03-10' });
    expect(stories[1]!.entities).toContain('Tomas Renko');
  });

  it('explains each assignment in text', async () => {
    const result = await runCliCaptured(['cluster', EXAMPLE_DIRECTORY, '--explain']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/coastal-herald: joined s1: cosine 0\.\d\d/);
    expect(result.stdout).toMatch(/velmora-daily: new story: .*window/);
  });

  it('says clearly when nothing can be read', async () => {
    const result = await runCliCaptured(['cluster', 'no-such-file.txt']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/^triangulate: .*no-such-file\.txt/m);
  });
});
