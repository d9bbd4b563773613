/** Durations as people write them on a command line: `90s`, `5m`, `2h`, `3d`, or plain seconds. */
const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Milliseconds, or undefined when `text` is not a positive (or, if allowed, zero) duration. */
export function parseDuration(
  text: string,
  options: { allowZero?: boolean } = {},
): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/iu.exec(text);
  if (!match) return undefined;
  const value = Number(match[1]) * UNIT_MS[(match[2] ?? 's').toLowerCase()]!;
  return (value > 0 || (options.allowZero && value === 0)) && Number.isFinite(value)
    ? value
    : undefined;
}

/** A short human form: `5m`, `1h 30m`, `45s`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1_000);
  const parts: string[] = [];
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = seconds % 60;
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  if (rest && !days) parts.push(`${rest}s`);
  return parts.slice(0, 2).join(' ');
}

/**
 * `--since`: a duration back from `now` (`2h`), or a date or date-time (`2026-03-10`,
 * `2026-03-10T08:00Z`), as an ISO instant; undefined when it is neither.
 */
export function parseSince(text: string, now: Date = new Date()): string | undefined {
  const ago = parseDuration(text);
  if (ago !== undefined && /[a-z]$/iu.test(text.trim())) {
    return new Date(now.getTime() - ago).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}/u.test(text.trim())) return undefined;
  const time = Date.parse(text.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
