import { parseArgs } from 'node:util';

/** What `npm run eval` and `npm run train` read from their arguments. */
export interface TaskArguments<Task> {
  readonly name: string;
  readonly task: Task;
  readonly values: { readonly data?: string; readonly out?: string; readonly split?: string };
}

/**
 * Parses `<task> [--data PATH] [--out PATH] [--split …]` for a developer command, printing usage
 * and returning an exit code instead of arguments when they are missing, unknown or `--help`.
 */
export function parseTaskCommand<Task>(
  command: string,
  usage: string,
  tasks: Readonly<Record<string, Task>>,
  options: { split?: boolean } = {},
): TaskArguments<Task> | number {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        out: { type: 'string' },
        ...(options.split ? { split: { type: 'string' as const } } : {}),
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`${command}: ${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  const [name] = parsed.positionals;
  if (parsed.values.help || !name) {
    process.stdout.write(`${usage}\n`);
    return parsed.values.help ? 0 : 2;
  }
  const task = tasks[name];
  if (!task) {
    process.stderr.write(`${command}: unknown task "${name}"\n${usage}\n`);
    return 2;
  }
  const values = parsed.values as { data?: string; out?: string; split?: string };
  return { name, task, values };
}
