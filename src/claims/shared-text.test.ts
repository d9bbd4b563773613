import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../test/article-from-text.js';
import { copyGroups, findSharedText } from './shared-text.js';

const words = (count: number, seed: string) =>
  Array.from({ length: count }, (_, index) => `${seed}${index}`).join(' ');

describe('shared text', () => {
  it('groups a syndicated copy with its original and leaves quotes alone', () => {
    const wire = words(120, 'wire');
    const original = articleFromText('original', `${wire}.`);
    const copy = articleFromText('copy', `A local intro here. ${wire}. A local ending.`);
    const quoting = articleFromText(
      'quoting',
      `${words(40, 'own')} ${words(12, 'wire')} ${words(40, 'more')}.`,
    );
    const runs = findSharedText([original, copy, quoting]);
    const groups = copyGroups([original, copy, quoting], runs);
    expect(groups.get('copy')).toBe(groups.get('original'));
    expect(groups.get('quoting')).toBe('quoting');
    const run = runs.find((item) => item.a === 'original' && item.b === 'copy')!;
    expect(original.text.slice(run.spanA.start, run.spanA.end)).toBe(wire);
    expect(copy.text.slice(run.spanB.start, run.spanB.end)).toBe(wire);
  });
});
