import { describe, expect, it } from 'vitest';
import type { Article } from '../model/article.js';
import { buildArticle } from '../pipeline/build-article.js';
import { segmentStage } from '../pipeline/segment-stage.js';
import { checkStageOrder } from '../pipeline/stage.js';
import { entityStage } from './entity-stage.js';
import { isGroupName } from './recognize-entities.js';

function analyse(text: string): Article {
  const article = buildArticle(
    {
      input: 'test.txt',
      format: 'text',
      content: text,
      metadata: {},
      idBasis: 'test',
      diagnostics: [],
    },
    'test',
  );
  segmentStage.run(article);
  entityStage.run(article);
  return article;
}

function mentionsOf(article: Article): [string, string][] {
  return article
    .layer('entityMentions')
    .map((mention) => [article.slice(mention), mention.type] as [string, string]);
}

describe('entityStage', () => {
  it('comes after segmentation and provides the entity mentions layer', () => {
    expect(() => checkStageOrder([segmentStage, entityStage])).not.toThrow();
    expect(() => checkStageOrder([entityStage])).toThrow(/requires "sentences"/);
  });

  it('finds people, organisations and places with offsets into the article text', () => {
    const text =
      'Hamas spokesperson Hazem Qassem said in Gaza City on Tuesday that Israel had rejected the proposal.';
    const article = analyse(text);
    expect(article.text).toBe(text);
    const mentions = article.layer('entityMentions');
    expect(mentions).toEqual([
      { start: 0, end: 5, type: 'organization', ruleId: 'ner-model' },
      { start: 19, end: 31, type: 'person', ruleId: 'ner-model' },
      { start: 40, end: 49, type: 'place', ruleId: 'ner-model' },
      { start: 66, end: 72, type: 'place', ruleId: 'ner-model' },
    ]);
    expect(mentions.map((mention) => article.slice(mention))).toEqual([
      'Hamas',
      'Hazem Qassem',
      'Gaza City',
      'Israel',
    ]);
  });

  it('reads curly quotes and possessives, and calls nationality and movement words groups', () => {
    const article = analyse(
      'The Palestinian Authority and Egyptian mediators met in Cairo. “We will not accept this,” said Benjamin Netanyahu’s office, while Islamist groups and Israeli officials traded blame.',
    );
    expect(mentionsOf(article)).toEqual([
      ['Palestinian Authority', 'organization'],
      ['Egyptian', 'group'],
      ['Cairo', 'place'],
      ['Benjamin Netanyahu', 'person'],
      ['Islamist', 'group'],
      ['Israeli', 'group'],
    ]);
    // Mentions never overlap and lie inside the text.
    const mentions = article.layer('entityMentions');
    mentions.forEach((mention, index) => {
      expect(mention.start).toBeLessThan(mention.end);
      if (index > 0) expect(mention.start).toBeGreaterThanOrEqual(mentions[index - 1]!.end);
    });
  });

  it('gives an article without names an empty layer', () => {
    expect(analyse('it was quiet here, and then it rained.').layer('entityMentions')).toEqual([]);
  });
});

describe('isGroupName', () => {
  it('knows demonyms, movements, plurals, possessives and hyphenated pairs', () => {
    expect(isGroupName('Palestinian')).toBe(true);
    expect(isGroupName('Israelis')).toBe(true);
    expect(isGroupName('Islamist')).toBe(true);
    expect(isGroupName('Arab-Israeli')).toBe(true);
    expect(isGroupName('Palestinians’')).toBe(true);
    expect(isGroupName('World Cup')).toBe(false);
    expect(isGroupName('Euro')).toBe(false);
  });
});
