import { spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../src/model/package-files.js';
import { buildReport } from '../src/report/build-report.js';
import { renderMarkdown } from '../src/report/render-markdown.js';
import { runCliCaptured } from './run-cli-captured.js';
import { EXAMPLE_DIRECTORY } from './shared-data.js';

describe('CLI output', () => {
  it('the built bin runs the bundled example (what `npx triangulate` runs)', () => {
    const bin = join(findPackageRoot(), 'dist', 'src', 'cli', 'main.js');
    // npm links the bin before `prepare` builds it, so the build itself must make it executable.
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const result = spawnSync(process.execPath, [bin, 'analyze', EXAMPLE_DIRECTORY, '--quiet'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('3 articles from 3 outlets');
    expect(result.stdout).not.toContain('\u001b['); // not a TTY: no colour
  });

  it('leaves quietly when the reader closes the pipe early (`| head`)', async () => {
    const bin = join(findPackageRoot(), 'dist', 'src', 'cli', 'main.js');
    const child = spawn(
      process.execPath,
      [bin, 'analyze', EXAMPLE_DIRECTORY, '--format', 'json', '--attribution-model', 'fast'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The report is far larger than a pipe's buffer: closing after the first chunk breaks the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(code).toBe(0);
  });

  it('--help teaches the input kinds and exit codes', async () => {
    const result = await runCliCaptured(['analyze', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/JSONL/);
    expect(result.stdout).toMatch(/Exit status/);
    expect(result.stdout).toMatch(/--follow/);
  });

  it('text output lists each article with what was removed and why', async () => {
    const result = await runCliCaptured(['analyze', EXAMPLE_DIRECTORY]);
    expect(result.stdout).toContain('Removed (12)');
    expect(result.stdout).toContain('gallery widget: 2 View gallery');
    expect(result.stdout).not.toMatch(/^2 View gallery$/m); // not in the body
  });

  it('text output has who is who and a sources table per article, denials marked', async () => {
    const result = await runCliCaptured(['analyze', EXAMPLE_DIRECTORY, '--no-color']);
    expect(result.stdout).toMatch(/^Who is who \(/m);
    expect(result.stdout).toMatch(/Dragan Kovach \(person.*also .*Dragan Kovač/);
    expect(result.stdout).toMatch(/^Sources \(\d+\)$/m);
    expect(result.stdout).toMatch(/^ {2}who +kind +n +via +said$/m);
    // Coastal Herald: Radić denies the reports, told to Radio Velmora.
    expect(result.stdout).toMatch(/Milan Radić.*Radio Velmora +DENIES denied: these reports/);
    // Sources come through the outlet they spoke to, with their count.
    expect(result.stdout).toMatch(/two sources within the p… anonymous +2 +Radio Velmora/);
    // Every line fits the width (100 when not a terminal), but for metadata lines with a URL,
    // which stay whole so they can be copied.
    for (const line of result.stdout.split('\n')) {
      if (!line.includes('://')) expect(line.length).toBeLessThanOrEqual(100);
    }
  });

  it('Markdown output has the entity and sources tables', async () => {
    const result = await runCliCaptured(['analyze', EXAMPLE_DIRECTORY, '--format', 'md']);
    expect(result.stdout).toContain('## Entities');
    expect(result.stdout).toContain('| who | kind | count | via | cue | said |');
    expect(result.stdout).toMatch(/\| anonymous \| 2 \| Radio Velmora \|/);
  });

  it('Markdown output is a table of articles and escapes article text so it cannot become markup', async () => {
    const result = await runCliCaptured([
      'analyze',
      join(EXAMPLE_DIRECTORY, 'coastal-herald.txt'),
      '--format',
      'md',
    ]);
    expect(result.stdout).toContain('# triangulate report');
    expect(result.stdout).toContain('| coastal-herald | The Coastal Herald | 2026-03-10 |');
    const report = buildReport([], []);
    report.articles.push({
      id: 'x',
      language: 'en',
      text: 'A <script>alert(1)</script> *bold* claim.',
      headings: [],
      sentences: [],
      removed: [],
    });
    expect(renderMarkdown(report)).toContain(
      'A \\<script\\>alert(1)\\</script\\> \\*bold\\* claim.',
    );
  });
});
