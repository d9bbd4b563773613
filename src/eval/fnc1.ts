/**
 * `npm run eval -- fnc1 [--data DIR] [--out DIR] [--split report|tune|all]`: the stance classifier
 * (src/stance/classify-stance.ts) on FNC-1 headline/body pairs. DIR holds `bodies.csv` (`Body
 * ID,articleBody`) and `stances.csv` (`Headline,Body ID[,Stance]`); without `--data` it reads
 * ../shared/data/fnc1/train_bodies.csv and train_stances.csv and keeps the report split (Body ID
 * mod 5 = 0; `--split tune` keeps the rest, `all` everything). Writes OUT/predictions.csv
 * (`Headline,Body ID,Stance`, the input's rows in the input's order) and, when the input has gold
 * stances, prints the FNC score, macro-F1, per-class P/R/F1, the confusion matrix and the speed.
 * `STANCE_MODEL=FILE` scores another model file than the shipped one.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findPackageRoot } from '../model/package-files.js';
import { STANCE_MODEL_PATH, StanceClassifier } from '../stance/classify-stance.js';
import {
  STANCES,
  formatFncStances,
  isFncReportBody,
  readFncBodies,
  readFncStances,
  type FncPair,
  type Stance,
} from '../stance/read-fnc.js';
import { describeStanceScores, scoreStances } from '../stance/score-stance.js';
import type { EvalContext, EvalTask } from './tasks.js';

const DEFAULT_DATA = join('..', 'shared', 'data', 'fnc1');

interface FncInput {
  readonly bodiesPath: string;
  readonly stancesPath: string;
  /** Which pairs to keep (the default data's report split), or undefined for all. */
  readonly keep: ((pair: FncPair) => boolean) | undefined;
}

function inputOf(context: EvalContext): FncInput | string {
  if (context.data !== undefined) {
    const bodiesPath = join(context.data, 'bodies.csv');
    const stancesPath = join(context.data, 'stances.csv');
    if (!existsSync(bodiesPath) || !existsSync(stancesPath)) {
      return `no bodies.csv and stances.csv in ${resolve(context.data)} (FNC-1 format expected); pass --data DIR`;
    }
    return { bodiesPath, stancesPath, keep: undefined };
  }
  const folder = join(findPackageRoot(), DEFAULT_DATA);
  const bodiesPath = join(folder, 'train_bodies.csv');
  const stancesPath = join(folder, 'train_stances.csv');
  if (!existsSync(bodiesPath) || !existsSync(stancesPath)) {
    return `no FNC-1 data at ${resolve(folder)} (train_bodies.csv, train_stances.csv); pass --data DIR with bodies.csv and stances.csv`;
  }
  const split = context.split ?? 'report';
  if (split === 'all') return { bodiesPath, stancesPath, keep: undefined };
  if (split !== 'report' && split !== 'tune') {
    return `unknown --split "${split}" (report, tune or all)`;
  }
  const report = split === 'report';
  return { bodiesPath, stancesPath, keep: (pair) => isFncReportBody(pair.bodyId) === report };
}

export const fnc1Task: EvalTask = {
  description:
    'headline/body stance on FNC-1 (default: the train file’s Body ID mod 5 = 0 report split): FNC score, macro-F1, per class',
  async run(context: EvalContext): Promise<Record<string, unknown> | undefined> {
    const input = inputOf(context);
    if (typeof input === 'string') {
      context.log(`fnc1: ${input}`);
      return undefined;
    }
    const modelPath = process.env['STANCE_MODEL'] ?? join(findPackageRoot(), STANCE_MODEL_PATH);
    if (!existsSync(modelPath)) {
      context.log(`fnc1: no model at ${resolve(modelPath)}; run \`npm run train -- stance\` first`);
      return undefined;
    }
    let bodies: Map<string, string>;
    let pairs: FncPair[];
    try {
      bodies = readFncBodies(input.bodiesPath);
      pairs = readFncStances(input.stancesPath);
    } catch (error) {
      context.log(`fnc1: ${(error as Error).message}`);
      return undefined;
    }
    if (input.keep) pairs = pairs.filter(input.keep);
    if (pairs.length === 0) {
      context.log(`fnc1: no pairs in ${resolve(input.stancesPath)}`);
      return undefined;
    }
    const missingBodies = new Set(
      pairs.filter((pair) => !bodies.has(pair.bodyId)).map((pair) => pair.bodyId),
    );
    if (missingBodies.size > 0) {
      context.log(
        `fnc1: warning: ${missingBodies.size} Body IDs have no body (${[...missingBodies].slice(0, 5).join(', ')}…); their pairs are classified with an empty body`,
      );
    }

    const loadStarted = performance.now();
    const classifier = StanceClassifier.load(modelPath);
    const loadMs = performance.now() - loadStarted;
    const started = performance.now();
    const predicted: Stance[] = pairs.map(
      (pair) => classifier.classify(pair.headline, bodies.get(pair.bodyId) ?? '').stance,
    );
    const seconds = (performance.now() - started) / 1000;
    const pairsPerSecond = seconds > 0 ? pairs.length / seconds : 0;

    await writeFile(
      join(context.out, 'predictions.csv'),
      formatFncStances(
        pairs.map((pair, index) => ({
          headline: pair.headline,
          bodyId: pair.bodyId,
          stance: predicted[index]!,
        })),
      ),
    );

    const counts = Object.fromEntries(
      STANCES.map((stance) => [stance, predicted.filter((p) => p === stance).length]),
    );
    const speed = `${Math.round(pairsPerSecond)} pairs/s (one core, ${new Set(pairs.map((p) => p.bodyId)).size} bodies each analysed once); model loaded in ${Math.round(loadMs)} ms`;
    const labelled = pairs.every((pair) => pair.stance !== undefined);
    if (!labelled) {
      context.log(
        `fnc1 (${pairs.length} pairs, no gold stances; model ${modelPath}): predicted ${JSON.stringify(counts)}`,
      );
      context.log(speed);
      return {
        data: resolve(input.stancesPath),
        model: resolve(modelPath),
        pairs: pairs.length,
        predicted: counts,
        pairsPerSecond,
        modelLoadMs: loadMs,
      };
    }
    const gold = pairs.map((pair) => pair.stance!);
    const scores = scoreStances(gold, predicted);
    context.log(`fnc1 (${pairs.length} pairs; model ${modelPath}):`);
    for (const line of describeStanceScores(scores)) context.log(line);
    context.log(speed);
    return {
      data: resolve(input.stancesPath),
      model: resolve(modelPath),
      pairs: pairs.length,
      fncScore: scores.fncScore,
      macroF1: scores.macroF1,
      accuracy: scores.accuracy,
      byClass: scores.byClass,
      confusion: { order: STANCES, rowsGoldColumnsPredicted: scores.confusion },
      pairsPerSecond,
      modelLoadMs: loadMs,
    };
  },
};
