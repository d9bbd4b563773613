/**
 * `--db` to a store: a `postgres://` or `postgresql://` URL opens PostgreSQL, anything else is a
 * SQLite file path; none means the per-user default file.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export type { Store } from './store.js';
export { StoreError } from './store-error.js';
export { canonicalUrl, claimKey, contentHash, ftsQuery, normaliseText } from './store-keys.js';
export { openSqliteStore, SqliteStore } from './sqlite-store.js';

/**
 * Where the store lives when `--db` is not given: `$TRIANGULATE_DB`, else
 * `$XDG_DATA_HOME/triangulate/triangulate.db` (`~/.local/share/…` when XDG_DATA_HOME is unset).
 */
export function defaultStoreLocation(env: NodeJS.ProcessEnv = process.env): string {
  const named = env['TRIANGULATE_DB'];
  if (named) return named;
  const dataHome = env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  return join(dataHome, 'triangulate', 'triangulate.db');
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//iu.test(location);
}

export async function openStore(location: string = defaultStoreLocation()): Promise<Store> {
  return isPostgresUrl(location) ? openPostgresStore(location) : openSqliteStore(location);
}
