/**
 * The commands that read and write the store: `watch` (poll feeds into it), `stories` (what is
 * developing), `story` (one story's report) and `search` (full text).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  ATTRIBUTION_MODEL_NAMES,
  type AttributionModelName,
} from '../attribution/tag-attributions.js';
import { isHttpUrl } from '../ingest/fetch-url.js';
import { InputError } from '../model/errors.js';
import { renderHtml } from '../report/render-html.js';
import { renderMarkdown } from '../report/render-markdown.js';
import { renderText } from '../report/render-text.js';
import { defaultStoreLocation, isPostgresUrl, openStore } from '../store/open-store.js';
import { StoreError } from '../store/store-error.js';
import type { Store, StoredStory, StoryListing } from '../store/store.js';
import { formatDuration, parseDuration, parseSince } from '../stream/durations.js';
import { readOpml } from '../stream/read-opml.js';
import { watchFeeds } from '../stream/watch-feeds.js';
import { cliFetchOptions, writeOutput } from './cli-output.js';
import type { CliStreams } from './run-cli.js';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
/** `stories` without `--since` shows what is new since the last time it was run. */
const LAST_LOOK_KEY = 'stories.last-look';

const DB_HELP =
  'the store: a SQLite file, or a postgres:// URL shared by several workers (default: $TRIANGULATE_DB, else ~/.local/share/triangulate/triangulate.db)';

const WATCH_HELP = `
Each round polls the feeds that are due (a conditional GET: an unchanged feed costs a 304), stores
the items not seen before (by URL, then by text), groups them into stories, and re-analyses each
story that gained articles (claims, origins, conflicts, framing, timeline). A line is printed per
new article and per story updated. A failing feed is retried later and later (up to every 6 h) and
never stops the others. Ctrl+C stops at a safe point: what was stored stays stored, and a second
Ctrl+C stops at once (the store is still whole: every write is a transaction).

Several workers may share a PostgreSQL store (--db postgres://...): each feed and each story is
taken by one worker at a time.

Examples:
  triangulate watch https://example.com/rss https://example.org/atom.xml --interval 10m
  triangulate watch --opml subscriptions.opml --follow --db desk.db
  triangulate watch feeds.opml --once      # one round, then exit (cron)`;

const STORIES_HELP = `
Lists stories touched since --since (default: since the last time this command ran, so each look
shows what is new), newest first, with their counts of claims and conflicts, and how many of them
appeared since then.

Examples:
  triangulate stories
  triangulate stories --since 2h
  triangulate stories --since 2026-03-10 --format json`;

interface StoreCliOptions {
  db?: string;
}

interface WatchCliOptions extends StoreCliOptions {
  opml?: string;
  interval: number;
  follow: boolean;
  once: boolean;
  timeout: number;
  hostDelay: number;
  concurrency: number;
  worker?: string;
  attributionModel: AttributionModelName;
}

interface StoriesCliOptions extends StoreCliOptions {
  since?: string;
  all: boolean;
  limit: number;
  format: 'text' | 'json';
}

interface StoryCliOptions extends StoreCliOptions {
  format: 'text' | 'json' | 'md' | 'html';
  out?: string;
}

interface SearchCliOptions extends StoreCliOptions {
  limit: number;
  format: 'text' | 'json';
}

