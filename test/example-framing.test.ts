import { describe, expect, it } from 'vitest';
import { analyzeInputs } from '../src/pipeline/analyze.js';
import { buildReport } from '../src/report/build-report.js';
import { EXAMPLE_DIRECTORY } from './shared-data.js';

/** The bundled example's designed framing differences and its stale third report (its README). */
describe('framing, timeline and staleness in the bundled example', async () => {
  const analysis = await analyzeInputs([EXAMPLE_DIRECTORY]);
  const report = buildReport(analysis.articles, analysis.diagnostics, analysis.story);
  const wordsOf = (article: string, category: string): string[] =>
    report.framing
      .find((framing) => framing.article === article)!
      .terms.filter((term) => term.category === category && term.ruleId.startsWith('framing:'))
      .flatMap((term) => term.spans.map((span) => span.text.toLowerCase()));

  it('gives the Herald, and only the Herald, its loaded labels for the strikers', () => {
    const herald = [
      ...wordsOf('coastal-herald', 'loaded'),
      ...wordsOf('coastal-herald', 'actor-label'),
    ];
    expect(herald).toEqual(
      expect.arrayContaining(['militant', 'hardline', 'agitators', 'saboteurs', 'chaos']),
    );
    expect(herald.some((text) => /^held .* hostage$/.test(text))).toBe(true);
    for (const other of ['baltic-wire', 'velmora-daily']) {
      expect([...wordsOf(other, 'loaded'), ...wordsOf(other, 'actor-label')]).toEqual([]);
    }
  });

  it('labels the union "militant" in the Herald', () => {
    const militant = report.labels.find((label) => label.label === 'militant')!;
    expect(militant.article).toBe('coastal-herald');
    expect(report.entities.find((entity) => entity.id === militant.entity)?.name).toMatch(/Union/);
  });

  it("finds Velmora Daily's hedges and vague attribution", () => {
    expect(wordsOf('velmora-daily', 'hedge')).toEqual(
      expect.arrayContaining(['reportedly', 'could', 'if true']),
    );
    expect(wordsOf('velmora-daily', 'vague-attribution')).toEqual(['analysts', 'observers']);
  });

  it('dates the designed events, oldest first, the scheduled mediation in the future', () => {
    const dated = report.timeline.filter((entry) => entry.date);
    const dates = dated.map((entry) => entry.date!);
    expect(dates).toEqual([...dates].sort());
    const find = (article: string, text: RegExp) =>
      dated.find((entry) => entry.article === article && text.test(entry.text));
    expect(find('baltic-wire', /weekend/)).toMatchObject({
      date: '2026-03-07',
      dateEnd: '2026-03-08',
      precision: 'range',
    });
    expect(find('coastal-herald', /February 17/)?.date).toBe('2026-02-17');
    expect(find('coastal-herald', /December/)?.date).toBe('2025-12');
    expect(find('baltic-wire', /Thursday/)?.date).toBe('2026-03-12');
    expect(find('velmora-daily', /Friday/)?.date).toBe('2025-06-13');
    for (const entry of dated) expect(entry.event!.text).toContain(entry.text);
  });

  it('flags the 2025 report stale against the 2026 reports', () => {
    const stale = report.conflicts.filter((conflict) => conflict.kind === 'stale');
    expect(stale).toHaveLength(1);
    expect(stale[0]!.ruleId).toBe('date-before-others');
    expect(stale[0]!.summary).toMatch(/^velmora-daily is dated 2025-06-14, 269 days before/);
    expect(stale[0]!.evidence[0]!.article).toBe('velmora-daily');
    expect(report.conflicts.some((conflict) => conflict.kind === 'recycled')).toBe(false);
  });
});
