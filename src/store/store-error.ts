/** A store refused or failed an operation; `code` says which kind, the message names the store. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: 'newer-schema' | 'bad-query' | 'closed' | 'unreachable' | 'bad-location',
    message: string,
  ) {
    super(message);
  }
}
