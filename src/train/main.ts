#!/usr/bin/env node
/**
 * `npm run train -- <task> [--data PATH] [--out FILE]`: fits one model from the train split in
 * ../shared/data and writes its weights (default: the file under models/ that the product loads),
 * so every shipped weight file can be reproduced.
 */
import { parseArgs } from 'node:util';
import { TRAIN_TASKS } from './tasks.js';

const USAGE = `usage: npm run train -- <task> [--data PATH] [--out FILE]
tasks: ${Object.entries(TRAIN_TASKS)
  .map(([name, task]) => `\n  ${name}: ${task.description}`)
  .join('')}`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`train: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const [taskName] = parsed.positionals;
  if (parsed.values.help || !taskName) {
    process.stdout.write(`${USAGE}\n`);
    return parsed.values.help ? 0 : 2;
  }
  const task = TRAIN_TASKS[taskName];
  if (!task) {
    process.stderr.write(`train: unknown task "${taskName}"\n${USAGE}\n`);
    return 2;
  }
  const ok = await task.run({
    data: parsed.values.data,
    out: parsed.values.out,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  return ok ? 0 : 1;
}

process.exitCode = await main();
