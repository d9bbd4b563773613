/**
 * `npm run eval -- conll [--data FILE] [--out DIR]`: the named-entity tagger on CoNLL++ (default:
 * the dev split), tagging from the token column alone. Writes OUT/predictions.conll (`token gold
 * predicted` per line, blank and `-DOCSTART-` lines kept, so conlleval can read it) and prints
 * entity-level micro precision, recall and F1 (conlleval rules), overall and per type, and the
 * tagging speed. `NER_MODEL=FILE` scores another model file than the shipped one.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NER_MODEL_PATH, NerModel, tagConllDocuments } from '../entities/ner-model.js';
import { DOCUMENT_START, parseConll } from '../entities/read-conll.js';
import { scoreEntities, type PrecisionRecall } from '../entities/score-conll.js';
import { findPackageRoot } from '../model/package-files.js';
import type { EvalContext, EvalTask } from './tasks.js';

const DEFAULT_DATA = join('..', 'shared', 'data', 'conllpp', 'conllpp_dev.txt');

function percent(value: number): string {
  return (100 * value).toFixed(2);
}

function describe(label: string, scores: PrecisionRecall): string {
  return `${label.padEnd(7)} P ${percent(scores.precision)}  R ${percent(scores.recall)}  F1 ${percent(scores.f1)}  (gold ${scores.gold}, predicted ${scores.predicted}, correct ${scores.correct})`;
}

export const conllTask: EvalTask = {
  description:
    'named entities (PER, ORG, LOC, MISC) on CoNLL++ dev: entity-level micro P/R/F1, conlleval rules',
  async run(context: EvalContext): Promise<Record<string, unknown> | undefined> {
    const root = findPackageRoot();
    const data = context.data ?? join(root, DEFAULT_DATA);
    if (!existsSync(data)) {
      context.log(`conll: no data at ${resolve(data)} (CoNLL format expected); pass --data FILE`);
      return undefined;
    }
    const modelPath = process.env['NER_MODEL'] ?? join(root, NER_MODEL_PATH);
    if (!existsSync(modelPath)) {
      context.log(`conll: no model at ${resolve(modelPath)}; run \`npm run train -- ner\` first`);
      return undefined;
    }
    const loadStarted = performance.now();
    const model = NerModel.load(modelPath);
    const loadMs = performance.now() - loadStarted;
    const text = await readFile(data, 'utf8');
    const documents = parseConll(text);

    const { gold, predicted, tokens, seconds } = tagConllDocuments(model, documents);
    const tokensPerSecond = seconds > 0 ? tokens / seconds : 0;

    const flat = predicted.flat();
    let next = 0;
    const lines: string[] = [];
    for (const rawLine of text.split('\n')) {
      const line = rawLine.trim();
      if (line === '') {
        lines.push('');
        continue;
      }
      const columns = line.split(/\s+/);
      const token = columns[0]!;
      if (token === DOCUMENT_START) {
        lines.push(`${DOCUMENT_START} O O`);
        continue;
      }
      const goldTag = columns.length > 1 ? columns[columns.length - 1]! : 'O';
      lines.push(`${token} ${goldTag} ${flat[next++] ?? 'O'}`);
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    await writeFile(join(context.out, 'predictions.conll'), lines.join('\n') + '\n');

    const scores = scoreEntities(gold, predicted);
    context.log(
      `conll (${documents.length} documents, ${gold.length} sentences, ${tokens} tokens; model ${modelPath}):`,
    );
    context.log(describe('overall', scores.overall));
    for (const [type, typeScores] of Object.entries(scores.byType)) {
      context.log(describe(type, typeScores));
    }
    context.log(
      `token accuracy ${percent(scores.tokenAccuracy)}; ${Math.round(tokensPerSecond)} tokens/s tagging (cold caches, one pass); model loaded in ${Math.round(loadMs)} ms`,
    );
    return {
      data: resolve(data),
      model: resolve(modelPath),
      documents: documents.length,
      sentences: gold.length,
      tokens,
      precision: scores.overall.precision,
      recall: scores.overall.recall,
      f1: scores.overall.f1,
      byType: scores.byType,
      tokenAccuracy: scores.tokenAccuracy,
      tokensPerSecond,
      modelLoadMs: loadMs,
    };
  },
};
