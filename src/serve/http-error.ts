/**
 * An expected failure of a request, answered as `{ "error": message }` with its status. The
 * message is one line written for the person using the API; anything else thrown while handling a
 * request is a bug, logged on the server and answered as a plain 500.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers (`allow` for 405, `retry-after` for 503). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message.replace(/\s+/g, ' ').trim());
  }
}
