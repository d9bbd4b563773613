import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../src/model/package-files.js';
import { runCliCaptured } from './run-cli-captured.js';
import { EXAMPLE_DIRECTORY, hasSeeds, SEEDS_DIRECTORY } from './shared-data.js';

const schema = JSON.parse(
  readFileSync(join(findPackageRoot(), 'schema', 'report.schema.json'), 'utf8'),
) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

interface Report {
  schemaVersion: string;
  articles: {
    id: string;
    text: string;
    headings: { start: number; end: number; text: string }[];
    sentences: { start: number; end: number }[];
  }[];
  [key: string]: unknown;
}

async function jsonReport(args: string[]): Promise<Report> {
  const result = await runCliCaptured(['analyze', ...args, '--format', 'json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

describe('the JSON report', () => {
  it('validates against schema/report.schema.json for the bundled example', async () => {
    const report = await jsonReport([EXAMPLE_DIRECTORY]);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.entities.length).toBeGreaterThan(0);
    expect(report.attributions.length).toBeGreaterThan(0);
    // Every span in the filled arrays indexes its article's text.
    const texts = new Map(report.articles.map((article) => [article.id, article.text]));
    for (const entity of report.entities) {
      for (const mention of entity.mentions)
        expect(texts.get(mention.article)!.slice(mention.start, mention.end)).toBe(mention.text);
    }
    for (const attribution of report.attributions) {
      const text = texts.get(attribution.article)!;
      for (const part of [attribution.cue, attribution.source, attribution.content]) {
        if (part && !('spans' in part && part.spans))
          expect(text.slice(part.start, part.end)).toBe(part.text);
      }
    }
    for (const claim of report.claims) {
      for (const mention of claim.mentions)
        expect(texts.get(mention.article)!.slice(mention.start, mention.end)).toBe(mention.text);
      expect(claim.origins.map((origin) => origin.id)).toEqual(
        expect.arrayContaining([...new Set(claim.mentions.map((mention) => mention.origin))]),
      );
    }
    expect(report.claims.length).toBeGreaterThan(0);
    expect(report.relations).toHaveLength(3);
    expect(report.framing).toHaveLength(3);
    for (const framing of report.framing) {
      for (const term of framing.terms) {
        expect(term.count).toBe(term.spans.length);
        for (const span of term.spans)
          expect(texts.get(span.article)!.slice(span.start, span.end)).toBe(span.text);
      }
    }
    for (const entry of report.timeline) {
      expect(texts.get(entry.article)!.slice(entry.start, entry.end)).toBe(entry.text);
      expect(entry.event).toBeDefined();
    }
  });

  it.skipIf(!hasSeeds)('validates for the seeds, with three articles', async () => {
    const report = await jsonReport([SEEDS_DIRECTORY, '--date', '2026-01-20']);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.articles).toHaveLength(3);
  });

  it('gives heading and sentence offsets that index the article text', async () => {
    const report = await jsonReport([EXAMPLE_DIRECTORY]);
    for (const article of report.articles) {
      for (const heading of article.headings)
        expect(article.text.slice(heading.start, heading.end)).toBe(heading.text);
      for (const sentence of article.sentences)
        expect(article.text.slice(sentence.start, sentence.end).trim()).not.toBe('');
    }
  });

  it('rejects a report that breaks the contract (the schema is not vacuous)', async () => {
    const report = await jsonReport([EXAMPLE_DIRECTORY]);
    const broken = { ...report, articles: [{ ...report.articles[0], language: undefined }] };
    expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
    expect(validate({ ...report, claims: [{ id: 'c1' }] })).toBe(false);
  });
});
