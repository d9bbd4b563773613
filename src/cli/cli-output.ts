import { rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isHttpUrl } from '../ingest/fetch-url.js';
import type { Diagnostic } from '../model/diagnostic.js';

/** The input that `--out` would overwrite, if any: nothing the user gave is ever overwritten. */
export function inputClash(inputs: readonly string[], out: string): string | undefined {
  const target = resolve(out);
  return inputs.find((input) => input !== '-' && !isHttpUrl(input) && resolve(input) === target);
}

/** One line per diagnostic on stderr; informational ones only when asked. */
export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  stderr: NodeJS.WritableStream,
  verbose: boolean,
): void {
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'info' && !verbose) continue;
    const prefix = diagnostic.severity === 'error' ? '' : `${diagnostic.severity}: `;
    stderr.write(`triangulate: ${prefix}${diagnostic.input}: ${diagnostic.message}\n`);
  }
}

/** To `out`, written beside it and renamed (an interrupted run never leaves half a file), or to stdout. */
export async function writeOutput(
  output: string,
  out: string | undefined,
  stdout: NodeJS.WritableStream,
): Promise<void> {
  if (!out) {
    stdout.write(output);
    return;
  }
  const temporary = `${out}.${process.pid}.tmp`;
  await writeFile(temporary, output);
  await rename(temporary, out);
}
