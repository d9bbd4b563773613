import { describe, expect, it } from 'vitest';
import { analyzeInputs } from '../src/pipeline/analyze.js';
import type { Report, ReportAttribution } from '../src/model/report.js';
import { buildReport } from '../src/report/build-report.js';
import { hasSeeds, SEEDS_DIRECTORY } from './shared-data.js';

/**
 * What a careful editor lists as the sourcing of the three seed reports (../shared/seeds): who
 * said what, of what kind, how many, whose, through which outlets, asserted or denied. The seeds
 * use curly quotes and apostrophes, so phrases are matched after folding them.
 */
const FIRST = '000_3fa523ff32321f5f';
const SECOND = '001_a58c2fd0eddb5f89';
const THIRD = '002_8a3ad0553317b135';

function fold(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
}

describe.skipIf(!hasSeeds)('sources in the seeds', async () => {
  let report: Report | undefined;
  if (hasSeeds) {
    const analysis = await analyzeInputs([SEEDS_DIRECTORY], { published: '2026-01-20' });
    report = buildReport(analysis.articles, analysis.diagnostics, analysis.story);
  }
  const attributions = (article: string): ReportAttribution[] =>
    report!.attributions.filter((attribution) => attribution.article === article);
  /** The attribution in `article` whose source text contains `source` (and whose content contains `content`). */
  const bySource = (article: string, source: string, content = ''): ReportAttribution => {
    const found = attributions(article).find(
      (attribution) =>
        fold(attribution.source?.text ?? '')
          .toLowerCase()
          .includes(fold(source).toLowerCase()) &&
        fold(attribution.content.text).includes(fold(content)),
    );
    expect(
      found,
      `no attribution with source "${source}" and content "${content}" in ${article}; found:\n${attributions(
        article,
      )
        .map(
          (attribution) =>
            `  ${attribution.source?.text} | ${attribution.cue.text} | ${attribution.content.text}`,
        )
        .join('\n')}`,
    ).toBeDefined();
    return found!;
  };
  const entityName = (id: string | undefined): string | undefined =>
    report!.entities.find((entity) => entity.id === id)?.name;
  const folded = (names: readonly string[]): string[] =>
    names.map((name) => fold(name).toLowerCase());

  describe('the first seed (Asharq al-Awsat retold)', () => {
    it('the Hamas sources told Asharq al-Awsat', () => {
      const three = bySource(FIRST, 'three Hamas sources');
      expect(three.source).toMatchObject({ kind: 'anonymous', count: 3, affiliation: 'Hamas' });
      expect(folded(three.via)).toEqual(['asharq al-awsat']);
      const within = bySource(FIRST, 'sources within the terror group');
      expect(within.source).toMatchObject({ kind: 'anonymous', affiliation: 'Hamas' });
      expect(folded(within.via)).toEqual(['asharq al-awsat']);
    });

    it('"one of the sources" and "another" are anonymous and came through the outlet', () => {
      const one = bySource(FIRST, 'One of the sources');
      expect(one.source).toMatchObject({ kind: 'anonymous', count: 1 });
      expect(folded(one.via)).toEqual(['asharq al-awsat']);
      const another = bySource(FIRST, 'Another');
      expect(another.source?.kind).toBe('anonymous');
      expect(folded(another.via)).toEqual(['asharq al-awsat']);
    });

    it('Mashaal stated in December that the group will not disarm', () => {
      const mashaal = bySource(FIRST, 'Mashaal', 'will not disarm');
      expect(mashaal.source?.kind).toBe('named');
      expect(entityName(mashaal.source?.entity)).toBe('Khaled Mashaal');
    });

    it('a senior Hamas leader abroad denied the report before it', () => {
      const denial = bySource(FIRST, 'senior Hamas leader');
      expect(denial.polarity).toBe('deny');
      expect(denial.source).toMatchObject({ kind: 'anonymous', count: 1 });
      expect(folded(denial.via)).toEqual(['asharq al-awsat']);
      const denied = report!.attributions.find(
        (attribution) => attribution.id === denial.respondsTo,
      );
      expect(denied?.content.text).toContain('travel to Turkey');
    });

    it('the sources who spoke with Asharq al-Awsat, and Netanyahu’s vow', () => {
      const believe = bySource(FIRST, 'Sources who spoke with Asharq al-Awsat');
      expect(believe.source?.kind).toBe('anonymous');
      expect(folded(believe.via)).toEqual(['asharq al-awsat']);
      const vow = bySource(FIRST, 'Netanyahu');
      expect(vow.source?.kind).toBe('named');
      expect(entityName(vow.source?.entity)).toMatch(/Netanyahu/);
    });
  });

  describe('the second seed (ynet)', () => {
    it('three sources from Hamas’ ranks, via Asharq Al-Awsat', () => {
      const three = bySource(SECOND, 'three sources');
      expect(three.source).toMatchObject({ kind: 'anonymous', count: 3, affiliation: 'Hamas' });
      expect(folded(three.via)).toEqual(['asharq al-awsat']);
    });

    it('the Palestinian sources who spoke with ynet are ynet’s own', () => {
      const palestinian = bySource(SECOND, 'Palestinian sources who spoke with ynet');
      expect(palestinian.source).toMatchObject({ kind: 'anonymous', affiliation: 'Palestinian' });
      expect(folded(palestinian.via)).toEqual(['ynet']);
    });

    it('Haddad and Qassem are quoted directly, and "he said" is Qassem', () => {
      const haddad = bySource(SECOND, 'Haddad', 'long and difficult battle');
      expect(haddad.direct).toBe(true);
      expect(entityName(haddad.source?.entity)).toBe('Izz al-Din Haddad');
      const qassem = bySource(SECOND, 'Qassem', 'ease and ensure');
      expect(qassem.direct).toBe(true);
      const qassemId = bySource(SECOND, 'Hazem Qassem').source?.entity;
      expect(entityName(qassemId)).toBe('Hazem Qassem');
      const he = bySource(SECOND, 'He', 'not setting preconditions');
      expect(he.source?.entity).toBe(qassemId);
    });

    it('the White House is an organization', () => {
      const whiteHouse = bySource(SECOND, 'White House', 'Gaza Executive Board');
      expect(whiteHouse.source?.kind).toBe('organization');
    });
  });

  describe('the third seed (retold reports)', () => {
    it('two unnamed officials, via the television outlet the article names as CNN', () => {
      const officials = bySource(THIRD, 'two unnamed officials');
      expect(officials.source).toMatchObject({ kind: 'anonymous', count: 2 });
      expect(officials.via).toEqual(['CNN']);
    });

    it('CNN and Axios are outlets', () => {
      expect(bySource(THIRD, 'CNN', 'reduce Hamas').source?.kind).toBe('outlet');
      // "Reports from Axios, citing sources, claimed that …": the sources, through Axios.
      const axios = bySource(THIRD, 'sources', 'intermediaries in Qatar');
      expect(axios.source?.kind).toBe('anonymous');
      expect(axios.via).toEqual(['Axios']);
    });

    it('analysts and observers are vague', () => {
      expect(bySource(THIRD, 'Analysts').source?.kind).toBe('vague');
      expect(bySource(THIRD, 'Observers').source?.kind).toBe('vague');
    });
  });

  describe('entities across the seeds', () => {
    const entity = (name: string) =>
      report!.entities.find(
        (candidate) => candidate.name === name || candidate.aliases.includes(name),
      );

    it('merges the spellings outlets use for one name', () => {
      const asharq = entity('Asharq al-Awsat');
      expect(asharq).toBeDefined();
      expect(asharq).toBe(entity('Asharq Al-Awsat'));
      expect(new Set(asharq!.mentions.map((mention) => mention.article))).toEqual(
        new Set([FIRST, SECOND]),
      );
      expect(entity('Gilad Schalit')).toBe(entity('Gilad Shalit'));
      expect(entity('Haddad')).toBe(entity('Izz al-Din Haddad'));
      expect(entity('Netanyahu')).toBe(entity('Benjamin Netanyahu'));
      expect(entity('Al-Amoudi')).toBe(entity('Ali al-Amoudi'));
    });

    it('keeps titles as roles', () => {
      expect(entity('Hazem Qassem')?.roles).toContain('Hamas spokesperson');
      expect(entity('Izz al-Din Haddad')?.roles).toContain('head of Hamas’ military wing');
      expect(entity('Donald Trump')?.roles).toEqual(expect.arrayContaining(['U.S. President']));
    });
  });
});
