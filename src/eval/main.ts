#!/usr/bin/env node
/**
 * `npm run eval -- <task> [--data PATH] [--out DIR] [--split …]`: scores one stage on real data in
 * ../shared/data, writes its predictions in the dataset's own format and its figures to
 * OUT/metrics.json (default OUT: eval-out/<task>/).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EVAL_TASKS } from './tasks.js';

const USAGE = `usage: npm run eval -- <task> [--data PATH] [--out DIR] [--split tune|report|all]
tasks: ${Object.keys(EVAL_TASKS).join(', ')}`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        split: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`eval: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [taskName] = parsed.positionals;
  if (parsed.values.help || !taskName) {
    process.stdout.write(`${USAGE}\n`);
    return parsed.values.help ? 0 : 2;
  }
  const task = EVAL_TASKS[taskName];
  if (!task) {
    process.stderr.write(`eval: unknown task "${taskName}"\n${USAGE}\n`);
    return 2;
  }
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
