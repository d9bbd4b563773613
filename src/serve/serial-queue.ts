import { HttpError } from './http-error.js';

/**
 * Runs tasks one after another. Analysis is CPU-bound and holds a whole story in memory, so doing
 * two at once would not finish either sooner and would double the peak memory; a bounded queue
 * keeps memory bounded too and turns overload into a quick 503 instead of an ever-longer wait.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(
    /** Tasks waiting or running at most; one more is refused. */
    private readonly capacity: number,
  ) {}

  /** Tasks waiting or running now. */
  get size(): number {
    return this.pending;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.pending >= this.capacity) {
      return Promise.reject(
        new HttpError(
          503,
          `the server is busy (${this.pending} analyses queued); try again shortly`,
          { 'retry-after': '5' },
        ),
      );
    }
    this.pending++;
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--,
    );
    return result;
  }
}
