import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  csvField,
  formatFncStances,
  readFncBodies,
  readFncStances,
  type Stance,
} from './read-fnc.js';

const folder = mkdtempSync(join(tmpdir(), 'fnc-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('FNC-1 CSV', () => {
  it('quotes only fields that need it', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('reads back what it writes: commas, quotes and line breaks in headlines', () => {
    const rows: { headline: string; bodyId: string; stance: Stance }[] = [
      { headline: 'Plain headline', bodyId: '12', stance: 'agree' },
      { headline: 'Commas, everywhere, here', bodyId: '7', stance: 'disagree' },
      { headline: '"Quoted" and ""doubled""', bodyId: '3', stance: 'discuss' },
      { headline: 'Two\nlines, and "both"', bodyId: '1000', stance: 'unrelated' },
      { headline: "'Single' quotes ’curly’ too", bodyId: '5', stance: 'agree' },
    ];
    const path = join(folder, 'stances.csv');
    writeFileSync(path, formatFncStances(rows));
    expect(readFncStances(path)).toEqual(rows);
  });

  it('reads pairs without a Stance column as unlabelled', () => {
    const path = join(folder, 'unlabelled.csv');
    writeFileSync(path, 'Headline,Body ID\nSome headline,4\n');
    expect(readFncStances(path)).toEqual([{ headline: 'Some headline', bodyId: '4' }]);
  });

  it('rejects an unknown stance', () => {
    const path = join(folder, 'bad.csv');
    writeFileSync(path, 'Headline,Body ID,Stance\nSome headline,4,maybe\n');
    expect(() => readFncStances(path)).toThrow(/unknown stance "maybe"/);
  });

  it('reads bodies by id, with quoted multi-line text', () => {
    const path = join(folder, 'bodies.csv');
    writeFileSync(
      path,
      'Body ID,articleBody\n1,"First line.\n\nSecond, with ""quotes""."\n2,Short\n',
    );
    const bodies = readFncBodies(path);
    expect(bodies.get('1')).toBe('First line.\n\nSecond, with "quotes".');
    expect(bodies.get('2')).toBe('Short');
  });
});
