import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseSince } from './durations.js';

describe('durations', () => {
  it('reads what people type', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('30')).toBe(30_000);
    expect(parseDuration('0s')).toBeUndefined();
    expect(parseDuration('0s', { allowZero: true })).toBe(0);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('-5m')).toBeUndefined();
  });

  it('writes them short', () => {
    expect(formatDuration(300_000)).toBe('5m');
    expect(formatDuration(5_400_000)).toBe('1h 30m');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(90_061_000)).toBe('1d 1h');
  });

  it('reads --since as a duration back or a date', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(parseSince('2h', now)).toBe('2026-03-10T10:00:00.000Z');
    expect(parseSince('2026-03-09', now)).toBe('2026-03-09T00:00:00.000Z');
    expect(parseSince('2026-03-09T08:30:00Z', now)).toBe('2026-03-09T08:30:00.000Z');
    expect(parseSince('yesterday', now)).toBeUndefined();
    expect(parseSince('2026-13-45', now)).toBeUndefined();
    // A bare number is ambiguous (seconds? a year?): refused.
    expect(parseSince('2026', now)).toBeUndefined();
  });
});
