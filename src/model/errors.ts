/**
 * Typed errors. `InputError` is an expected problem with something the user gave (a missing file,
 * an HTTP 404, a malformed feed): it becomes a one-line diagnostic and the run goes on. Anything
 * else that is thrown is a bug in triangulate and is reported as such.
 */
export type InputErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'empty'
  | 'binary'
  | 'too-large'
  | 'bad-encoding'
  | 'nothing-readable'
  | 'bad-url'
  | 'http'
  | 'network'
  | 'timeout'
  | 'content-type'
  | 'too-many-redirects'
  | 'bad-feed'
  | 'bad-jsonl'
  | 'bad-html'
  | 'bad-meta'
  | 'no-text';

export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly code: InputErrorCode,
    /** The input as the user named it (path, URL, `-`, or `file:line`). */
    readonly input: string,
    message: string,
  ) {
    super(message);
  }
}

/** A violated internal contract (a stage run before what it requires): always a bug. */
export class PipelineError extends Error {
  override readonly name = 'PipelineError';
  constructor(
    readonly code: 'missing-layer' | 'layer-already-set' | 'unsatisfied-requirement' | 'bad-model',
    message: string,
  ) {
    super(message);
  }
}
