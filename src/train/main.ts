#!/usr/bin/env node
/**
 * `npm run train -- <task> [--data PATH] [--out FILE]`: fits one model from the train split in
 * ../shared/data and writes its weights (default: the file under models/ that the product loads),
 * so every shipped weight file can be reproduced.
 */
import { parseTaskCommand } from '../cli/task-command.js';
import { TRAIN_TASKS } from './tasks.js';

const USAGE = `usage: npm run train -- <task> [--data PATH] [--out FILE]
tasks: ${Object.entries(TRAIN_TASKS)
  .map(([name, task]) => `\n  ${name}: ${task.description}`)
  .join('')}`;

async function main(): Promise<number> {
  const parsed = parseTaskCommand('train', USAGE, TRAIN_TASKS);
  if (typeof parsed === 'number') return parsed;
  const { task } = parsed;
  const ok = await task.run({
    data: parsed.values.data,
    out: parsed.values.out,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  return ok ? 0 : 1;
}

process.exitCode = await main();
