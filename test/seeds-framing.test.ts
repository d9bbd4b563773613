import { describe, expect, it } from 'vitest';
import { analyzeInputs } from '../src/pipeline/analyze.js';
import type { Report } from '../src/model/report.js';
import { buildReport } from '../src/report/build-report.js';
import { hasSeeds, SEEDS_DIRECTORY } from './shared-data.js';

/**
 * The framing and staleness acceptance on the three seed reports (`--date 2026-01-20`): the first
 * seed's "terror" labels for Hamas and its leaders (six in the cleaned text, eight with the two
 * caption lines cleaning removed), none in the second, the third's vague attributions, and the
 * third flagged stale by its officials' titles.
 */
const FIRST = '000_3fa523ff32321f5f';
const SECOND = '001_a58c2fd0eddb5f89';
const THIRD = '002_8a3ad0553317b135';

describe.skipIf(!hasSeeds)('framing and staleness in the seeds', async () => {
  let report: Report | undefined;
  if (hasSeeds) {
    const analysis = await analyzeInputs([SEEDS_DIRECTORY], { published: '2026-01-20' });
    report = buildReport(analysis.articles, analysis.diagnostics, analysis.story);
  }
  const termsOf = (article: string) =>
    report!.framing.find((framing) => framing.article === article)!.terms;
  const entityName = (id: string) => report!.entities.find((entity) => entity.id === id)?.name;

  it('finds all six "terror" labels in the first report, and none in the second', () => {
    const terror = termsOf(FIRST).find((term) => term.ruleId === 'framing:terror')!;
    expect(terror.category).toBe('actor-label');
    expect(terror.spans.map((span) => span.text)).toEqual([
      'terror group',
      'terror group',
      'terror leader',
      'terror group',
      'terror group',
      'terror leaders',
    ]);
    expect(termsOf(SECOND).some((term) => term.ruleId === 'framing:terror')).toBe(false);
  });

  it('attaches the labels to Hamas and Mashaal, the two caption lines included: eight', () => {
    const terrorLabels = report!.labels.filter(
      (label) => label.article === FIRST && /terror/.test(label.label),
    );
    expect(terrorLabels).toHaveLength(8);
    expect(terrorLabels.filter((label) => label.removed)).toHaveLength(2);
    const byEntity = new Map<string, number>();
    for (const label of terrorLabels) {
      const name = entityName(label.entity)!;
      byEntity.set(name, (byEntity.get(name) ?? 0) + 1);
    }
    expect(byEntity.get('Hamas')).toBe(5);
    expect([...byEntity.keys()].find((name) => /Mashaal/.test(name))).toBeDefined();
    // A removed caption's offsets index the original input, not the cleaned text.
    const caption = terrorLabels.find((label) => label.removed)!;
    expect(caption.text.toLowerCase()).toBe('terrorist');
  });

  it("finds the third report's vague attributions and hedges", () => {
    const vague = termsOf(THIRD).filter((term) => term.category === 'vague-attribution');
    const texts = vague.flatMap((term) => term.spans.map((span) => span.text));
    expect(texts).toEqual(
      expect.arrayContaining(['Analysts', 'Observers', 'officials on all sides']),
    );
    const hedges = termsOf(THIRD)
      .filter((term) => term.category === 'hedge')
      .flatMap((term) => term.spans.map((span) => span.text));
    expect(hedges).toEqual(expect.arrayContaining(['reportedly', 'if true', 'potentially']));
  });

  it('shows each outlet’s title for the same official', () => {
    const titles = report!.labels.filter(
      (label) => label.how === 'title' && entityName(label.entity) === 'Donald Trump',
    );
    expect(new Set(titles.map((label) => label.article))).toEqual(new Set([FIRST, SECOND]));
    expect(titles.every((label) => /president/.test(label.label))).toBe(true);
  });

  it('flags the third report stale: its titles place it before Trump’s second term', () => {
    const stale = report!.conflicts.filter((conflict) => conflict.kind === 'stale');
    expect(stale).toHaveLength(1);
    expect(stale[0]!.ruleId).toBe('titles-vs-own-date');
    expect(stale[0]!.summary).toMatch(/^002_8a3ad0553317b135 is dated 2026-01-20/);
    expect(stale[0]!.summary).toMatch(/Antony Blinken.*2021-01-26 to 2025-01-20/);
    // Against the other two as well: they call Donald Trump president, as of his second term.
    expect(stale[0]!.summary).toMatch(
      /a period no other report shares \(000_3fa523ff32321f5f, 001_a58c2fd0eddb5f89\)$/,
    );
    const evidence = stale[0]!.evidence.map((span) => [span.article, span.text]);
    expect(evidence.map(([, text]) => text)).not.toContain('Russian President');
    expect(evidence).toEqual(
      expect.arrayContaining([
        [THIRD, 'U.S. Secretary of State'],
        [FIRST, 'US President'],
        [SECOND, 'U.S. President'],
      ]),
    );
  });
});

describe.skipIf(!hasSeeds)('staleness in the seeds without a date', async () => {
  it('still flags the third report, against the other two reports’ titles', async () => {
    const analysis = await analyzeInputs([SEEDS_DIRECTORY], { attributionModel: 'fast' });
    const stale = analysis.story.conflicts.filter((conflict) => conflict.kind === 'stale');
    expect(stale.map((conflict) => conflict.ruleId)).toEqual(['titles-vs-other-reports']);
    expect(stale[0]!.summary).toMatch(/^002_8a3ad0553317b135's titles/);
    expect(stale[0]!.summary).toMatch(/000_3fa523ff32321f5f, 001_a58c2fd0eddb5f89/);
  });
});