export function addStoreCommands(
  program: Command,
  streams: CliStreams,
  setExitCode: (code: number) => void,
  parsers: {
    positiveNumber: (value: string) => number;
    positiveInteger: (value: string) => number;
  },
): void {
  const dbOption = () => new Option('--db <file|url>', DB_HELP);
  const durationOption = (
    flags: string,
    description: string,
    fallback: string,
    parse: (value: string) => number = durationArgument(),
  ) => new Option(flags, description).argParser(parse).default(parseDuration(fallback), fallback);

  program
    .command('watch')
    .description(
      'Poll RSS/Atom/JSON feeds, store new articles, group them into stories and keep each story analysed',
    )
    .argument('[feeds...]', 'feed URLs, or OPML files listing them')
    .addOption(dbOption())
    .option('--opml <file>', 'read the feed list from an OPML file (as feed readers export)')
    .addOption(
      durationOption(
        '--interval <duration>',
        'time between polls of a feed (e.g. 90s, 5m, 1h)',
        '5m',
      ),
    )
    .option('--follow', "fetch each new item's page instead of using the feed's text", false)
    .option('--once', 'poll every feed once, now, then exit', false)
    .option('--timeout <seconds>', 'per-request fetch timeout', parsers.positiveNumber, 20)
    .addOption(
      durationOption(
        '--host-delay <duration>',
        'least time between two requests to one host (0s for none)',
        '1s',
        durationArgument({ allowZero: true }),
      ),
    )
    .option('--concurrency <n>', 'feeds polled at once', parsers.positiveInteger, 4)
    .option('--worker <name>', 'this worker’s name in the store (default: host:pid)')
    .addOption(
      new Option('--attribution-model <model>', 'who-said-what tagger (see analyze --help)')
        .choices([...ATTRIBUTION_MODEL_NAMES])
        .default('accurate'),
    )
    .addHelpText('after', WATCH_HELP)
    .action(async (feeds: string[], options: WatchCliOptions) => {
      setExitCode(await watchCommand(feeds, options, streams));
    });

  program
    .command('stories')
    .description('List the stories in the store: what is developing, with new claims and conflicts')
    .addOption(dbOption())
    .option(
      '--since <when>',
      'a duration back (2h, 3d) or a date (2026-03-10); default: the last look',
    )
    .option('--all', 'every story, whenever touched', false)
    .option('--limit <n>', 'at most this many stories', parsers.positiveInteger, 50)
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addHelpText('after', STORIES_HELP)
    .action(async (options: StoriesCliOptions) => {
      setExitCode(await storiesCommand(options, streams));
    });

  program
    .command('story')
    .description('Show one stored story: its articles, why each joined, and its latest report')
    .argument('<id>', 'the story id, as `stories` lists it (e.g. s12)')
    .addOption(dbOption())
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'md', 'html'])
        .default('text'),
    )
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (id: string, options: StoryCliOptions) => {
      setExitCode(await storyCommand(id, options, streams));
    });

  program
    .command('search')
    .description('Full-text search over every stored article')
    .argument(
      '<query...>',
      'words to look for (all must match; quotes and operators are plain text)',
    )
    .addOption(dbOption())
    .option('--limit <n>', 'at most this many hits', parsers.positiveInteger, 20)
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .action(async (query: string[], options: SearchCliOptions) => {
      setExitCode(await searchCommand(query.join(' '), options, streams));
    });
}

/** A commander parser for a duration option; `allowZero` for delays that may be none. */
function durationArgument(options: { allowZero?: boolean } = {}): (value: string) => number {
  return (value) => {
    const ms = parseDuration(value, options);
    if (ms === undefined) {
      throw new InvalidArgumentError(`"${value}" is not a duration (e.g. 30s, 5m, 1h)`);
    }
    return ms;
  };
}

/** Opens the store named by --db, or says why it cannot (one line) and returns undefined. */
async function openStoreFor(
  options: StoreCliOptions,
  streams: CliStreams,
  mustExist: boolean,
): Promise<Store | undefined> {
  const location = options.db ?? defaultStoreLocation(streams.env);
  // Reading commands never create a store: a mistyped --db would show an empty one.
  if (mustExist && !isPostgresUrl(location) && !existsSync(location)) {
    streams.stderr.write(
      `triangulate: no store at ${location} (\`triangulate watch\` creates one; --db names another)\n`,
    );
    return undefined;
  }
  try {
    return await openStore(location);
  } catch (error) {
    if (error instanceof StoreError) {
      streams.stderr.write(`triangulate: ${error.message}\n`);
      return undefined;
    }
    const code = (error as NodeJS.ErrnoException).code;
    const message = error instanceof Error ? error.message : String(error);
    streams.stderr.write(
      `triangulate: cannot open store ${location}: ${code === 'SQLITE_NOTADB' ? 'not a triangulate store (not a SQLite database)' : message}\n`,
    );
    return undefined;
  }
}

