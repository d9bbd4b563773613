/**
 * Politeness towards each server: requests to one host are spaced at least `delayMs` apart,
 * whichever feed or article page they are for; other hosts are not held up.
 */
export class HostPacer {
  /** Host → when its next request may start (ms since epoch). */
  private readonly nextStart = new Map<string, number>();

  constructor(
    private readonly delayMs: number,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = abortableSleep,
  ) {}

  /** Resolves when a request to `url`'s host may start, and books that slot. */
  async wait(url: string, signal?: AbortSignal): Promise<void> {
    let host: string;
    try {
      host = new URL(url).host;
    } catch {
      return;
    }
    const now = Date.now();
    const start = Math.max(now, this.nextStart.get(host) ?? 0);
    this.nextStart.set(host, start + this.delayMs);
    if (start > now) await this.sleep(start - now, signal);
  }
}

/** setTimeout as a promise that an abort ends early (resolving: the caller checks the signal). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
