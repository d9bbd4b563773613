import { describe, expect, it } from 'vitest';
import { articleFromText } from '../../test/article-from-text.js';
import { Story } from '../model/story.js';
import { candidatePairs } from './align-claims.js';
import { buildClaims } from './build-claims.js';
import { statementTerms } from './claim-similarity.js';
import { shippedTermWeights } from './term-weights.js';

function storyOf(texts: Record<string, string>, published?: Record<string, string>): Story {
  return new Story(
    Object.entries(texts).map(([id, text]) =>
      articleFromText(id, text, published?.[id] ? { published: published[id]! } : {}),
    ),
  );
}

describe('claims from unattributed statements', () => {
  it('aligns a paraphrase across outlets and keeps an unrelated statement apart', () => {
    const story = storyOf({
      a: 'Senior militia leaders are preparing a safe exit from the Gaza Strip. The harbor reopened for fishing boats.',
      b: 'Senior militia leaders are preparing to leave the Gaza Strip. Wheat prices rose sharply in Europe.',
    });
    buildClaims(story);
    const exit = story.claims.find((claim) => claim.mentions.length === 2);
    expect(exit?.mentions.map((mention) => mention.article)).toEqual(['a', 'b']);
    expect(story.claims.filter((claim) => claim.mentions.length === 1)).toHaveLength(2);
    // Each outlet's own reporting is its own origin: two independent origins.
    expect(exit!.independentOrigins).toBe(2);
    expect(exit!.status).toBe('corroborated');
  });

  it('counts copies of one text as one origin', () => {
    const wire = Array.from({ length: 80 }, (_, index) => `word${index}`).join(' ');
    const story = storyOf({
      a: `Port crews are preparing to strike on Monday. ${wire}.`,
      b: `Port crews are preparing to strike on Monday. ${wire}.`,
    });
    buildClaims(story);
    const strike = story.claims.find((claim) => claim.mentions.length === 2)!;
    expect(strike.independentOrigins).toBe(1);
    expect(strike.status).toBe('single-origin');
    expect(story.relations[0]!.relation).toBe('same-event');
  });

  it('finds different counts of the same thing in one claim', () => {
    const story = storyOf({
      a: 'Officials said the port authority lost more than 30 million euros in fees during the strike.',
      b: 'Officials said the port authority lost about 20 million euros in fees during the strike.',
    });
    buildClaims(story);
    expect(story.conflicts.map((conflict) => conflict.kind)).toEqual(['number']);
    expect(story.claims[0]!.status).toBe('contested');
  });

  it('caps articles published weeks apart at "related"', () => {
    const story = storyOf(
      {
        a: 'Dockworkers at the Velmora terminal walked out over automation plans at Pier 4.',
        b: 'Dockworkers at the Velmora terminal walked out over automation plans at Pier 4.',
      },
      { a: '2025-06-14', b: '2026-03-10' },
    );
    buildClaims(story);
    expect(story.relations[0]!.relation).toBe('related');
  });
});

describe('blocking', () => {
  it('scores far fewer pairs than all pairs when statements share little', () => {
    const weights = shippedTermWeights();
    const statements = Array.from({ length: 400 }, (_, index) =>
      statementTerms(`alpha${index} beta${index} gamma${index % 40} delta${index % 4}`, weights),
    );
    const pairs = candidatePairs(statements);
    expect(pairs.length).toBeLessThan((400 * 399) / 2 / 10);
    // Statements sharing a rare term are still compared; a term in 100 of them makes no pairs.
    expect(pairs.some(([a, b]) => a % 40 === b % 40)).toBe(true);
  });
});
