import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isHttpUrl } from '../ingest/fetch-url.js';
import { clusterCommand, type ClusterCliOptions } from './cluster-command.js';
import { addStoreCommands } from './store-commands.js';
import {
  cliFetchOptions,
  printDiagnostics,
  refusesToOverwrite,
  writeOutput,
} from './cli-output.js';
import { packageVersion } from '../model/package-files.js';
import {
  ATTRIBUTION_MODEL_NAMES,
  type AttributionModelName,
} from '../attribution/tag-attributions.js';
import { analyzeInputs } from '../pipeline/analyze.js';
import { buildReport } from '../report/build-report.js';
import { renderHtml } from '../report/render-html.js';
import { renderMarkdown } from '../report/render-markdown.js';
import { renderText } from '../report/render-text.js';
import { appPage } from '../serve/app-page.js';
import { createAppServer, DEFAULT_SERVE_OPTIONS } from '../serve/create-server.js';

export interface CliStreams {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

/** Exit codes: 0 all inputs read; 1 some input failed (the report covers the rest); 2 usage error or nothing to report. */
export const EXIT_OK = 0;
export const EXIT_INPUT_FAILED = 1;
export const EXIT_USAGE = 2;

const EXAMPLES = `
Examples:
  triangulate analyze examples/harbor-strike
  triangulate analyze a.txt b.html https://example.com/story feed.xml --date 2026-03-10
  triangulate analyze archive.jsonl --format json --out report.json
  triangulate analyze examples/harbor-strike --format html --out story.html
  cat story.txt | triangulate analyze - --outlet "The Herald" --date 2026-03-10

Inputs:
  FILE.txt / .md     plain text; a headline and dek at the top are detected
  FILE.html / .htm   a saved web page (Mozilla Readability picks the article)
  URL                an http(s) page or feed, fetched with a timeout and size cap
  FILE.xml / .rss / .atom / .json
                     an RSS, Atom or JSON Feed: one article per item
  FILE.jsonl         one article per line: {id, url, outlet, title, published, text | html}
  DIRECTORY          every readable file under it, recursively
  -                  standard input
  A sidecar FILE.meta.json ({outlet, title, published, url}) sets one file's metadata.

Exit status: 0 when every input was read; 1 when some input failed (the report covers the
others); 2 on a usage error or when no article could be read.`;

export async function runCli(argv: readonly string[], streams: CliStreams): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('triangulate')
    .description(
      'Compare several reports of one event: who says what, on whose authority, and how each outlet tells it.',
    )
    .version(packageVersion(), '-V, --version')
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
    })
    .exitOverride();

  program
    .command('analyze')
    .description('Clean and analyze articles from files, directories, URLs, feeds, JSONL or stdin')
    .argument('<inputs...>', 'files, directories, http(s) URLs, feeds, JSONL files, or - for stdin')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'md', 'html'])
        .default('text'),
    )
    .option('-o, --out <file>', 'write the report to a file instead of standard output')
    .option('--outlet <name>', 'outlet name for inputs that do not say')
    .option('--date <YYYY-MM-DD>', 'publication date for inputs that do not say', parseDateOption)
    .option('--follow', "fetch each feed item's page instead of using the feed's text", false)
    .option('--timeout <seconds>', 'per-URL fetch timeout', parsePositiveNumber, 20)
    .addOption(
      new Option(
        '--attribution-model <model>',
        'who-said-what tagger: accurate (BiLSTM-CRF plus nested attributions), neural (BiLSTM-CRF only), fast (linear, about 6× faster, about 5 F1 points lower)',
      )
        .choices([...ATTRIBUTION_MODEL_NAMES])
        .default('accurate'),
    )
    .option(
      '--no-background',
      'claims only from news: leave out unattributed sentences about an earlier time',
    )
    .option('-q, --quiet', 'text format: only the summary and problems', false)
    .option('-v, --verbose', 'text format: rule ids, offsets and informational notes', false)
    .option('--no-color', 'no colour in text output (also when NO_COLOR is set)')
    .addHelpText('after', EXAMPLES)
    .action(async (inputs: string[], options: AnalyzeCliOptions) => {
      exitCode = await analyzeCommand(inputs, options, streams);
    });

  program
    .command('cluster')
    .description(
      'Group articles into stories (same event, not same topic), in input order as a feed would deliver them',
    )
    .argument('<inputs...>', 'files, directories, http(s) URLs, feeds, JSONL files, or - for stdin')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option('-o, --out <file>', 'write the stories to a file instead of standard output')
    .option('--outlet <name>', 'outlet name for inputs that do not say')
    .option('--date <YYYY-MM-DD>', 'publication date for inputs that do not say', parseDateOption)
    .option('--follow', "fetch each feed item's page instead of using the feed's text", false)
    .option('--timeout <seconds>', 'per-URL fetch timeout', parsePositiveNumber, 20)
    .option('--explain', 'say why each article joined its story or started one', false)
    .addHelpText('after', CLUSTER_HELP)
    .action(async (inputs: string[], options: ClusterCliOptions) => {
      exitCode = await clusterCommand(inputs, options, streams);
    });

  program
    .command('serve')
    .description(
      'Run the local web app and JSON API: paste, drop or link articles and see the report live',
    )
    .addOption(
      new Option('--port <number>', 'port to listen on (0 picks a free one)')
        .argParser(parsePort)
        .default(DEFAULT_SERVE_OPTIONS.port),
    )
    .addOption(
      new Option(
        '--host <address>',
        'interface to listen on; the default keeps the app on this machine',
      ).default(DEFAULT_SERVE_OPTIONS.host),
    )
    .option(
      '--allow-private',
      'let URLs sent to the server reach private, loopback and link-local addresses (refused by default: server-side request forgery)',
      false,
    )
    .addOption(
      new Option('--max-body <bytes>', 'largest request body accepted, in bytes, KB or MB')
        .argParser(parseByteSize)
        .default(DEFAULT_SERVE_OPTIONS.maxBodyBytes, '5MB'),
    )
    .addOption(
      new Option('--attribution-model <model>', 'who-said-what tagger (see analyze --help)')
        .choices([...ATTRIBUTION_MODEL_NAMES])
        .default('accurate'),
    )
    .addHelpText('after', SERVE_HELP)
    .action(async (options: ServeCliOptions) => {
      exitCode = await serveCommand(options, streams);
    });

  addStoreCommands(
    program,
    streams,
    (code) => {
      exitCode = code;
    },
    { positiveNumber: parsePositiveNumber, positiveInteger: parsePositiveInteger },
  );

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return EXIT_OK;
      return EXIT_USAGE;
    }
    streams.stderr.write(`triangulate: internal error: ${(error as Error).message}\n`);
    if (streams.env['TRIANGULATE_DEBUG']) streams.stderr.write(`${(error as Error).stack}\n`);
    streams.stderr.write(
      'This is a bug in triangulate; please report it with the command you ran.\n',
    );
    return 70;
  }
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_USAGE;
  }
  return exitCode;
}

