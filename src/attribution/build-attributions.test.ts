import { describe, expect, it } from 'vitest';
import { articleFromText, mentionsOf } from '../../test/article-from-text.js';
import type { AttributionSpans } from '../model/article.js';
import { Story } from '../model/story.js';
import { resolveEntities } from '../entities/resolve-entities.js';
import { buildAttributions } from './build-attributions.js';

// A fictional story with the sourcing patterns the seeds show, spans given by hand so that only
// the classification, anaphora and chain rules are under test here.
const TEXT = [
  'Port leaders are preparing to quit, three union sources told the Velmora newspaper Harbor Times on Monday.',
  'One of the sources said the move would be voluntary, the outlet reported.',
  'The same sources also claimed that two officers would travel to Ostra. However, the outlet spoke to a senior union leader who denied these reports.',
  'Union spokesperson Dragan Kovač said the strike would go on. He said talks had stalled.',
  'A major television outlet reported this, citing two unnamed officials. CNN said more.',
  'Analysts note that the strike could spread.',
].join('\n\n');

function spansFor(
  text: string,
  parts: { source?: string; cue: string; content: string }[],
): AttributionSpans[] {
  let from = 0;
  return parts.map(({ source, cue, content }) => {
    const find = (needle: string, after: number): { start: number; end: number } => {
      const start = text.indexOf(needle, after);
      if (start < 0) throw new Error(`not found: ${needle}`);
      return { start, end: start + needle.length };
    };
    const sourceRange = source ? find(source, from) : undefined;
    const cueRange = find(cue, sourceRange?.end ?? from);
    const contentRange = find(content, Math.min(sourceRange?.start ?? Infinity, from));
    from = Math.min(sourceRange?.start ?? cueRange.start, cueRange.start, contentRange.start) + 1;
    const ranges = [cueRange, contentRange, ...(sourceRange ? [sourceRange] : [])];
    return {
      start: Math.min(...ranges.map((range) => range.start)),
      end: Math.max(...ranges.map((range) => range.end)),
      cue: cueRange,
      content: [contentRange],
      ...(sourceRange ? { source: sourceRange } : {}),
    };
  });
}

describe('buildAttributions', () => {
  const article = articleFromText('port', TEXT);
  article.setLayer(
    'entityMentions',
    mentionsOf(article, {
      'Harbor Times': 'organization',
      'Dragan Kovač': 'person',
      Ostra: 'place',
      CNN: 'organization',
    }),
  );
  article.setLayer(
    'attributionSpans',
    spansFor(article.text, [
      { source: 'three union sources', cue: 'told', content: 'Port leaders are preparing to quit' },
      { source: 'One of the sources', cue: 'said', content: 'the move would be voluntary' },
      { source: 'The same sources', cue: 'claimed', content: 'two officers would travel to Ostra' },
      { source: 'a senior union leader', cue: 'denied', content: 'these reports' },
      { source: 'Union spokesperson Dragan Kovač', cue: 'said', content: 'the strike would go on' },
      { source: 'He', cue: 'said', content: 'talks had stalled' },
      { source: 'A major television outlet', cue: 'reported', content: 'this' },
      { source: 'Analysts', cue: 'note', content: 'the strike could spread' },
    ]),
  );
  const story = new Story([article]);
  story.entities = resolveEntities(story);
  const attributions = buildAttributions(story);
  const entityName = (id: string | undefined) =>
    story.entities.find((entity) => entity.id === id)?.name;
  const viaNames = (index: number) => attributions[index]!.via.map(entityName);

  it('counts anonymous sources and follows them to the outlet they told', () => {
    expect(attributions[0]!.source).toMatchObject({ kind: 'anonymous', count: 3 });
    expect(viaNames(0)).toEqual(['Harbor Times']);
  });

  it('resolves "One of the sources" to the earlier group and "the outlet" to the named outlet', () => {
    expect(attributions[1]!.source).toMatchObject({
      kind: 'anonymous',
      count: 1,
      antecedent: attributions[0]!.id,
    });
    expect(viaNames(1)).toEqual(['Harbor Times']);
  });

  it('marks a denial and ties "these reports" to the claim before it', () => {
    expect(attributions[3]!.polarity).toBe('deny');
    expect(attributions[3]!.respondsTo).toBe(attributions[2]!.id);
    expect(attributions[3]!.source).toMatchObject({ kind: 'anonymous', count: 1 });
    expect(viaNames(3)).toEqual(['Harbor Times']);
  });

  it('names a person and resolves "He" to them', () => {
    expect(attributions[4]!.source).toMatchObject({ kind: 'named' });
    expect(entityName(attributions[4]!.source!.entity)).toBe('Dragan Kovač');
    expect(attributions[5]!.source!.entity).toBe(attributions[4]!.source!.entity);
    expect(attributions[5]!.source!.antecedent).toBe(attributions[4]!.id);
  });

  it('makes the cited officials the source and the television outlet, named later, the chain', () => {
    const citing = attributions[6]!;
    expect(citing.source).toMatchObject({ kind: 'anonymous', count: 2 });
    expect(article.slice(citing.source!)).toBe('two unnamed officials');
    expect(viaNames(6)).toEqual(['CNN']);
    expect(article.slice(citing.content[0]!)).toBe('He said talks had stalled.');
  });

  it('calls analysts vague', () => {
    expect(attributions[7]!.source).toMatchObject({ kind: 'vague' });
    expect(attributions[7]!.polarity).toBe('assert');
  });
});
