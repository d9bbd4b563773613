import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { SerialQueue } from './serial-queue.js';

describe('SerialQueue', () => {
  it('runs tasks one after another, in order of arrival', async () => {
    const queue = new SerialQueue(10);
    const events: string[] = [];
    const task = (name: string, ms: number) => () =>
      new Promise<string>((resolve) => {
        events.push(`start ${name}`);
        setTimeout(() => {
          events.push(`end ${name}`);
          resolve(name);
        }, ms);
      });
    const results = await Promise.all([
      queue.run(task('a', 20)),
      queue.run(task('b', 1)),
      queue.run(task('c', 5)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(queue.size).toBe(0);
  });

  it('goes on after a task fails', async () => {
    const queue = new SerialQueue(10);
    const failed = queue.run(() => Promise.reject(new Error('boom')));
    const next = queue.run(() => Promise.resolve('next'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('refuses a task over capacity with a 503 and Retry-After', async () => {
    const queue = new SerialQueue(2);
    let release = () => {};
    const blocker = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run(() => blocker);
    const second = queue.run(() => Promise.resolve());
    const refused = await queue.run(() => Promise.resolve()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({ status: 503, headers: { 'retry-after': '5' } });
    release();
    await Promise.all([first, second]);
    expect(queue.size).toBe(0);
  });
});