interface AnalyzeCliOptions {
  format: 'text' | 'json' | 'md' | 'html';
  out?: string;
  outlet?: string;
  date?: string;
  follow: boolean;
  timeout: number;
  attributionModel: AttributionModelName;
  background: boolean;
  quiet: boolean;
  verbose: boolean;
  color: boolean;
}

async function analyzeCommand(
  inputs: string[],
  options: AnalyzeCliOptions,
  streams: CliStreams,
): Promise<number> {
  if (refusesToOverwrite(inputs, options.out, streams.stderr)) return EXIT_USAGE;

  const showProgress =
    Boolean(streams.stderr.isTTY) && (inputs.length > 1 || inputs.some(isHttpUrl));
  const progress = (message: string): void => {
    if (showProgress) streams.stderr.write(`\r\u001b[2K${message.slice(0, 100)}`);
  };
  const analysis = await analyzeInputs(inputs, {
    attributionModel: options.attributionModel,
    background: options.background,
    ...(options.outlet ? { outlet: options.outlet } : {}),
    ...(options.date ? { published: options.date } : {}),
    ingest: {
      follow: options.follow,
      fetch: cliFetchOptions(options.timeout),
      onInput: (input) => progress(`reading ${input}`),
    },
    onArticle: (article, done, total) => progress(`analyzed ${done}/${total}: ${article.id}`),
  });
  if (showProgress) streams.stderr.write('\r\u001b[2K');

  printDiagnostics(analysis.diagnostics, streams.stderr, options.verbose);
  if (analysis.articles.length === 0) {
    streams.stderr.write('triangulate: no article could be read\n');
    return EXIT_USAGE;
  }

  const report = buildReport(analysis.articles, analysis.diagnostics, analysis.story);
  const useColor =
    options.color &&
    !options.out &&
    Boolean(streams.stdout.isTTY) &&
    streams.env['NO_COLOR'] === undefined;
  const output =
    options.format === 'json'
      ? JSON.stringify(report, null, 2) + '\n'
      : options.format === 'md'
        ? renderMarkdown(report)
        : options.format === 'html'
          ? renderHtml(report)
          : renderText(report, {
              width: streams.stdout.columns ?? 100,
              color: useColor,
              quiet: options.quiet,
              verbose: options.verbose,
            });
  await writeOutput(output, options.out, streams.stdout);
  const failed = analysis.diagnostics.some((diagnostic) => diagnostic.severity === 'error');
  return failed ? EXIT_INPUT_FAILED : EXIT_OK;
}