/** Runs `work` on the opened store, closing it after; store errors become one line and exit 2. */
async function withStore(
  options: StoreCliOptions,
  streams: CliStreams,
  work: (store: Store) => Promise<number>,
  mustExist = true,
): Promise<number> {
  const store = await openStoreFor(options, streams, mustExist);
  if (!store) return EXIT_USAGE;
  try {
    return await work(store);
  } catch (error) {
    if (error instanceof StoreError) {
      streams.stderr.write(`triangulate: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** Feed URLs from the arguments (URLs, or OPML files) and --opml. */
async function feedList(
  feeds: readonly string[],
  opml: string | undefined,
  streams: CliStreams,
): Promise<string[] | undefined> {
  const urls: string[] = [];
  const files = [...feeds.filter((feed) => !isHttpUrl(feed)), ...(opml ? [opml] : [])];
  urls.push(...feeds.filter(isHttpUrl));
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      streams.stderr.write(
        `triangulate: ${file}: ${code === 'ENOENT' ? 'no such file (a feed must be an http(s) URL or an OPML file)' : (error as Error).message}\n`,
      );
      return undefined;
    }
    try {
      urls.push(...readOpml(text, file));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      streams.stderr.write(`triangulate: ${error.input}: ${error.message}\n`);
      return undefined;
    }
  }
  const bad = urls.find((url) => !isHttpUrl(url));
  if (bad) {
    streams.stderr.write(`triangulate: ${bad}: a feed must be an http(s) URL\n`);
    return undefined;
  }
  return [...new Set(urls)];
}

async function watchCommand(
  feeds: string[],
  options: WatchCliOptions,
  streams: CliStreams,
): Promise<number> {
  const urls = await feedList(feeds, options.opml, streams);
  if (!urls) return EXIT_USAGE;
  if (urls.length === 0) {
    streams.stderr.write('triangulate: watch needs feeds: URLs, OPML files, or --opml FILE\n');
    return EXIT_USAGE;
  }
  return withStore(
    options,
    streams,
    async (store) => {
      const stop = new AbortController();
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals) => {
        signals++;
        if (signals > 1) {
          streams.stderr.write(
            `triangulate: ${signal} again: stopping now (the store stays whole)\n`,
          );
          process.exit(130);
        }
        streams.stderr.write(
          `triangulate: ${signal}: finishing what is in hand, then stopping (again to stop at once)\n`,
        );
        stop.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const worker = options.worker ?? `${hostname()}:${process.pid}`;
      streams.stderr.write(
        `triangulate: watching ${urls.length} ${urls.length === 1 ? 'feed' : 'feeds'}${options.once ? ' once' : ` every ${formatDuration(options.interval)}`}; store ${store.location}\n`,
      );
      try {
        const rounds = await watchFeeds(store, {
          feeds: urls,
          intervalMs: options.interval,
          worker,
          follow: options.follow,
          fetch: cliFetchOptions(options.timeout),
          hostDelayMs: options.hostDelay,
          concurrency: options.concurrency,
          once: options.once,
          attributionModel: options.attributionModel,
          signal: stop.signal,
          log: (line) => streams.stderr.write(`${line}\n`),
        });
        const last = rounds.at(-1);
        const allFailed =
          last !== undefined &&
          last.feeds.length > 0 &&
          last.feeds.every((feed) => feed.status === 'failed');
        return allFailed ? EXIT_FAILED : EXIT_OK;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    },
    false,
  );
}

async function storiesCommand(options: StoriesCliOptions, streams: CliStreams): Promise<number> {
  let since: string | undefined;
  if (options.since !== undefined) {
    since = parseSince(options.since);
    if (since === undefined) {
      streams.stderr.write(
        `triangulate: --since ${options.since}: not a duration (2h, 3d) or a date (2026-03-10)\n`,
      );
      return EXIT_USAGE;
    }
  }
  return withStore(options, streams, async (store) => {
    const now = new Date().toISOString();
    const lastLook = await store.getMeta(LAST_LOOK_KEY);
    const from = options.all ? undefined : (since ?? lastLook);
    const stories = await store.listStories({
      ...(from ? { since: from } : {}),
      limit: options.limit,
    });
    // Only a plain look moves the mark: `--since` and `--all` are questions about the past.
    if (options.since === undefined && !options.all) await store.setMeta(LAST_LOOK_KEY, now);
    if (options.format === 'json') {
      streams.stdout.write(JSON.stringify({ since: from ?? null, stories }, null, 2) + '\n');
      return EXIT_OK;
    }
    const heading = from
      ? `${stories.length} ${stories.length === 1 ? 'story' : 'stories'} touched since ${from}${since === undefined && !options.all ? ' (your last look)' : ''}`
      : `${stories.length} ${stories.length === 1 ? 'story' : 'stories'}`;
    streams.stdout.write(`${heading}\n`);
    for (const story of stories)
      streams.stdout.write(`${storyLines(story, Boolean(from)).join('\n')}\n`);
    if (stories.length === 0 && !from) {
      streams.stdout.write('The store is empty: `triangulate watch FEED...` fills it.\n');
    }
    return EXIT_OK;
  });
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function storyLines(story: StoryListing, showNew: boolean): string[] {
  const span = story.span.from
    ? `; ${story.span.from.slice(0, 10)}${story.span.to && story.span.to.slice(0, 10) !== story.span.from.slice(0, 10) ? ` to ${story.span.to.slice(0, 10)}` : ''}`
    : '';
  const outlets = story.outlets.length ? `: ${story.outlets.join(', ')}` : '';
  const fresh = (count: number) => (showNew && count > 0 ? ` (${count} new)` : '');
  const analysed = story.analyzedAt
    ? `analysed ${story.analyzedAt.slice(0, 16).replace('T', ' ')} UTC`
    : 'not analysed yet';
  return [
    `${story.id}  ${story.title}`,
    `    ${plural(story.articles, 'article')}${outlets}${span}`,
    `    ${plural(story.claims, 'claim')}${fresh(story.newClaims)}, ${plural(story.conflicts, 'conflict')}${fresh(story.newConflicts)}; ${analysed}`,
  ];
}

async function storyCommand(
  id: string,
  options: StoryCliOptions,
  streams: CliStreams,
): Promise<number> {
  return withStore(options, streams, async (store) => {
    const story = await store.story(id);
    if (!story) {
      streams.stderr.write(
        `triangulate: no story ${id} in ${store.location} (\`triangulate stories --all\` lists them)\n`,
      );
      return EXIT_USAGE;
    }
    if (options.format === 'json') {
      await writeOutput(JSON.stringify(story, null, 2) + '\n', options.out, streams.stdout);
      return EXIT_OK;
    }
    if (!story.report) {
      if (options.format !== 'text') {
        streams.stderr.write(
          `triangulate: story ${id} has not been analysed yet (watch analyses it after its round)\n`,
        );
        return EXIT_FAILED;
      }
      await writeOutput(
        `${storyHeader(story).join('\n')}\n(not analysed yet)\n`,
        options.out,
        streams.stdout,
      );
      return EXIT_OK;
    }
    const output =
      options.format === 'md'
        ? renderMarkdown(story.report)
        : options.format === 'html'
          ? renderHtml(story.report)
          : `${storyHeader(story).join('\n')}\n\n${renderText(story.report, {
              width: streams.stdout.columns ?? 100,
              color: false,
              quiet: false,
              verbose: false,
            })}`;
    await writeOutput(output, options.out, streams.stdout);
    return EXIT_OK;
  });
}

