/**
 * `npm run eval -- polnear`: every shipped attribution model (source, cue, content spans, linked
 * into attributions) on PolNeAR, scored per role by exact span and by character overlap (see
 * src/attribution/score-attributions.ts), and as whole triples, with its speed: the default
 * (`accurate`) first, then `neural` and `fast`, so the accuracy given up for speed is measured.
 *
 * Data: DIR/text/<name>.txt and, optionally, DIR/attributions/<name>_<annotator>.ann (the first
 * annotator of each article is gold). Each text is analysed as a plain-text article (paragraphs
 * are its lines, no boilerplate removal) by the product's own stages; OUT/<name>.ann holds the
 * default model's predictions in brat format, offsets in code points into the original file;
 * OUT/<model>/<name>.ann the other models'.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ATTRIBUTION_ROLES,
  plainTextParagraphs,
  readPolnearSplit,
  writeBrat,
} from '../attribution/read-brat.js';
import { AttributionScorer } from '../attribution/score-attributions.js';
import {
  ATTRIBUTION_MODEL_NAMES,
  attributionStage,
  type AttributionModelName,
} from '../attribution/tag-attributions.js';
import { Article } from '../model/article.js';
import { OffsetMap } from '../model/offset-map.js';
import { findPackageRoot } from '../model/package-files.js';
import { segmentStage } from '../pipeline/segment-stage.js';
import type { EvalContext, EvalTask } from './tasks.js';

export const polnearTask: EvalTask = {
  description:
    'attribution spans (source, cue, content) on PolNeAR, every shipped model: exact and overlap F1 per role, triple F1, speed',
  async run(context: EvalContext): Promise<Record<string, unknown> | undefined> {
    const data = context.data ?? join(findPackageRoot(), '..', 'shared', 'data', 'polnear', 'dev');
    if (!existsSync(join(data, 'text'))) {
      context.log(
        `polnear: no data at ${resolve(data, 'text')} (expected <name>.txt files); pass --data DIR`,
      );
      return undefined;
    }
    const documents = readPolnearSplit(data);
    if (documents.length === 0) {
      context.log(`polnear: no .txt files under ${resolve(data, 'text')}`);
      return undefined;
    }
    const results: Record<string, unknown> = {};
    for (const [index, model] of ATTRIBUTION_MODEL_NAMES.entries()) {
      const out = index === 0 ? context.out : join(context.out, model);
      results[model] = await evaluateModel(model, documents, out, context);
    }
    return { articles: documents.length, defaultModel: ATTRIBUTION_MODEL_NAMES[0], ...results };
  },
};

async function evaluateModel(
  model: AttributionModelName,
  documents: ReturnType<typeof readPolnearSplit>,
  out: string,
  context: EvalContext,
): Promise<Record<string, unknown>> {
  await mkdir(out, { recursive: true });
  const stage = attributionStage(model);
  const scorer = new AttributionScorer();
  let segmentMs = 0;
  let attributionMs = 0;
  let scored = 0;
  for (const document of documents) {
    const { text, name } = document;
    const article = new Article(
      text,
      { id: name, language: 'en' },
      text,
      [],
      new OffsetMap([{ cleanStart: 0, originalStart: 0, length: text.length }]),
    );
    article.setLayer('paragraphs', plainTextParagraphs(text));
    const segmentStarted = performance.now();
    segmentStage.run(article);
    const attributionStarted = performance.now();
    stage.run(article);
    const finished = performance.now();
    segmentMs += attributionStarted - segmentStarted;
    attributionMs += finished - attributionStarted;
    const predicted = article.layer('attributionSpans');
    await writeFile(join(out, `${name}.ann`), writeBrat(text, predicted));
    if (document.attributions) {
      scorer.add(text, predicted, document.attributions);
      scored++;
    }
  }
  // The first article pays for loading the model; it is part of what a user waits for.
  const articlesPerSecond = documents.length / (attributionMs / 1000);
  const speed = {
    articlesPerSecond,
    msPerArticle: attributionMs / documents.length,
    attributionToSegmentationCost: attributionMs / segmentMs,
  };
  const speedLine = `${articlesPerSecond.toFixed(0)} articles/s, ${speed.msPerArticle.toFixed(1)} ms per article (${speed.attributionToSegmentationCost.toFixed(1)}× segmentation, model loading included)`;
  if (scored === 0) {
    context.log(
      `polnear, model ${model} (${documents.length} articles): no annotations; ${speedLine}`,
    );
    return speed;
  }
  const scores = scorer.scores();
  const percent = (value: number): string => (100 * value).toFixed(1);
  context.log(`polnear, model ${model} (${scored} articles) → ${out}`);
  context.log('  role     exact P   R     F1    overlap F1');
  for (const role of ATTRIBUTION_ROLES) {
    const { exact, overlap } = scores[role];
    context.log(
      `  ${role.padEnd(8)} ${percent(exact.precision).padStart(5)} ${percent(exact.recall).padStart(5)} ${percent(exact.f1).padStart(5)}  ${percent(overlap.f1).padStart(5)}`,
    );
  }
  context.log(`  triple F1 ${percent(scores.triple.f1)}; ${speedLine}`);
  return { articles: scored, ...scores, ...speed };
}
