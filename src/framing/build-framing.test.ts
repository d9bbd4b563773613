import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../test/article-from-text.js';
import { Story, type Entity } from '../model/story.js';
import { buildFraming, quotedRanges } from './build-framing.js';

function entity(
  id: string,
  name: string,
  type: Entity['type'],
  text: string,
  article: string,
): Entity {
  const mentions = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    mentions.push({ article, start: at, end: at + name.length, ruleId: 'test' });
  }
  return { id, name, type, aliases: [], roles: [], mentions };
}

describe('buildFraming', () => {
  const text =
    'Hamas is a group. The Hamas terror group said terror leader Ali Vane would leave. ' +
    'The IDF said nothing. Later the terror group denied it, the minister said it was “a massacre”.';
  const article = articleFromText('a', text);
  const story = new Story([article]);
  story.entities = [
    entity('hamas', 'Hamas', 'organization', article.text, 'a'),
    entity('ali-vane', 'Ali Vane', 'person', article.text, 'a'),
    entity('idf', 'IDF', 'organization', article.text, 'a'),
  ];
  buildFraming(story);

  it('collects each entry’s spans per article, with how many are quoted', () => {
    const terms = story.framing[0]!.terms;
    const terror = terms.find((term) => term.ruleId === 'framing:terror')!;
    expect(terror.spans.map((span) => article.slice(span))).toEqual([
      'terror group',
      'terror leader',
      'terror group',
    ]);
    expect(terror.quoted).toBe(0);
    const massacre = terms.find((term) => term.ruleId === 'framing:violence-words')!;
    expect(massacre.quoted).toBe(1);
  });

  it('attaches labels to the name before, the name after, and the group last so labelled', () => {
    const labels = story.labels.map((label) => [label.entity, label.label, label.how]);
    expect(labels).toEqual([
      ['hamas', 'terror group', 'group-noun'],
      // The roles lexicon takes "terror leader" before a name as a title; counted once.
      ['ali-vane', 'terror leader', 'title'],
      // "the terror group" after the IDF was named: the group the article called a terror group.
      ['hamas', 'terror group', 'group-noun'],
    ]);
  });
});

describe('quotedRanges', () => {
  it('pairs curly and straight quotes within a paragraph, and runs an open one to its end', () => {
    const text = 'He said “go now” and "stay".\nShe said “first part\nNext.';
    expect(quotedRanges(text).map((range) => text.slice(range.start, range.end))).toEqual([
      'go now',
      'stay',
      'first part',
    ]);
  });
});
