import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fnc1Task } from '../eval/fnc1.js';
import { readFncStances } from './read-fnc.js';

const folder = mkdtempSync(join(tmpdir(), 'fnc-eval-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const BODIES = `Body ID,articleBody
7,"The city council voted on Tuesday to close the Harbor Street bridge for repairs.
The bridge, built in 1932, will stay closed for six weeks, the council said."
9,"No, a shark did not swim through the flooded streets of Houston. The viral photo is a fake. Police denied the claims and said there was no shark. The story is not true."
`;
const HEADLINES = [
  'Harbor Street bridge to close for six weeks, council says',
  'Apple unveils "new" iPhone, with a larger screen',
  'Shark swims through flooded Houston streets',
];

function run(data: string | undefined, out: string): Promise<Record<string, unknown> | undefined> {
  const lines: string[] = [];
  return fnc1Task
    .run({ data, out, split: undefined, log: (line) => lines.push(line) })
    .then((metrics) => {
      if (!metrics) throw new Error(lines.join('\n'));
      return metrics;
    });
}

describe('npm run eval -- fnc1', () => {
  it('writes predictions for the same rows in the same order, quoted, and scores gold stances', async () => {
    const data = join(folder, 'labelled');
    const out = join(folder, 'out-labelled');
    mkdirSync(data);
    mkdirSync(out);
    writeFileSync(join(data, 'bodies.csv'), BODIES);
    writeFileSync(
      join(data, 'stances.csv'),
      'Headline,Body ID,Stance\n' +
        `"${HEADLINES[0]}",7,agree\n"${HEADLINES[1]!.replace(/"/g, '""')}",7,unrelated\n${HEADLINES[2]},9,disagree\n`,
    );
    const metrics = await run(data, out);
    const predicted = readFncStances(join(out, 'predictions.csv'));
    expect(predicted.map((pair) => [pair.headline, pair.bodyId])).toEqual([
      [HEADLINES[0], '7'],
      [HEADLINES[1], '7'],
      [HEADLINES[2], '9'],
    ]);
    expect(predicted[1]!.stance).toBe('unrelated');
    expect(readFileSync(join(out, 'predictions.csv'), 'utf8')).toContain(
      '"Apple unveils ""new"" iPhone, with a larger screen",7,unrelated',
    );
    expect(metrics['pairs']).toBe(3);
    expect(metrics['fncScore']).toBeGreaterThan(0);
  });

  it('predicts unlabelled pairs without scoring them', async () => {
    const data = join(folder, 'unlabelled');
    mkdirSync(data);
    writeFileSync(join(data, 'bodies.csv'), BODIES);
    writeFileSync(join(data, 'stances.csv'), `Headline,Body ID\n${HEADLINES[2]},9\n`);
    const metrics = await run(data, data);
    expect(metrics).not.toHaveProperty('fncScore');
    expect(readFncStances(join(data, 'predictions.csv'))).toHaveLength(1);
  });

  it('says in one line what is missing and gives no figures', async () => {
    const lines: string[] = [];
    const metrics = await fnc1Task.run({
      data: join(folder, 'nowhere'),
      out: folder,
      split: undefined,
      log: (line) => lines.push(line),
    });
    expect(metrics).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^fnc1: no bodies\.csv and stances\.csv in .*nowhere/);
  });
});
