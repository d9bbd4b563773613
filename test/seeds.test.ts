import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../src/model/article.js';
import { analyzeInputs } from '../src/pipeline/analyze.js';
import { hasSeeds, SEEDS_DIRECTORY } from './shared-data.js';

/**
 * The seeds are three real captured reports (../shared/seeds). Every line of furniture in them must
 * go, each with a reason, and every other line (the story) must stay, verbatim.
 */
const EXPECTED_REMOVALS: Record<string, Record<string, string>> = {
  '000_3fa523ff32321f5f': {
    'HAMAS TERRORIST KHALED MASHAAL speaks during an interview in Doha; illustrative.':
      'caption repeated in the next line with its credit',
    'HAMAS TERRORIST KHALED MASHAAL speaks during an interview in Doha; illustrative. (credit: IBRAHEEM ABU MUSTAFA/REUTERS)':
      'photo caption with credit',
    'Keshet Neev contributed to this report.': 'contributor line',
  },
  '001_a58c2fd0eddb5f89': {
    '2 View gallery': 'gallery widget',
    'עז א דין חדאד בכיר בזרוע הצבאית של חמאס': 'line in another script (hebrew)',
    'Izz al-Din Haddad': 'caption line after a photo or gallery',
    'גדודי עז א-דין אל קסאם בעזה': 'line in another script (hebrew)',
    '(Photo: Omar AL-QATTAA / AFP)': 'photo credit',
    Comments: 'comment section',
    'The commenter agrees to the privacy policy of Ynet News and agrees not to submit comments that violate the terms of use, including incitement, libel and expressions that exceed the accepted norms of freedom of speech.':
      'comment policy',
    '""': 'stray quote marks',
  },
  '002_8a3ad0553317b135': {},
};

describe.skipIf(!hasSeeds)('the seeds (../shared/seeds)', async () => {
  const analysis = hasSeeds
    ? await analyzeInputs([SEEDS_DIRECTORY], { published: '2026-01-20' })
    : { articles: [], diagnostics: [] };
  const byId = new Map(analysis.articles.map((article) => [article.id, article]));

  it('reads three articles without errors (the README beside them is not an article)', () => {
    expect([...byId.keys()].sort()).toEqual(Object.keys(EXPECTED_REMOVALS));
    expect(analysis.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual(
      [],
    );
  });

  for (const [id, expected] of Object.entries(EXPECTED_REMOVALS)) {
    describe(id, () => {
      const article = (): Article => byId.get(id)!;
      const lines = hasSeeds
        ? readFileSync(join(SEEDS_DIRECTORY, `${id}.txt`), 'utf8')
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean)
        : [];

      it('removes every caption, credit, gallery, other-script and comment line, each with its reason', () => {
        const removed = new Map(article().removed.map((item) => [item.text, item.reason]));
        for (const [text, reason] of Object.entries(expected))
          expect(removed.get(text), text).toBe(reason);
        expect([...removed.keys()].every((text) => text in expected)).toBe(true);
      });

      it('keeps every other line verbatim', () => {
        for (const line of lines) {
          if (line in expected) continue;
          expect(article().text).toContain(line);
        }
      });

      it('records removals at their offsets in the original file', () => {
        for (const item of article().removed)
          expect(article().original.slice(item.start, item.end)).toBe(item.text);
      });

      it('maps every sentence back to the same text in the original file', () => {
        for (const sentence of article().layer('sentences')) {
          const original = article().offsetMap.rangeToOriginal(sentence.start, sentence.end);
          const text = article().slice(sentence);
          if (!text.includes('\n'))
            expect(article().original.slice(original.start, original.end)).toBe(text);
        }
      });
    });
  }

  it('marks the headline and dek of the ynet report and keeps them as its first paragraphs', () => {
    const article = byId.get('001_a58c2fd0eddb5f89')!;
    const headings = article.layer('headings');
    expect(headings.slice(0, 2).map((heading) => heading.kind)).toEqual(['headline', 'dek']);
    expect(article.slice(headings[0]!)).toBe(
      'Senior Hamas leaders preparing to leave Gaza under ceasefire deal, report says',
    );
    expect(headings[0]!.start).toBe(0);
    expect(article.metadata.title).toBe(
      'Senior Hamas leaders preparing to leave Gaza under ceasefire deal, report says',
    );
  });

  it('keeps the crosshead inside the first report as a subheading, not as a sentence of the next paragraph', () => {
    const article = byId.get('000_3fa523ff32321f5f')!;
    const subheading = article.layer('headings').find((heading) => heading.kind === 'subheading');
    expect(subheading && article.slice(subheading)).toBe(
      'Netanyahu vows against Turkish, Qatari role in Gaza',
    );
    const sentences = article.layer('sentences').map((sentence) => article.slice(sentence));
    expect(sentences).toContain('Netanyahu vows against Turkish, Qatari role in Gaza');
  });

  it('does not end sentences at U.S. or Oct.', () => {
    const article = byId.get('001_a58c2fd0eddb5f89')!;
    const sentences = article.layer('sentences').map((sentence) => article.slice(sentence));
    expect(sentences).toContain(
      'Al-Amoudi was a close associate of Yahya Sinwar, who led the Oct. 7 massacre and was killed by the military in October 2024.',
    );
    expect(
      sentences.some(
        (sentence) =>
          sentence.startsWith('Senior Hamas commanders are preparing to leave the Gaza Strip') &&
          sentence.includes('U.S. President Donald Trump'),
      ),
    ).toBe(true);
  });
});
