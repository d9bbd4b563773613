import { rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isHttpUrl, type FetchOptions } from '../ingest/fetch-url.js';
import type { Diagnostic } from '../model/diagnostic.js';

/**
 * Whether `--out` would overwrite one of the inputs, saying so on stderr: nothing the user gave is
 * ever overwritten.
 */
export function refusesToOverwrite(
  inputs: readonly string[],
  out: string | undefined,
  stderr: NodeJS.WritableStream,
): boolean {
  if (!out) return false;
  const target = resolve(out);
  const clash = inputs.some(
    (input) => input !== '-' && !isHttpUrl(input) && resolve(input) === target,
  );
  if (clash) stderr.write(`triangulate: --out ${out}: refusing to overwrite an input file\n`);
  return clash;
}

/** How the CLI fetches URLs and feeds: the user's timeout, 10 MB a page, five redirects. */
export function cliFetchOptions(timeoutSeconds: number): FetchOptions {
  return { timeoutMs: timeoutSeconds * 1000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5 };
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