const CLUSTER_HELP = `
Each article is cleaned and its names found (no sources or claims: fast enough for archives),
then joins the open story it is most like (weighted words of title and text, shared names) or
starts a new one. Stories stay open for 3 days of article dates; an older report that arrives late
starts its own story. JSON: {"stories": [{"id", "articles", "title", "entities", "span": {"from", "to"}}]}.

Examples:
  triangulate cluster archive.jsonl --format json --out stories.json
  triangulate cluster examples/harbor-strike --explain`;

const SERVE_HELP = `
The API (JSON in and out, errors as {"error": "..."}):
  POST /api/analyze   {"articles": [{"text" | "html" | "url", "id", "outlet", "title", "published"}]}
                      answers the report (schema/report.schema.json)
  GET  /api/schema    the report's JSON Schema
  GET  /              the web app

Limits: request body --max-body (default 5 MB), 50 articles per request, 2 minutes per request;
analyses run one at a time, in order of arrival. URLs are fetched by the server, and only from
public addresses unless --allow-private. Ctrl+C (SIGINT) or SIGTERM stops accepting requests,
finishes the ones received, and exits 0.

Examples:
  triangulate serve
  triangulate serve --port 8080 --attribution-model fast
  curl -s localhost:4173/api/analyze -H 'content-type: application/json' \\
    -d '{"articles": [{"text": "..."}, {"url": "https://example.com/story"}]}'`;

interface ServeCliOptions {
  port: number;
  host: string;
  allowPrivate: boolean;
  maxBody: number;
  attributionModel: AttributionModelName;
}

/** Runs the web app until SIGINT or SIGTERM, then shuts down gracefully; a second signal cuts off what is left. */
async function serveCommand(options: ServeCliOptions, streams: CliStreams): Promise<number> {
  const app = createAppServer({
    page: appPage(),
    host: options.host,
    port: options.port,
    allowPrivate: options.allowPrivate,
    maxBodyBytes: options.maxBody,
    attributionModel: options.attributionModel,
    log: (line) => streams.stderr.write(`${line}\n`),
  });
  let url: URL;
  try {
    url = await app.listen();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? 'the port is in use (choose another with --port)'
        : code === 'EADDRNOTAVAIL'
          ? 'no such address on this machine'
          : code === 'EACCES'
            ? 'permission denied (ports below 1024 need privileges)'
            : (code ?? (error as Error).message);
    streams.stderr.write(`triangulate: cannot listen on ${options.host}:${options.port}: ${why}\n`);
    return EXIT_USAGE;
  }
  if (!/^(127\.|localhost$|::1$)/.test(options.host)) {
    streams.stderr.write(
      `triangulate: warning: listening on ${options.host}: anyone who can reach this machine can use the app\n`,
    );
  }
  streams.stdout.write(`triangulate: serving on ${url.href} (Ctrl+C to stop)\n`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        streams.stderr.write(`triangulate: ${signal} again: cutting off the requests left\n`);
        app.server.closeAllConnections();
        return;
      }
      stopping = true;
      streams.stderr.write(
        `triangulate: ${signal}: finishing the requests received, then stopping\n`,
      );
      void app.close().then(() => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return EXIT_OK;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('expected a port number, 0 to 65535');
  return port;
}

/** `5000000`, `512KB`, `5MB` (binary units, as the limits are stated). */
function parseByteSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size in bytes, e.g. 5000000 or 5MB');
  const unit = (match[2] ?? 'b').toLowerCase();
  const bytes = Math.floor(
    Number(match[1]) * (unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1),
  );
  if (bytes < 1) throw new InvalidArgumentError('expected a size of at least one byte');
  return bytes;
}

function parseDateOption(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  }
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  if (date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day)
    throw new InvalidArgumentError('not a real calendar date');
  return value;
}

function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < 1)
    throw new InvalidArgumentError('expected a whole number, 1 or more');
  return number;
}

function parsePositiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new InvalidArgumentError('expected a positive number');
  return number;
}
