import { basilTask } from './basil.js';
import { conllTask } from './conll.js';
import { extractionTask } from './extraction.js';
import { fnc1Task } from './fnc1.js';
import { neusTask } from './neus.js';
import { polnearTask } from './polnear.js';

export interface EvalContext {
  /** `--data`, or undefined for the task's default under ../shared/data. */
  readonly data: string | undefined;
  readonly out: string;
  readonly split: string | undefined;
  readonly log: (line: string) => void;
}

/** An evaluation: runs over its data, writes predictions into `out`, returns its figures (or undefined when it could not run). */
export interface EvalTask {
  readonly description: string;
  run(context: EvalContext): Promise<Record<string, unknown> | undefined>;
}

export const EVAL_TASKS: Readonly<Record<string, EvalTask>> = {
  extraction: extractionTask,
  conll: conllTask,
  polnear: polnearTask,
  fnc1: fnc1Task,
  basil: basilTask,
  neus: neusTask,
};
