#!/usr/bin/env node
import { runCli } from './run-cli.js';

// A reader that stops early (`triangulate analyze … | head`) closes the pipe: that is the reader's
// choice, not an error, so leave quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