function storyHeader(story: StoredStory): string[] {
  return [
    ...storyLines(story, false),
    '    articles, and why each joined:',
    ...story.members.map(
      (member) => `      ${member.sourceId}: ${member.reason ?? '(added with the report)'}`,
    ),
  ];
}

async function searchCommand(
  query: string,
  options: SearchCliOptions,
  streams: CliStreams,
): Promise<number> {
  return withStore(options, streams, async (store) => {
    const hits = await store.search(query, options.limit);
    if (options.format === 'json') {
      streams.stdout.write(JSON.stringify({ query, hits }, null, 2) + '\n');
      return EXIT_OK;
    }
    if (hits.length === 0) {
      streams.stdout.write(`no stored article matches ${JSON.stringify(query)}\n`);
      return EXIT_OK;
    }
    for (const hit of hits) {
      const about = [hit.outlet, hit.published?.slice(0, 10)].filter(Boolean).join(', ');
      streams.stdout.write(
        `#${hit.id}  ${hit.title ?? hit.sourceId}${about ? ` (${about})` : ''}\n`,
      );
      if (hit.url) streams.stdout.write(`    ${hit.url}\n`);
      streams.stdout.write(`    ${hit.snippet.replace(/\s+/gu, ' ')}\n`);
    }
    return EXIT_OK;
  });
}
