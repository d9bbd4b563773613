import { describe, expect, it } from 'vitest';
import { analyzeInputs } from '../src/pipeline/analyze.js';
import { buildReport } from '../src/report/build-report.js';
import { EXAMPLE_DIRECTORY } from './shared-data.js';

/** The bundled example's designed claims, origins and conflicts (examples/harbor-strike/README.md). */
describe('claims in the bundled example', async () => {
  const analysis = await analyzeInputs([EXAMPLE_DIRECTORY]);
  const report = buildReport(analysis.articles, analysis.diagnostics, analysis.story);
  const claimWith = (pattern: RegExp) =>
    report.claims.find((claim) => claim.mentions.some((mention) => pattern.test(mention.text)));

  it('traces the replacement-crews claim in both 2026 reports to Radio Velmora, once', () => {
    const crews = claimWith(/preparing to bring in replacement crews/)!;
    expect(crews.articles).toEqual(expect.arrayContaining(['baltic-wire', 'coastal-herald']));
    const radio = crews.origins.filter((origin) => origin.id === 'outlet:radio-velmora');
    expect(radio).toHaveLength(1);
    expect(radio[0]!.label).toBe('Radio Velmora, citing two sources within the port authority');
    expect(radio[0]!.articles).toEqual(['baltic-wire', 'coastal-herald']);
  });

  it('counts a named speaker quoted by two outlets as one origin', () => {
    const renko = claimWith(/held hostage/)!;
    expect(renko.origins.map((origin) => origin.id)).toEqual(['entity:tomas-renko']);
    expect(renko.independentOrigins).toBe(1);
    expect(renko.status).toBe('single-origin');
  });

  it("marks the gate-blocking claim denied by Radić's denial", () => {
    const blocked = claimWith(/blocked the terminal gates/)!;
    expect(blocked.status).toBe('denied');
    const denials = report.conflicts.filter((conflict) => conflict.kind === 'denial');
    expect(denials.length).toBeGreaterThanOrEqual(1);
    expect(denials.every((conflict) => /Radić/.test(conflict.summary))).toBe(true);
  });

  it("finds the two outlets' different figures for the authority's losses", () => {
    const number = report.conflicts.find((conflict) => conflict.kind === 'number')!;
    expect(number.evidence.map((span) => span.text)).toEqual([
      '30 million euros',
      '20 million euros',
    ]);
    expect(claimWith(/lost more than 30 million euros/)!.status).toBe('contested');
  });

  it('keeps the 2025 walkout apart from the 2026 strike', () => {
    const relation = (a: string, b: string) =>
      report.relations.find((item) => item.a === a && item.b === b)!;
    expect(relation('baltic-wire', 'coastal-herald').relation).toBe('same-event');
    expect(relation('baltic-wire', 'velmora-daily').relation).toBe('related');
    expect(relation('coastal-herald', 'velmora-daily').relation).toBe('related');
  });
});
