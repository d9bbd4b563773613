#!/usr/bin/env node
/**
 * `npm run eval -- <task> [--data PATH] [--out DIR] [--split …]`: scores one stage on real data in
 * ../shared/data, writes its predictions in the dataset's own format and its figures to
 * OUT/metrics.json (default OUT: eval-out/<task>/).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTaskCommand } from '../cli/task-command.js';
import { EVAL_TASKS } from './tasks.js';

const USAGE = `usage: npm run eval -- <task> [--data PATH] [--out DIR] [--split tune|report|all]
tasks: ${Object.keys(EVAL_TASKS).join(', ')}`;

async function main(): Promise<number> {
  const parsed = parseTaskCommand('eval', USAGE, EVAL_TASKS, { split: true });
  if (typeof parsed === 'number') return parsed;
  const { name: taskName, task } = parsed;
  const out = parsed.values.out ?? join('eval-out', taskName);
  await mkdir(out, { recursive: true });
  const metrics = await task.run({
    data: parsed.values.data,
    out,
    split: parsed.values.split,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  if (!metrics) return 1;
  await writeFile(join(out, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  process.stdout.write(`wrote ${join(out, 'metrics.json')}\n`);
  return 0;
}

process.exitCode = await main();
