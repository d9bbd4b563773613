import { describe, expect, it } from 'vitest';
import { articleFromText, mentionsOf } from '../../test/article-from-text.js';
import { Story } from '../model/story.js';
import { resolveEntities } from './resolve-entities.js';

function story(
  ...texts: [string, string, Record<string, 'person' | 'organization' | 'place' | 'group'>][]
): Story {
  const articles = texts.map(([id, text, names]) => {
    const article = articleFromText(id, text);
    article.setLayer('entityMentions', mentionsOf(article, names));
    return article;
  });
  return new Story(articles);
}

describe('resolveEntities', () => {
  const first = [
    'a',
    'At the top of the list is Izz al-Din Haddad, head of Hamas’ military wing. It is unclear whether Haddad would agree. Hamas spokesperson Hazem Qassem said the organization is ready.',
    {
      'Izz al-Din Haddad': 'person',
      Haddad: 'person',
      Hamas: 'organization',
      'Hazem Qassem': 'person',
    },
  ] as [string, string, Record<string, 'person' | 'organization'>];
  const second = [
    'b',
    'Sources told Saudi outlet Asharq al-Awsat on Tuesday that Khaled Mashaal and Gilad Schalit were discussed.',
    { 'Asharq al-Awsat': 'organization', 'Khaled Mashaal': 'person', 'Gilad Schalit': 'person' },
  ] as [string, string, Record<string, 'person' | 'organization'>];
  const third = [
    'c',
    'The Saudi-owned newspaper Asharq Al-Awsat said Meshaal spoke of Gilad Shalit. Qassem said so too.',
    {
      'Asharq Al-Awsat': 'organization',
      Meshaal: 'person',
      'Gilad Shalit': 'person',
      Qassem: 'person',
    },
  ] as [string, string, Record<string, 'person' | 'organization'>];
  const entities = resolveEntities(story(first, second, third));
  const byName = (name: string) => entities.find((entity) => entity.name === name);

  it('merges a short form into the full name and keeps the appositive as a role', () => {
    const haddad = byName('Izz al-Din Haddad')!;
    expect(haddad.aliases).toEqual(['Haddad']);
    expect(haddad.roles).toEqual(['head of Hamas’ military wing']);
    expect(haddad.mentions).toHaveLength(2);
  });

  it('merges case variants and marks outlets', () => {
    const outlet = entities.find(
      (entity) => entity.aliases.includes('Asharq Al-Awsat') || entity.name === 'Asharq Al-Awsat',
    )!;
    expect(outlet.mentions.map((mention) => mention.article).sort()).toEqual(['b', 'c']);
    expect(outlet.outlet).toBe(true);
  });

  it('merges transliteration variants and short forms across articles', () => {
    expect(byName('Gilad Schalit') ?? byName('Gilad Shalit')).toBeDefined();
    const shalit = byName('Gilad Schalit') ?? byName('Gilad Shalit');
    expect(shalit!.mentions).toHaveLength(2);
    const qassem = byName('Hazem Qassem')!;
    expect(qassem.roles).toEqual(['Hamas spokesperson']);
    expect(qassem.mentions.map((mention) => mention.article)).toEqual(['a', 'c']);
  });

  it('resolves "the organization" to the organisation that dominates before it', () => {
    const hamas = byName('Hamas')!;
    expect(hamas.aliases).toContain('organization');
    expect(hamas.mentions.some((mention) => mention.ruleId === 'group-description')).toBe(true);
  });

  it('keeps different people apart', () => {
    expect(byName('Khaled Mashaal')!.aliases).toEqual(['Meshaal']);
    expect(byName('Hazem Qassem')!.aliases).not.toContain('Haddad');
  });
});
