import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articleFromText } from '../../test/article-from-text.js';
import { basilTask } from '../eval/basil.js';
import { basilText, readBasilArticle, toBasilPredictions } from './read-basil.js';

const folder = mkdtempSync(join(tmpdir(), 'basil-eval-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const PARAGRAPHS = [
  [
    'Republicans slammed the phony scheme on Friday as a disgraceful stunt.',
    'The furious senator railed against the outrageous giveaway in a blistering tirade.',
  ],
  ['The council voted on Tuesday to close the bridge for repairs.'],
];

function writeArticle(root: string, year: string, stem: string, annotated: boolean): void {
  mkdirSync(join(root, 'articles', year), { recursive: true });
  writeFileSync(
    join(root, 'articles', year, `${stem}.json`),
    JSON.stringify({
      source: 'fox',
      title: 'Senate fight',
      date: `${year}-05-01`,
      'triplet-uuid': 'never-read-by-the-analyzer',
      'main-event': 'never read by the analyzer',
      'body-paragraphs': PARAGRAPHS,
    }),
  );
  if (!annotated) return;
  mkdirSync(join(root, 'annotations', year), { recursive: true });
  writeFileSync(
    join(root, 'annotations', year, `${stem}_ann.json`),
    JSON.stringify({
      'phrase-level-annotations': [
        { id: 'p0', bias: 'lex', start: 12, end: 19, quote: 'no', speaker: '', txt: 'slammed' },
        {
          id: 'p1',
          bias: 'lex',
          start: 64,
          end: 81,
          quote: 'no',
          speaker: '',
          txt: 'blistering tirade',
        },
        { id: 'p2', bias: 'inf', start: 0, end: 11, quote: 'no', speaker: '', txt: 'The council' },
      ],
    }),
  );
}

async function run(
  data: string,
  out: string,
  split?: string,
): Promise<{ metrics: Record<string, unknown> | undefined; lines: string[] }> {
  const lines: string[] = [];
  mkdirSync(out, { recursive: true });
  const metrics = await basilTask.run({ data, out, split, log: (line) => lines.push(line) });
  return { metrics, lines };
}

describe('npm run eval -- basil', () => {
  const data = join(folder, 'data');
  writeArticle(data, '2013', 'event-a_1', true);
  writeArticle(data, '2014', 'event-b_2', true);
  writeArticle(data, '2011', 'event-c_3', true);

  it('writes bias-spans.json for the report split, in BASIL’s convention, and scores it', async () => {
    const out = join(folder, 'out');
    const { metrics, lines } = await run(data, out);
    expect(metrics).toBeDefined();
    const spans = JSON.parse(readFileSync(join(out, 'bias-spans.json'), 'utf8')) as Record<
      string,
      { p: number; start: number; end: number }[]
    >;
    expect(Object.keys(spans).sort()).toEqual(['event-a_1', 'event-b_2']);
    const sentences = PARAGRAPHS.flat();
    let predicted = 0;
    for (const list of Object.values(spans)) {
      for (const span of list) {
        expect(span.p).toBeGreaterThanOrEqual(0);
        expect(span.start).toBeLessThan(span.end);
        expect(span.end).toBeLessThanOrEqual(sentences[span.p]!.length);
        predicted++;
      }
    }
    expect(metrics).toMatchObject({ split: 'report', articles: 2, predicted, gold: 4 });
    expect(metrics!['correct']).toBeLessThanOrEqual(predicted);
    expect(metrics!['found']).toBeLessThanOrEqual(4);
    expect(lines.join('\n')).toMatch(/2 articles, 6 sentences/);
    expect(lines.join('\n')).toMatch(/lexical bias spans: P [\d.]+ \(\d+\/\d+\)/);
  });

  it('keeps 2010–2012 for --split tune and everything for --split all', async () => {
    const tune = await run(data, join(folder, 'out-tune'), 'tune');
    expect(tune.metrics).toMatchObject({ articles: 1 });
    const all = await run(data, join(folder, 'out-all'), 'all');
    expect(all.metrics).toMatchObject({ articles: 3 });
  });

  it('says why it cannot run: no data, an unknown split, an empty split', async () => {
    expect((await run(join(folder, 'nowhere'), join(folder, 'o1'))).lines[0]).toMatch(
      /no articles\/ folder/,
    );
    expect((await run(data, join(folder, 'o2'), 'dev')).lines[0]).toMatch(/unknown --split "dev"/);
    const only2011 = join(folder, 'only-2011');
    writeArticle(only2011, '2011', 'event-d_1', false);
    expect((await run(only2011, join(folder, 'o3'))).lines[0]).toMatch(/--split all/);
  });

  it('predicts without scoring when there are no annotations', async () => {
    const unlabelled = join(folder, 'unlabelled');
    writeArticle(unlabelled, '2013', 'event-e_1', false);
    const { metrics } = await run(unlabelled, join(folder, 'o4'));
    expect(metrics).toBeDefined();
    expect(metrics!['precision']).toBeUndefined();
  });
});

describe('toBasilPredictions', () => {
  it('maps cleaned-text spans to sentence offsets and joins overlapping ones', () => {
    const data = join(folder, 'map');
    writeArticle(data, '2013', 'event-f_1', false);
    const built = basilText(readBasilArticle(join(data, 'articles', '2013', 'event-f_1.json')));
    const article = articleFromText('m', built.text);
    const at = (word: string): { start: number; end: number } => {
      const start = article.text.indexOf(word);
      return { start, end: start + word.length };
    };
    expect(
      toBasilPredictions(article, built, [
        at('blistering'),
        at('blistering tirade'),
        at('slammed'),
      ]),
    ).toEqual([
      { p: 0, start: 12, end: 19 },
      { p: 1, start: 64, end: 81 },
    ]);
  });
});
