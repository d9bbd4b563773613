/**
 * `npm run eval -- polnear`: the attribution tagger (source, cue, content spans, linked into
 * attributions) on PolNeAR, scored per role by exact span and by character overlap (see
 * src/attribution/score-attributions.ts), and as whole triples.
 *
 * Data: DIR/text/<name>.txt and, optionally, DIR/attributions/<name>_<annotator>.ann (the first
 * annotator of each article is gold). Each text is analysed as a plain-text article (paragraphs
 * are its lines, no boilerplate removal) by the product's own stages; OUT/<name>.ann holds the
 * predictions in brat format, offsets in code points into the original file.
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
  attributionSpansStage,
  shippedAttributionTagger,
} from '../attribution/tag-attributions.js';
import { Article } from '../model/article.js';
import { OffsetMap } from '../model/offset-map.js';
import { findPackageRoot } from '../model/package-files.js';
import { segmentStage } from '../pipeline/segment-stage.js';
import type { EvalContext, EvalTask } from './tasks.js';

export const polnearTask: EvalTask = {
  description:
    'attribution spans (source, cue, content) on PolNeAR: exact and overlap F1 per role, triple F1',
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
    await mkdir(context.out, { recursive: true });
    const tagger = shippedAttributionTagger();
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
      attributionSpansStage.run(article);
      const finished = performance.now();
      segmentMs += attributionStarted - segmentStarted;
      attributionMs += finished - attributionStarted;
      const predicted = article.layer('attributionSpans');
      await writeFile(join(context.out, `${name}.ann`), writeBrat(text, predicted));
      if (document.attributions) {
        scorer.add(text, predicted, document.attributions);
        scored++;
      }
    }
    const articlesPerSecond = documents.length / (attributionMs / 1000);
    const withSegmentation = documents.length / ((attributionMs + segmentMs) / 1000);
    const speed = {
      articlesPerSecond,
      articlesPerSecondWithSegmentation: withSegmentation,
      attributionToSegmentationCost: attributionMs / segmentMs,
    };
    const model = tagger.second ? 'two stages' : 'one stage';
    const speedLine = `${articlesPerSecond.toFixed(0)} articles/s (${withSegmentation.toFixed(0)} with segmentation; attribution costs ${speed.attributionToSegmentationCost.toFixed(1)}× segmentation)`;
    if (scored === 0) {
      context.log(
        `polnear (${documents.length} articles, ${model}): no annotations, nothing scored; ${speedLine}`,
      );
      return { articles: documents.length, ...speed };
    }
    const scores = scorer.scores();
    const percent = (value: number): string => (100 * value).toFixed(1);
    context.log(`polnear (${scored} articles, ${model}):`);
    context.log('role     exact P   R     F1    overlap F1');
    for (const role of ATTRIBUTION_ROLES) {
      const { exact, overlap } = scores[role];
      context.log(
        `${role.padEnd(8)} ${percent(exact.precision).padStart(5)} ${percent(exact.recall).padStart(5)} ${percent(exact.f1).padStart(5)}  ${percent(overlap.f1).padStart(5)}`,
      );
    }
    context.log(`triple F1 ${percent(scores.triple.f1)}; ${speedLine}`);
    return { articles: scored, model, ...scores, ...speed };
  },
};
