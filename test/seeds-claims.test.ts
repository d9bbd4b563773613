import { describe, expect, it } from 'vitest';
import { analyzeInputs } from '../src/pipeline/analyze.js';
import type { Report, ReportClaim } from '../src/model/report.js';
import { buildReport } from '../src/report/build-report.js';
import { hasSeeds, SEEDS_DIRECTORY } from './shared-data.js';

/**
 * The claims issue's acceptance on the three seed reports: the departure claim in the first two
 * with its origin traced to Asharq al-Awsat's sources (one origin, not two confirmations); the
 * denial on the claim it answers; the Netanyahu title and the permanent-vs-temporary departure as
 * conflicts; the first two the same event, the third not.
 */
const FIRST = '000_3fa523ff32321f5f';
const SECOND = '001_a58c2fd0eddb5f89';
const THIRD = '002_8a3ad0553317b135';

describe.skipIf(!hasSeeds)('claims in the seeds', async () => {
  let report: Report | undefined;
  if (hasSeeds) {
    const analysis = await analyzeInputs([SEEDS_DIRECTORY], { published: '2026-01-20' });
    report = buildReport(analysis.articles, analysis.diagnostics, analysis.story);
  }
  const claimWith = (pattern: RegExp): ReportClaim[] =>
    report!.claims.filter((claim) => claim.mentions.some((mention) => pattern.test(mention.text)));

  it('finds the departure claim in the first two reports, traced to Asharq al-Awsat', () => {
    const departure = claimWith(/safe exit/).find(
      (claim) => claim.articles.includes(FIRST) && claim.articles.includes(SECOND),
    );
    expect(departure, 'a "safe exit" claim stated in both of the first two').toBeDefined();
    const asharq = departure!.origins.find((origin) => origin.id === 'outlet:asharq-al-awsat');
    expect(asharq?.label).toMatch(/Asharq al-Awsat/);
    expect(asharq?.articles).toEqual(expect.arrayContaining([FIRST, SECOND]));
    // Two outlets retelling one report are one origin, not two confirmations.
    const retold = departure!.mentions.filter((mention) => mention.origin === asharq!.id);
    expect(new Set(retold.map((mention) => mention.article)).size).toBe(2);
    expect(departure!.independentOrigins).toBe(departure!.origins.length);
    expect(departure!.origins.filter((origin) => origin.id === asharq!.id)).toHaveLength(1);
  });

  it('labels each origin by the source it comes from', () => {
    const labels = report!.claims.flatMap((claim) => claim.origins.map((origin) => origin.label));
    expect(labels).toContain('Asharq al-Awsat, citing three Hamas sources');
    expect(labels.some((label) => /^ynet \(own reporting\)/.test(label))).toBe(true);
  });

  it('puts the denial on the claim it answers', () => {
    const denial = report!.conflicts.find((conflict) => conflict.kind === 'denial');
    expect(denial?.summary).toMatch(/senior Hamas leader based outside Gaza/);
    const claim = report!.claims.find((candidate) => candidate.id === denial!.claims[0]);
    expect(claim?.status).toBe('denied');
    expect(
      claim!.mentions.some((mention) => /prisoners released in exchange/.test(mention.text)),
    ).toBe(true);
    expect(denial!.evidence.map((span) => span.article)).toEqual([FIRST, FIRST]);
  });

  it('surfaces the "former" prime minister who vows as a sitting one would', () => {
    const role = report!.conflicts.find((conflict) => conflict.kind === 'role');
    expect(role?.summary).toMatch(/Netanyahu/);
    expect(role!.evidence.map((span) => span.text)).toEqual([
      'Former Israeli Prime Minister',
      expect.stringMatching(/Netanyahu vows/),
    ]);
    expect(role!.evidence.map((span) => span.article)).toEqual([THIRD, FIRST]);
  });

  it('finds the departure "without return" in tension with leaving "temporarily"', () => {
    const permanence = report!.conflicts.find((conflict) => conflict.kind === 'permanence');
    expect(permanence).toBeDefined();
    expect(permanence!.evidence[0]!.text).toMatch(/without return/);
    expect(permanence!.evidence[1]!.text).toMatch(/temporarily/);
    for (const id of permanence!.claims) {
      expect(report!.claims.find((claim) => claim.id === id)!.status).not.toBe('corroborated');
    }
  });

  it('finds one source asserting the departure and another refusing to leave', () => {
    const assertion = report!.conflicts.find((conflict) => conflict.kind === 'assertion');
    expect(assertion?.evidence[1]?.text).toMatch(/reject leaving/);
  });

  it('relates the first two as the same event and the third as not', () => {
    const relation = (a: string, b: string) =>
      report!.relations.find((item) => item.a === a && item.b === b)!;
    expect(relation(FIRST, SECOND).relation).toBe('same-event');
    expect(relation(FIRST, THIRD).relation).not.toBe('same-event');
    expect(relation(SECOND, THIRD).relation).not.toBe('same-event');
    expect(relation(FIRST, SECOND).score).toBeGreaterThan(relation(FIRST, THIRD).score);
    expect(relation(FIRST, SECOND).evidence.some((item) => item.kind === 'shared-claim')).toBe(
      true,
    );
  });

  it('pins every mention and conflict side to the article text', () => {
    const texts = new Map(report!.articles.map((article) => [article.id, article.text]));
    for (const claim of report!.claims) {
      for (const mention of claim.mentions)
        expect(texts.get(mention.article)!.slice(mention.start, mention.end)).toBe(mention.text);
    }
    for (const conflict of report!.conflicts) {
      expect(conflict.evidence.length).toBeGreaterThanOrEqual(2);
      for (const side of conflict.evidence)
        expect(texts.get(side.article)!.slice(side.start, side.end)).toBe(side.text);
    }
  });
});
